// Create a user, or edit one (display name, roles, agency, jurisdiction, active). The server checks scope and names
// any field at fault; its field errors show under the fields.
import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { createUser, updateUser } from '../../api/org';
import { type Agency, ROLES, type Role, type User } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { FormModal } from '../../components/FormModal';
import { JurisdictionCascader } from '../../components/JurisdictionCascader';
import { useLabels } from '../../i18n/useLabels';

interface Values {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  agencyId: string;
  jurisdictionCode: string;
  active: boolean;
}

const FIELDS = ['username', 'password', 'displayName', 'roles', 'agencyId', 'jurisdictionCode', 'disabled'] as const;

/** `user` undefined: a new user. */
export function UserModal({
  open,
  user,
  agencies,
  onClose,
  onSaved,
}: {
  open: boolean;
  user: User | undefined;
  agencies: readonly Agency[];
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const { t } = useTranslation();
  const { label, localName } = useLabels();
  const [form] = Form.useForm<Values>();
  const me = useMe();
  const editing = !!user;

  const submit = async (v: Values) => {
    const saved = user
      ? await updateUser(user.id, {
          displayName: v.displayName,
          roles: v.roles,
          agencyId: v.agencyId,
          jurisdictionCode: v.jurisdictionCode,
          disabled: !v.active,
        })
      : await createUser({
          username: v.username,
          password: v.password,
          displayName: v.displayName,
          roles: v.roles,
          agencyId: v.agencyId,
          jurisdictionCode: v.jurisdictionCode,
        });
    onSaved(saved);
  };

  return (
    <FormModal<Values>
      form={form}
      name="user"
      fields={FIELDS}
      onSubmit={submit}
      open={open}
      title={editing ? t('admin.users.editTitle', { name: user.displayName }) : t('admin.users.newTitle')}
      okText={t('admin.save')}
      cancelText={t('admin.cancel')}
      onCancel={onClose}
      testId="user-modal"
      okTestId="user-save"
      errorTestId="user-error"
      // A new user starts in the admin's own agency and jurisdiction, the most common case.
      initialValues={
        user
          ? { ...user, active: !user.disabled }
          : { roles: ['investigator'], active: true, agencyId: me.agency.id, jurisdictionCode: me.jurisdiction.code }
      }
    >
      {!editing && (
        <Form.Item
          name="username"
          label={t('org.username')}
          extra={t('admin.users.usernameHint')}
          rules={[{ required: true, message: t('admin.required') }]}
        >
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
      )}
      {!editing && (
        <Form.Item
          name="password"
          label={t('admin.users.initialPassword')}
          extra={t('admin.passwordHint')}
          rules={[
            { required: true, message: t('admin.required') },
            { min: 10, message: t('admin.passwordHint') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
      )}
      <Form.Item name="displayName" label={t('org.displayName')} rules={[{ required: true, message: t('admin.required') }]}>
        <Input data-testid="user-display-name" />
      </Form.Item>
      <Form.Item name="roles" label={t('org.roles')} rules={[{ required: true, message: t('admin.required') }]}>
        <Select mode="multiple" data-testid="user-roles" options={ROLES.map((r) => ({ value: r, label: label('roles', r) }))} />
      </Form.Item>
      <Form.Item name="agencyId" label={t('org.agency')} rules={[{ required: true, message: t('admin.required') }]}>
        <Select
          showSearch
          optionFilterProp="label"
          data-testid="user-agency"
          options={agencies.filter((a) => !a.disabled || a.id === user?.agencyId).map((a) => ({ value: a.id, label: localName(a) }))}
        />
      </Form.Item>
      <Form.Item name="jurisdictionCode" label={t('admin.jurisdiction')} rules={[{ required: true, message: t('admin.required') }]}>
        <JurisdictionCascader data-testid="user-jurisdiction" />
      </Form.Item>
      {editing && (
        <Form.Item name="active" label={t('org.status')} valuePropName="checked">
          <Switch checkedChildren={t('org.active')} unCheckedChildren={t('org.disabled')} data-testid="user-active" />
        </Form.Item>
      )}
    </FormModal>
  );
}
