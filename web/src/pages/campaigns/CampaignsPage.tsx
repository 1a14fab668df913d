// /campaigns: the special campaigns the user takes part in or whose scope covers their jurisdiction.
import { FlagOutlined } from '@ant-design/icons';
import { Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { type CampaignSummary, listCampaigns } from '../../api/campaigns';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useApi } from '../../hooks/useApi';
import { useLabels } from '../../i18n/useLabels';
import { CAMPAIGN_STATUSES, CampaignPeriod, CampaignStatusTag } from './campaignViews';

export default function CampaignsPage() {
  const { t } = useTranslation();
  const { localName } = useLabels();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? undefined) as CampaignSummary['status'] | undefined;
  const q = params.get('q') ?? undefined;
  const result = useApi((signal) => listCampaigns({ status, q }, signal), [status, q]);

  const set = (key: string, value?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  return (
    <>
      <PageTitle>{t('nav.campaigns')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('campaigns.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          defaultValue={q ?? ''}
          placeholder={t('campaigns.search')}
          onSearch={(v) => set('q', v.trim())}
          style={{ width: 280 }}
        />
        <Select
          allowClear
          placeholder={t('campaigns.fields.status')}
          style={{ width: 160 }}
          value={status}
          options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaigns.status.${s}`) }))}
          onChange={(s?: string) => set('status', s)}
        />
      </Space>
      {result.error ? <ErrorAlert error={result.error} onRetry={result.reload} /> : null}
      <Table<CampaignSummary>
        rowKey="id"
        data-testid="campaign-list"
        dataSource={result.data?.items ?? []}
        loading={result.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={<FlagOutlined style={{ fontSize: 32 }} />} description={t('campaigns.none')} /> }}
        columns={[
          {
            title: t('campaigns.fields.name'),
            fixed: 'left',
            render: (_: unknown, c) => <Link to={`/campaigns/${encodeURIComponent(c.code)}`}>{localName(c)}</Link>,
          },
          { title: t('campaigns.fields.status'), dataIndex: 'status', render: (s: CampaignSummary['status']) => <CampaignStatusTag status={s} /> },
          { title: t('campaigns.fields.period'), render: (_: unknown, c) => <CampaignPeriod campaign={c} /> },
          { title: t('campaigns.fields.kind'), dataIndex: 'kind', render: (k: CampaignSummary['kind']) => t(`campaigns.kind.${k}`) },
          { title: t('campaigns.fields.scope'), render: (_: unknown, c) => c.jurisdictions.map((j) => localName(j)).join('、') },
          {
            title: t('campaigns.fields.leadAgencies'),
            render: (_: unknown, c) => c.agencies.filter((a) => a.role === 'lead').map((a) => <Tag key={a.agencyId}>{localName(a)}</Tag>),
          },
        ]}
      />
    </>
  );
}
