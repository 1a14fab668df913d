// Changing your own password: the current one is required; the server ends your other sessions.
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../api/org';
import { FormModal } from './FormModal';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}
const FIELDS = ['currentPassword', 'newPassword'] as const;

export function PasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  return (
    <FormModal<Values>
      form={form}
      name="password"
      fields={FIELDS}
      open={open}
      title={t('account.changePassword')}
      okText={t('admin.save')}
      cancelText={t('admin.cancel')}
      onCancel={onClose}
      testId="password-modal"
      okTestId="password-save"
      errorTestId="password-error"
      intro={<p>{t('account.intro')}</p>}
      onSubmit={async (v) => {
        await changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
        void message.success(t('account.changed'));
        onClose();
      }}
    >
      <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('admin.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('account.newPassword')}
        extra={t('admin.passwordHint')}
        rules={[
          { required: true, message: t('admin.required') },
          { min: 10, message: t('admin.passwordHint') },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('account.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('admin.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('account.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
