import { Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Agency, User, UserPage } from '../../api/types';
import { ApiTable } from '../../components/ApiTable';
import { RoleTags } from '../../components/RoleTags';
import type { ApiResult } from '../../hooks/useApi';
import { useLabels } from '../../i18n/useLabels';

export function UsersTable({ result, agencies }: { result: ApiResult<UserPage>; agencies: readonly Agency[] }) {
  const { t } = useTranslation();
  const { localName } = useLabels();

  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  const columns: TableColumnsType<User> = [
    { key: 'username', title: t('org.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('org.displayName'), dataIndex: 'displayName' },
    { key: 'roles', title: t('org.roles'), render: (_, user) => <RoleTags roles={user.roles} /> },
    {
      key: 'agency',
      title: t('org.agency'),
      render: (_, user) => {
        const agency = agencyById.get(user.agencyId);
        return agency ? localName(agency) : user.agencyId;
      },
    },
    { key: 'jurisdictionCode', title: t('org.jurisdictionCode'), dataIndex: 'jurisdictionCode' },
    {
      key: 'status',
      title: t('org.status'),
      render: (_, user) =>
        user.disabled ? <Tag color="default">{t('org.disabled')}</Tag> : <Tag color="green">{t('org.active')}</Tag>,
    },
  ];
  return (
    <ApiTable<User>
      data-testid="users-table"
      rowKey="id"
      result={result}
      columns={columns}
      pagination={{ hideOnSinglePage: true, showTotal: (total) => t('common.total', { count: total }) }}
      errorOnly
    />
  );
}
