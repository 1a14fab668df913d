import { LoginOutlined } from '@ant-design/icons';
import { Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router-dom';
import { Brand } from '../components/Brand';
import { LanguageSwitch } from '../components/LanguageSwitch';

const LINKS = [
  { to: '/public/objects', key: 'public.objects.title' },
  { to: '/public/reports', key: 'public.reports.title' },
  { to: '/public/tips', key: 'public.tips.title' },
] as const;

export function PublicTopBar() {
  const { t } = useTranslation();
  return (
    <Layout.Header className="lf-public-header">
      <Link to="/public" className="lf-header-brand">
        <Brand inverted subtitle={t('public.portalName')} />
      </Link>
      <nav className="lf-public-nav" aria-label={t('public.navLabel')}>
        {LINKS.map((link) => (
          <NavLink key={link.to} to={link.to} className="lf-public-link">
            {t(link.key)}
          </NavLink>
        ))}
      </nav>
      <div className="lf-public-actions">
        <LanguageSwitch />
        <Link to="/login" className="lf-public-link lf-public-staff" aria-label={t('public.staffLogin')}>
          <LoginOutlined aria-hidden /> <span className="lf-hide-xs">{t('public.staffLogin')}</span>
        </Link>
      </div>
    </Layout.Header>
  );
}
