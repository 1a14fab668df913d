// The records behind a figure: every number on the dashboard opens this drawer.

import { Drawer, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type Drilldown, type DrilldownQuery, getDrilldown } from '../../api/stats';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JurisdictionName } from '../../components/JurisdictionName';
import { formatValue } from './format';

export interface DrilldownTarget {
  title: string;
  query: DrilldownQuery;
}

export function DrilldownDrawer({ target, onClose }: { target: DrilldownTarget | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Drilldown | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => setPage(1), [target]);
  useEffect(() => {
    if (!target) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    getDrilldown({ ...target.query, page, pageSize: 20 }, controller.signal)
      .then(setData, (err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [target, page]);

  return (
    <Drawer open={target !== null} onClose={onClose} size={760} title={target?.title} destroyOnHidden data-testid="drilldown">
      {error ? <ErrorAlert error={error} /> : null}
      {data ? (
        <Typography.Paragraph type="secondary" data-testid="drilldown-total">
          {t('stats.drilldown.summary', { total: formatValue(data.total, i18n.language), from: data.period.from, to: data.period.to })}
        </Typography.Paragraph>
      ) : null}
      <Table
        rowKey={(r) => `${r.recordKind}:${r.recordId}:${r.caseId ?? ''}`}
        loading={loading}
        dataSource={data?.items ?? []}
        size="small"
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { title: t('stats.drilldown.date'), dataIndex: 'at', render: (at: string) => <DateTime iso={at} /> },
          {
            title: t('stats.drilldown.kind'),
            dataIndex: 'recordKind',
            render: (kind: string) => <Tag>{t(`stats.recordKinds.${kind}`, { defaultValue: kind })}</Tag>,
          },
          {
            title: t('stats.drilldown.record'),
            key: 'record',
            render: (_, r) => (r.caseId ? <Link to={`/cases/${r.caseId}`}>{r.caseNo}</Link> : r.title),
          },
          { title: t('stats.drilldown.title'), dataIndex: 'title', ellipsis: true },
          { title: t('stats.drilldown.jurisdiction'), dataIndex: 'jurisdictionCode', render: (code: string) => <JurisdictionName code={code} /> },
          { title: t('stats.drilldown.value'), dataIndex: 'value', align: 'right', render: (v: number) => formatValue(v, i18n.language) },
        ]}
      />
    </Drawer>
  );
}
