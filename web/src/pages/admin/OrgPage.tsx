// /admin/org (admins and commanders): agencies and users, as the server scopes them.
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { listAgencies, listUsers } from '../../api/org';
import { PageTitle } from '../../components/PageTitle';
import { useApi } from '../../hooks/useApi';
import { AgenciesTable } from './AgenciesTable';
import { UsersTable } from './UsersTable';

export default function OrgPage() {
  const { t } = useTranslation();
  const agencies = useApi(listAgencies);
  const users = useApi(listUsers);
  return (
    <>
      <PageTitle>{t('org.title')}</PageTitle>
      <div className="lf-stack">
        <Card title={t('org.agencies')}>
          <AgenciesTable result={agencies} />
        </Card>
        <Card title={t('org.users')}>
          <UsersTable result={users} agencies={agencies.data?.items ?? []} />
        </Card>
      </div>
    </>
  );
}
