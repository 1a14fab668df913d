// /login: username + password. Shows translated errors (wrong password, locked, rate limited,
// validation). After signing in goes to `/` (or back to the page that sent the user here).
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { Brand } from '../../components/Brand';
import { FullPageSpin } from '../../components/FullPageSpin';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageTitle } from '../../components/PageTitle';
import { LoginForm } from './LoginForm';

function redirectTarget(state: unknown): string {
  const from = (state as { from?: { pathname?: string; search?: string } } | null)?.from;
  if (!from?.pathname || from.pathname === '/login') return '/';
  return `${from.pathname}${from.search ?? ''}`;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const location = useLocation();

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'authenticated') return <Navigate to={redirectTarget(location.state)} replace />;

  return (
    <main className="lf-login">
      <div className="lf-login-lang">
        <LanguageSwitch />
      </div>
      <Card className="lf-login-card">
        <div className="lf-login-brand">
          <Brand />
        </div>
        <Typography.Paragraph type="secondary" className="lf-login-tagline">
          {t('app.tagline')}
        </Typography.Paragraph>
        <PageTitle>{t('auth.loginTitle')}</PageTitle>
        <LoginForm />
      </Card>
      <Link to="/public" className="lf-login-public">
        {t('auth.toPublic')}
      </Link>
    </main>
  );
}
