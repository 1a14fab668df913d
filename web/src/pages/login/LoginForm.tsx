// The sign-in form. Input ids are `username` and `password` (antd derives them from the field
// names because the Form has no `name`); the submit button is data-testid="login-submit".
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormSubmit } from '../../hooks/useFormSubmit';

interface Values {
  username: string;
  password: string;
}

const FIELD_NAMES: readonly (keyof Values)[] = ['username', 'password'];

export function LoginForm() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [form] = Form.useForm<Values>();
  // Stays busy after success: LoginPage redirects once the auth state says "authenticated".
  const { submitting, error, onFinish } = useFormSubmit(
    form,
    FIELD_NAMES,
    async (values: Values) => {
      await login(values.username.trim(), values.password);
    },
    { stayBusyOnSuccess: true },
  );

  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={submitting}>
      {error ? (
        <div className="lf-login-error" data-testid="login-error">
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
        {t('auth.submit')}
      </Button>
    </Form>
  );
}
