// CompStat: the key metrics of the user's jurisdiction with comparison, change and significance,
// a monthly trend with forecast, a choropleth of the child jurisdictions, and breakdowns by category
// and campaign. Every number opens the records behind it.
//
// The key figures come first: their request is usually already on its way (dashboardData.ts), and
// the charts (ECharts, the map) are separate chunks mounted only once the figures are in, so neither
// their code nor their requests (which PGlite would answer before the figures) hold the figures up.
import { Card, DatePicker, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { COMPARISONS, type Dashboard, type Figure, getByCampaign } from '../../api/stats';
import { useMe } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { BarKind } from './BreakdownCharts';
import { DrilldownDrawer, type DrilldownTarget } from './DrilldownDrawer';
import { dashboardFigures, defaultPeriod, latestMonth, queryFromSearch } from './dashboardData';
import { formatChange, formatValue, pick } from './format';

const loadTrendCard = () => import('./TrendCard').then((m) => ({ default: m.TrendCard }));
const loadChildMapCard = () => import('./ChildMapCard').then((m) => ({ default: m.ChildMapCard }));
const loadBreakdownCharts = () => import('./BreakdownCharts');
const TrendCard = lazy(loadTrendCard);
const ChildMapCard = lazy(loadChildMapCard);
const BreakdownCharts = lazy(loadBreakdownCharts);

export function CompStat() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const { period, compare } = queryFromSearch(params);
  const given = period !== null;
  const from = period?.from ?? '';
  const to = period?.to ?? '';
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
      setParams(
        (p) => {
          const copy = new URLSearchParams(p);
          const period = defaultPeriod(latest);
          copy.set('from', period.from);
          copy.set('to', period.to);
          return copy;
        },
        { replace: true },
      );
    };
    latestMonth(controller.signal).then(openOn, () => undefined);
    return () => controller.abort();
  }, [given, setParams]);

  useEffect(() => {
    if (!from || !to) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    dashboardFigures({ from, to, compare }, controller.signal)
      .then(setData, (err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [from, to, compare]);

  // Campaigns are counted from the records (no rollup), so they load on their own, after the table.
  const [campaigns, setCampaigns] = useState<Dashboard['byCategory'] | null>(null);
  const campaignMetric = data?.breakdownMetric;
  useEffect(() => {
    if (!from || !to || !campaignMetric) return;
    const controller = new AbortController();
    setCampaigns(null);
    getByCampaign({ metric: campaignMetric, from, to }, controller.signal).then(
      (r) => setCampaigns(r.items.map((i) => ({ code: i.code, name: i.name, value: i.value }))),
      () => {
        if (!controller.signal.aborted) setCampaigns([]);
      },
    );
    return () => controller.abort();
  }, [from, to, campaignMetric]);

  const update = (next: Record<string, string>) =>
    setParams((p) => {
      const copy = new URLSearchParams(p);
      for (const [k, v] of Object.entries(next)) copy.set(k, v);
      return copy;
    });

  const open = (figure: Figure, side: 'current' | 'previous', extra: { jurisdiction?: string; category?: string } = {}) =>
    setDrill({
      title: `${pick(figure.name, lang)} · ${side === 'current' ? `${figure.scope.from} – ${figure.scope.to}` : `${figure.comparison?.period.from} – ${figure.comparison?.period.to}`}`,
      query: { metric: figure.metric, from, to, compare, side, ...extra },
    });

  const numberLink = (value: number | null, onClick: () => void, testId: string) => (
    <Typography.Link onClick={onClick} data-testid={testId}>
      {formatValue(value, lang)}
    </Typography.Link>
  );

  const breakdownMetric = data?.figures.find((f) => f.metric === data.breakdownMetric);
  const onBarClick = (item: Dashboard['byCategory'][number], kind: BarKind) => {
    if (!breakdownMetric) return;
    setDrill({
      title: `${pick(breakdownMetric.name, lang)} · ${pick(item.name, lang)}`,
      query: { metric: breakdownMetric.metric, from, to, ...(kind === 'campaign' ? { campaign: item.code } : { category: item.code }) },
    });
  };
  // The charts' code downloads while the figures are being counted; they mount once the figures are in (or failed).
  useEffect(() => {
    void loadTrendCard();
    void loadChildMapCard();
    void loadBreakdownCharts();
  }, []);
  const chartsNow = given && (data !== null || error !== null);

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
              title: t('stats.metric'),
              key: 'name',
              render: (_, f) => <Tooltip title={pick(f.definition, lang)}>{pick(f.name, lang)}</Tooltip>,
            },
            {
              title: t('stats.current'),
              key: 'value',
              align: 'right',
              render: (_, f) => (
                <>
                  {numberLink(f.value, () => open(f, 'current'), `value-${f.metric}`)}{' '}
                  <Typography.Text type="secondary">{pick(f.unitName, lang)}</Typography.Text>
                </>
              ),
            },
            {
              title: t('stats.previous'),
              key: 'previous',
              align: 'right',
              render: (_, f) => numberLink(f.comparison?.previous ?? null, () => open(f, 'previous'), `previous-${f.metric}`),
            },
            {
              title: t('stats.difference'),
              key: 'difference',
              align: 'right',
              render: (_, f) =>
                f.comparison?.difference === null || f.comparison?.difference === undefined
                  ? '—'
                  : `${f.comparison.difference > 0 ? '+' : ''}${formatValue(f.comparison.difference, lang)}`,
            },
            {
              title: t('stats.change'),
              key: 'change',
              align: 'right',
              render: (_, f) => {
                const pct = f.comparison?.changePct;
                return (
                  <Typography.Text type={pct === null || pct === undefined || pct === 0 ? undefined : pct > 0 ? 'success' : 'danger'}>
                    {formatChange(pct)}
                  </Typography.Text>
                );
              },
            },
            {
              title: t('stats.significance'),
              key: 'significant',
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
      {chartsNow ? (
        <Suspense fallback={null}>
          <TrendCard
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
          />
        </Suspense>
      ) : null}
      {chartsNow ? (
        <Suspense fallback={null}>
          <ChildMapCard
            jurisdiction={{ code: me.jurisdiction.code, level: me.jurisdiction.level }}
            from={from}
            to={to}
            compare={compare}
            metricOptions={metricOptions}
            onDrill={setDrill}
          />
        </Suspense>
      ) : null}
      {data ? (
        <Suspense fallback={null}>
          <BreakdownCharts
            metricName={pick(breakdownMetric?.name, lang)}
            byCategory={data.byCategory}
            byCampaign={campaigns}
            onBarClick={onBarClick}
          />
        </Suspense>
      ) : null}
      <DrilldownDrawer target={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
