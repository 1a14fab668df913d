// CompStat: the key metrics of the user's jurisdiction with comparison, change and significance,
// a monthly trend with forecast, a choropleth of the child jurisdictions, and breakdowns by category
// and campaign. Every number opens the records behind it.
import { Card, DatePicker, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import ReactECharts from 'echarts-for-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { COMPARISONS, getByCampaign, getDashboard, getLatestMonth, type Comparison, type Dashboard, type Figure } from '../../api/stats';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DrilldownDrawer, type DrilldownTarget } from './DrilldownDrawer';
import { TrendCard } from './TrendCard';
import { ChildMapCard } from './ChildMapCard';
import { useMe } from '../../auth/AuthContext';
import { formatChange, formatValue, pick } from './format';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The last full calendar year, or, when the records stop earlier, the last year they run to the
 * end of (records that stop in January 2021 open the dashboard on 2020, not on one month of 2021).
 */
function defaultPeriod(latestMonth: string | null) {
  const lastYear = dayjs().year() - 1;
  const latestFullYear = latestMonth ? Number(latestMonth.slice(0, 4)) - (latestMonth.slice(5, 7) === '12' ? 0 : 1) : lastYear;
  const year = Math.min(lastYear, latestFullYear);
  const start = dayjs(`${year}-01-01`);
  return { from: start.format('YYYY-MM-DD'), to: start.endOf('year').format('YYYY-MM-DD') };
}

export function CompStat() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const given = DAY.test(params.get('from') ?? '') && DAY.test(params.get('to') ?? '');
  const from = given ? params.get('from')! : '';
  const to = given ? params.get('to')! : '';
  const compare = (COMPARISONS as string[]).includes(params.get('compare') ?? '') ? (params.get('compare') as Comparison) : 'yoy';
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [drill, setDrill] = useState<DrilldownTarget | null>(null);
  const [trendMetric, setTrendMetric] = useState('cases_solved');

  useEffect(() => {
    if (given) return;
    const controller = new AbortController();
    const openOn = (latest: string | null) => {
      if (controller.signal.aborted) return;
      setParams((p) => {
        const copy = new URLSearchParams(p);
        const period = defaultPeriod(latest);
        copy.set('from', period.from);
        copy.set('to', period.to);
        return copy;
      }, { replace: true });
    };
    getLatestMonth(controller.signal).then((r) => openOn(r.month), () => openOn(null));
    return () => controller.abort();
  }, [given, setParams]);

  useEffect(() => {
    if (!from || !to) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    getDashboard({ from, to, compare }, controller.signal)
      .then(setData, (err: unknown) => { if (!controller.signal.aborted) setError(err); })
      .finally(() => { if (!controller.signal.aborted) setLoading(false); });
    return () => controller.abort();
  }, [from, to, compare]);

  // Campaigns are counted from the records (no rollup), so they load on their own, after the table.
  const [campaigns, setCampaigns] = useState<Dashboard['byCategory'] | null>(null);
  const campaignMetric = data?.breakdownMetric;
  useEffect(() => {
    if (!from || !to || !campaignMetric) return;
    const controller = new AbortController();
    setCampaigns(null);
    getByCampaign({ metric: campaignMetric, from, to }, controller.signal)
      .then((r) => setCampaigns(r.items.map((i) => ({ code: i.code, name: i.name, value: i.value }))), () => { if (!controller.signal.aborted) setCampaigns([]); });
    return () => controller.abort();
  }, [from, to, campaignMetric]);

  const update = (next: Record<string, string>) => setParams((p) => {
    const copy = new URLSearchParams(p);
    for (const [k, v] of Object.entries(next)) copy.set(k, v);
    return copy;
  });

  const open = (figure: Figure, side: 'current' | 'previous', extra: { jurisdiction?: string; category?: string } = {}) => setDrill({
    title: `${pick(figure.name, lang)} · ${side === 'current' ? `${figure.scope.from} – ${figure.scope.to}` : `${figure.comparison?.period.from} – ${figure.comparison?.period.to}`}`,
    query: { metric: figure.metric, from, to, compare, side, ...extra },
  });

  const numberLink = (value: number | null, onClick: () => void, testId: string) => (
    <Typography.Link onClick={onClick} data-testid={testId}>{formatValue(value, lang)}</Typography.Link>
  );

  const breakdownMetric = data?.figures.find((f) => f.metric === data.breakdownMetric);
  type BarKind = 'category' | 'campaign';
  const bar = (items: Dashboard['byCategory'], kind: BarKind) => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: items.map((i) => pick(i.name, lang)) },
    series: [{ type: 'bar', data: items.map((i) => ({ value: i.value ?? 0, code: i.code, kind })), itemStyle: { color: kind === 'campaign' ? '#d46b08' : '#13a8a8' } }],
  });
  const onBarClick = (items: Dashboard['byCategory'], kind: BarKind) => ({
    click: (event: { dataIndex: number }) => {
      const item = items[event.dataIndex];
      if (!item || !breakdownMetric) return;
      setDrill({
        title: `${pick(breakdownMetric.name, lang)} · ${pick(item.name, lang)}`,
        query: { metric: breakdownMetric.metric, from, to, ...(kind === 'campaign' ? { campaign: item.code } : { category: item.code }) },
      });
    },
  });

  const metricOptions = useMemo(() => (data?.figures ?? []).map((f) => ({ value: f.metric, label: pick(f.name, lang) })), [data, lang]);

  return (
    <div className="lf-stack" data-testid="compstat">
      <Card>
        <Space wrap>
          <span>{t('stats.period')}</span>
          <DatePicker.RangePicker
            allowClear={false}
            value={given ? [dayjs(from), dayjs(to)] : null}
            onChange={(range) => {
              if (range?.[0] && range[1]) update({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });
            }}
            data-testid="period-picker"
          />
          <span>{t('stats.compareWith')}</span>
          <Select
            value={compare}
            style={{ minWidth: 160 }}
            onChange={(value) => update({ compare: value })}
            options={COMPARISONS.map((c) => ({ value: c, label: t(`stats.comparisons.${c}`) }))}
            data-testid="compare-select"
          />
        </Space>
      </Card>
      {error ? <ErrorAlert error={error} /> : null}
      <Card title={t('stats.keyMetrics')}>
        <Table
          rowKey="metric"
          loading={loading}
          pagination={false}
          size="middle"
          dataSource={data?.figures ?? []}
          data-testid="key-metrics"
          columns={[
            {
              title: t('stats.metric'), key: 'name',
              render: (_, f) => <Tooltip title={pick(f.definition, lang)}>{pick(f.name, lang)}</Tooltip>,
            },
            {
              title: t('stats.current'), key: 'value', align: 'right',
              render: (_, f) => <>{numberLink(f.value, () => open(f, 'current'), `value-${f.metric}`)} <Typography.Text type="secondary">{pick(f.unitName, lang)}</Typography.Text></>,
            },
            {
              title: t('stats.previous'), key: 'previous', align: 'right',
              render: (_, f) => numberLink(f.comparison?.previous ?? null, () => open(f, 'previous'), `previous-${f.metric}`),
            },
            {
              title: t('stats.difference'), key: 'difference', align: 'right',
              render: (_, f) => (f.comparison?.difference === null || f.comparison?.difference === undefined ? '—' : `${f.comparison.difference > 0 ? '+' : ''}${formatValue(f.comparison.difference, lang)}`),
            },
            {
              title: t('stats.change'), key: 'change', align: 'right',
              render: (_, f) => {
                const pct = f.comparison?.changePct;
                return <Typography.Text type={pct === null || pct === undefined || pct === 0 ? undefined : pct > 0 ? 'success' : 'danger'}>{formatChange(pct)}</Typography.Text>;
              },
            },
            {
              title: t('stats.significance'), key: 'significant',
              render: (_, f) => {
                const s = f.comparison?.significance;
                if (!s || s.significant === null) return <Tag>{t('stats.notTested')}</Tag>;
                return (
                  <Tooltip title={t('stats.pValue', { p: s.pValue === null ? '—' : s.pValue < 0.001 ? '< 0.001' : s.pValue.toFixed(3) })}>
                    <Tag color={s.significant ? 'orange' : 'default'}>{s.significant ? t('stats.significant') : t('stats.normalVariation')}</Tag>
                  </Tooltip>
                );
              },
            },
          ]}
        />
      </Card>
      {given && <TrendCard
        metric={trendMetric}
        metricOptions={metricOptions}
        onMetricChange={setTrendMetric}
        to={to}
        onMonthClick={(month) => {
          const figure = data?.figures.find((f) => f.metric === trendMetric);
          const start = dayjs(`${month}-01`);
          setDrill({
            title: `${figure ? pick(figure.name, lang) : trendMetric} · ${month}`,
            query: { metric: trendMetric, from: start.format('YYYY-MM-DD'), to: start.endOf('month').format('YYYY-MM-DD') },
          });
        }}
      />}
      {given ? (
        <ChildMapCard
          jurisdiction={{ code: me.jurisdiction.code, level: me.jurisdiction.level }}
          from={from}
          to={to}
          compare={compare}
          metricOptions={metricOptions}
          onDrill={setDrill}
        />
      ) : null}
      {data ? (
        <div className="lf-grid-2" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))', gap: 16 }}>
          <Card title={t('stats.byCategory', { metric: pick(breakdownMetric?.name, lang) })}>
            <ReactECharts style={{ height: Math.max(240, data.byCategory.length * 26) }} option={bar(data.byCategory, 'category')} onEvents={onBarClick(data.byCategory, 'category')} />
          </Card>
          <Card title={t('stats.byCampaign', { metric: pick(breakdownMetric?.name, lang) })} data-testid="by-campaign">
            {campaigns === null
              ? <Spin />
              : campaigns.length
                ? <ReactECharts style={{ height: Math.max(240, campaigns.length * 26) }} option={bar(campaigns, 'campaign')} onEvents={onBarClick(campaigns, 'campaign')} />
                : <Typography.Text type="secondary">{t('stats.noCampaigns')}</Typography.Text>}
          </Card>
        </div>
      ) : null}
      <DrilldownDrawer target={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
