// Choropleth of the child jurisdictions: the chosen metric's value in each child colours its region
// (offline map data, see childMap.ts); the tooltip shows value, comparison and change; clicking a
// region, or a row of the table beside it, opens the records behind that child's figure. Below
// province level there is no map, only the table.
import { Alert, Card, Select, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Comparison, type GroupFigure, type GroupFigures, getByJurisdiction } from '../../api/stats';
import { ErrorAlert } from '../../components/ErrorAlert';
import { loadChildMap, mapName } from './childMap';
import type { DrilldownTarget } from './DrilldownDrawer';
import ReactECharts from './ECharts';
import { formatChange, formatValue, pick } from './format';

interface Props {
  jurisdiction: { code: string; level: string };
  from: string;
  to: string;
  compare: Comparison;
  metricOptions: Array<{ value: string; label: string }>;
  onDrill: (target: DrilldownTarget) => void;
}

export function ChildMapCard({ jurisdiction, from, to, compare, metricOptions, onDrill }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [metric, setMetric] = useState('cases_solved');
  const [data, setData] = useState<GroupFigures | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [mapCodes, setMapCodes] = useState<string[] | null>(null);
  const [mapState, setMapState] = useState<'loading' | 'ready' | 'none' | 'failed'>('loading');

  useEffect(() => {
    const loading = loadChildMap(jurisdiction.code, jurisdiction.level);
    if (!loading) {
      setMapState('none');
      return;
    }
    let live = true;
    setMapState('loading');
    loading.then(
      (codes) => {
        if (live) {
          setMapCodes(codes);
          setMapState('ready');
        }
      },
      () => {
        if (live) setMapState('failed');
      },
    );
    return () => {
      live = false;
    };
  }, [jurisdiction.code, jurisdiction.level]);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getByJurisdiction({ metric, from, to, compare }, controller.signal).then(setData, (err: unknown) => {
      if (!controller.signal.aborted) setError(err);
    });
    return () => controller.abort();
  }, [metric, from, to, compare]);

  const drill = (item: GroupFigure) =>
    data &&
    onDrill({
      title: `${pick(data.name, lang)} · ${pick(item.name, lang)}`,
      query: { metric: data.metric, from, to, jurisdiction: item.code },
    });

  const byCode = useMemo(() => new Map((data?.items ?? []).map((i) => [i.code, i])), [data]);
  const unmatched = useMemo(() => (mapCodes && data ? data.items.filter((i) => !mapCodes.includes(i.code)) : []), [mapCodes, data]);

  const tooltipOf = (item: GroupFigure | undefined, regionName: string) => {
    if (!item || !data) return `${regionName}<br/>${t('stats.map.noJurisdiction')}`;
    const unit = pick(data.unitName, lang);
    const lines = [`<b>${pick(item.name, lang)}</b>`, `${t('stats.current')}: ${formatValue(item.value, lang)} ${unit}`];
    if (item.comparison) {
      const diff = item.comparison.difference;
      lines.push(`${t('stats.previous')}: ${formatValue(item.comparison.previous, lang)} ${unit}`);
      lines.push(`${t('stats.difference')}: ${diff === null ? '—' : `${diff > 0 ? '+' : ''}${formatValue(diff, lang)}`}`);
      lines.push(`${t('stats.change')}: ${formatChange(item.comparison.changePct)}`);
    }
    lines.push(`<i>${t('stats.map.clickHint')}</i>`);
    return lines.join('<br/>');
  };

  const values = (data?.items ?? []).map((i) => i.value ?? 0);
  const option =
    data && mapState === 'ready'
      ? {
          tooltip: {
            trigger: 'item',
            formatter: (p: { name: string; data?: { code: string; regionName?: string } }) =>
              tooltipOf(byCode.get(p.data?.code ?? p.name), p.data?.regionName ?? p.name),
          },
          visualMap: {
            type: 'continuous',
            min: 0,
            max: Math.max(1, ...values),
            left: 8,
            bottom: 8,
            calculable: true,
            text: [t('stats.map.high'), t('stats.map.low')],
            inRange: { color: ['#e6f4ff', '#69b1ff', '#0958d9', '#002c8c'] },
          },
          series: [
            {
              type: 'map',
              map: mapName(jurisdiction.code),
              nameProperty: 'code',
              roam: false,
              selectedMode: false,
              label: { show: false },
              emphasis: { label: { show: false } },
              data: data.items.map((i) => ({ name: i.code, code: i.code, value: i.value ?? 0, regionName: pick(i.name, lang) })),
            },
          ],
        }
      : null;

  return (
    <Card
      title={t('stats.byJurisdiction', { metric: pick(data?.name, lang) })}
      extra={<Select value={metric} onChange={setMetric} options={metricOptions} style={{ minWidth: 180 }} data-testid="map-metric" />}
      data-testid="child-map-card"
    >
      {error ? <ErrorAlert error={error} /> : null}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: 16 }}>
        <div>
          {mapState === 'none' ? <Alert type="info" showIcon title={t('stats.map.noMap')} data-testid="no-map-note" /> : null}
          {mapState === 'failed' ? <Alert type="warning" showIcon title={t('stats.map.loadFailed')} /> : null}
          {option ? (
            <div data-testid="child-map">
              <ReactECharts
                style={{ height: 420 }}
                option={option}
                notMerge
                onEvents={{
                  click: (e: { data?: { code?: string } }) => {
                    const item = e.data?.code ? byCode.get(e.data.code) : undefined;
                    if (item) drill(item);
                  },
                }}
              />
            </div>
          ) : null}
          {unmatched.length && mapState === 'ready' ? (
            <Typography.Paragraph type="secondary">
              {t('stats.map.notOnMap', { names: unmatched.map((i) => pick(i.name, lang)).join('、') })}
            </Typography.Paragraph>
          ) : null}
          {option ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('stats.map.attribution')}
            </Typography.Paragraph>
          ) : null}
        </div>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          scroll={{ y: 420 }}
          dataSource={data?.items ?? []}
          data-testid="child-table"
          columns={[
            { title: t('stats.map.jurisdiction'), key: 'name', render: (_, i) => pick(i.name, lang) },
            {
              title: t('stats.current'),
              key: 'value',
              align: 'right',
              render: (_, i) => (
                <Typography.Link onClick={() => drill(i)} data-testid={`child-value-${i.code}`}>
                  {formatValue(i.value, lang)}
                </Typography.Link>
              ),
            },
            { title: t('stats.previous'), key: 'previous', align: 'right', render: (_, i) => formatValue(i.comparison?.previous ?? null, lang) },
            { title: t('stats.change'), key: 'change', align: 'right', render: (_, i) => formatChange(i.comparison?.changePct) },
          ]}
        />
      </div>
    </Card>
  );
}
