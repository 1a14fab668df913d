// `/`: greets the user, shows their account (jurisdiction, agency, roles) from /api/auth/me,
// and says which figures the stats module will bring here.
import { LineChartOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/AuthContext';
import { ComingSoon } from '../../components/ComingSoon';
import { PageTitle } from '../../components/PageTitle';
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
      <Typography.Paragraph type="secondary">{t('dashboard.intro')}</Typography.Paragraph>
      <div className="lf-stack">
        <ProfileCard me={me} />
        <Card>
          <ComingSoon
            icon={<LineChartOutlined />}
            title={t('dashboard.figuresTitle')}
            description={t('dashboard.figuresDescription')}
          />
        </Card>
      </div>
    </>
  );
}
