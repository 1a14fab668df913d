// `/`: greets the user, shows the CompStat dashboard of their jurisdiction and their account.
import { Collapse, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/AuthContext';
import { PageTitle } from '../../components/PageTitle';
import { CompStat } from './CompStat';
import { ProfileCard } from './ProfileCard';

export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageTitle>{t('dashboard.title')}</PageTitle>
      <Typography.Title level={2} className="lf-greeting" data-testid="greeting">
        {t('dashboard.greeting', { name: me.displayName || me.username })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('stats.intro')}</Typography.Paragraph>
      <div className="lf-stack">
        <CompStat />
        <Collapse items={[{ key: 'profile', label: t('dashboard.profile'), children: <ProfileCard me={me} /> }]} />
      </div>
    </>
  );
}
