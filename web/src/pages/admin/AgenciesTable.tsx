import { Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Agency, AgencyPage } from '../../api/types';
import { ApiTable } from '../../components/ApiTable';
import type { ApiResult } from '../../hooks/useApi';
import { useLabels } from '../../i18n/useLabels';

export function AgenciesTable({ result }: { result: ApiResult<AgencyPage> }) {
  const { t } = useTranslation();
  const { label, localName } = useLabels();

  const columns: TableColumnsType<Agency> = [
    { key: 'name', title: t('org.name'), render: (_, agency) => localName(agency) },
    { key: 'kind', title: t('org.kind'), render: (_, agency) => <Tag>{label('agencyKinds', agency.kind)}</Tag> },
    { key: 'jurisdictionCode', title: t('org.jurisdictionCode'), dataIndex: 'jurisdictionCode' },
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
