import { Button, Space, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Agency, User, UserPage } from '../../api/types';
import { ApiTable } from '../../components/ApiTable';
import { JurisdictionName } from '../../components/JurisdictionName';
import { RoleTags } from '../../components/RoleTags';
import type { ApiResult } from '../../hooks/useApi';
import { useLabels } from '../../i18n/useLabels';

export interface UserActions {
  onEdit: (user: User) => void;
  onToggle: (user: User) => void;
}

/** Users by display name (username beneath); edit and disable/enable when `actions` is given (org.users.write). */
export function UsersTable({
  result,
  agencies,
  actions,
  busyId,
}: {
  result: ApiResult<UserPage>;
  agencies: readonly Agency[];
  actions?: UserActions | undefined;
  busyId?: string | null;
}) {
  const { t } = useTranslation();
  const { localName } = useLabels();

  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  const columns: TableColumnsType<User> = [
    {
      key: 'displayName',
      title: t('org.displayName'),
      fixed: 'left',
      render: (_, user) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <Typography.Text type="secondary">{user.username}</Typography.Text>
        </Space>
      ),
    },
    { key: 'roles', title: t('org.roles'), render: (_, user) => <RoleTags roles={user.roles} /> },
    {
      key: 'agency',
      title: t('org.agency'),
      render: (_, user) => {
        const agency = agencyById.get(user.agencyId);
        return agency ? localName(agency) : <Tooltip title={user.agencyId}>{t('admin.unknownAgency')}</Tooltip>;
      },
    },
    { key: 'jurisdiction', title: t('admin.jurisdiction'), render: (_, user) => <JurisdictionName code={user.jurisdictionCode} /> },
    {
      key: 'status',
      title: t('org.status'),
      render: (_, user) => (user.disabled ? <Tag color="default">{t('org.disabled')}</Tag> : <Tag color="green">{t('org.active')}</Tag>),
    },
    ...(actions
      ? [
          {
            key: 'actions',
            title: t('admin.actions'),
            fixed: 'right' as const,
            render: (_: unknown, user: User) => (
              <Space>
                <Button size="small" onClick={() => actions.onEdit(user)} data-testid={`user-edit-${user.username}`}>
                  {t('admin.edit')}
                </Button>
                <Button
                  size="small"
                  danger={!user.disabled}
                  loading={busyId === user.id}
                  onClick={() => actions.onToggle(user)}
                  data-testid={`user-toggle-${user.username}`}
                >
                  {user.disabled ? t('admin.enable') : t('admin.disable')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
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
