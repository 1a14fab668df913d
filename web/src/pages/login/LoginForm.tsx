// The sign-in form. Input ids are `username` and `password` (antd derives them from the field
// names because the Form has no `name`); the submit button is data-testid="login-submit".
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Values {
  username: string;
  password: string;
}

const FIELD_NAMES: readonly (keyof Values)[] = ['username', 'password'];

/** Server field paths may look like "username", "/username" or "body.username". */
function fieldName(path: string): keyof Values | undefined {
  const last = path.split(/[./]/).filter(Boolean).pop();
  return FIELD_NAMES.find((name) => name === last);
}

export function LoginForm() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await login(values.username.trim(), values.password);
      // LoginPage redirects once the auth state says "authenticated".
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.fields.length) {
        form.setFields(
          err.fields.flatMap((f) => {
            const name = fieldName(f.path);
            return name ? [{ name, errors: [f.message] }] : [];
          }),
        );
      }
      setSubmitting(false);
    }
  };

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
