import { Button, Space, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Agency, AgencyPage } from '../../api/types';
import { ApiTable } from '../../components/ApiTable';
import { JurisdictionName } from '../../components/JurisdictionName';
import type { ApiResult } from '../../hooks/useApi';
import { useLabels } from '../../i18n/useLabels';

export interface AgencyActions {
  onEdit: (agency: Agency) => void;
  onToggle: (agency: Agency) => void;
}

export function AgenciesTable({
  result,
  actions,
  busyId,
}: {
  result: ApiResult<AgencyPage>;
  actions?: AgencyActions | undefined;
  busyId?: string | null;
}) {
  const { t } = useTranslation();
  const { label, localName } = useLabels();

  const columns: TableColumnsType<Agency> = [
    { key: 'name', title: t('org.name'), fixed: 'left', render: (_, agency) => localName(agency) },
    { key: 'kind', title: t('org.kind'), render: (_, agency) => <Tag>{label('agencyKinds', agency.kind)}</Tag> },
    { key: 'jurisdiction', title: t('admin.jurisdiction'), render: (_, agency) => <JurisdictionName code={agency.jurisdictionCode} /> },
    {
      key: 'status',
      title: t('org.status'),
      render: (_, agency) => (agency.disabled ? <Tag>{t('org.disabled')}</Tag> : <Tag color="green">{t('org.active')}</Tag>),
    },
    ...(actions
      ? [
          {
            key: 'actions',
            title: t('admin.actions'),
            fixed: 'right' as const,
            render: (_: unknown, agency: Agency) => (
              <Space>
                <Button size="small" onClick={() => actions.onEdit(agency)}>
                  {t('admin.edit')}
                </Button>
                <Button size="small" danger={!agency.disabled} loading={busyId === agency.id} onClick={() => actions.onToggle(agency)}>
                  {agency.disabled ? t('admin.enable') : t('admin.disable')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <ApiTable<Agency>
      data-testid="agencies-table"
      rowKey="id"
      result={result}
      columns={columns}
      pagination={{ hideOnSinglePage: true, showTotal: (total) => t('common.total', { count: total }) }}
      errorOnly
    />
  );
}
