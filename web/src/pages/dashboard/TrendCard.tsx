// Monthly trend of one metric over the two years up to the period's end, with the ETS forecast,
// its prediction interval, the seasonal-naive baseline and the backtest errors of both.
import { Card, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Forecast, getForecast, getSeries, type Series } from '../../api/stats';
import ReactECharts from './ECharts';

interface Props {
  metric: string;
  metricOptions: Array<{ value: string; label: string }>;
  onMetricChange: (metric: string) => void;
  to: string;
  onMonthClick: (month: string) => void;
}

export function TrendCard({ metric, metricOptions, onMetricChange, to, onMonthClick }: Props) {
  const { t } = useTranslation();
  const [series, setSeries] = useState<Series | null>(null);
  const [forecast, setForecast] = useState<Forecast | null>(null);
  const [horizon, setHorizon] = useState(6);

  useEffect(() => {
    const controller = new AbortController();
    const from = dayjs(to).subtract(23, 'month').startOf('month').format('YYYY-MM-DD');
    getSeries({ metric, from, to }, controller.signal).then(setSeries, () => setSeries(null));
    getForecast({ metric, to, horizon }, controller.signal).then(setForecast, () => setForecast(null));
    return () => controller.abort();
  }, [metric, to, horizon]);

  const months = [...(series?.points.map((p) => p.month) ?? []), ...(forecast?.points.map((p) => p.month) ?? [])];
  const pad = (n: number) => Array<null>(n).fill(null);
  const history = series?.points.map((p) => p.value) ?? [];
  const future = forecast?.points ?? [];
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('stats.trend.actual'), t('stats.trend.forecast'), t('stats.trend.baseline')] },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value' },
    series: [
      { name: t('stats.trend.actual'), type: 'line', data: [...history, ...pad(future.length)] },
      { name: t('stats.trend.forecast'), type: 'line', lineStyle: { type: 'dashed' }, data: [...pad(history.length), ...future.map((p) => p.value)] },
      {
        name: 'lower',
        type: 'line',
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        data: [...pad(history.length), ...future.map((p) => p.lower)],
        tooltip: { show: false },
      },
      {
        name: t('stats.trend.interval'),
        type: 'line',
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { opacity: 0.15 },
        data: [...pad(history.length), ...future.map((p) => p.upper - p.lower)],
      },
      {
        name: t('stats.trend.baseline'),
        type: 'line',
        lineStyle: { type: 'dotted' },
        data: [...pad(history.length), ...future.map((p) => p.baseline)],
      },
    ],
  };
  const backtest = forecast?.backtest;
  return (
    <Card
      title={t('stats.trend.title')}
      extra={
        <Space>
          <Select value={metric} onChange={onMetricChange} options={metricOptions} style={{ minWidth: 200 }} />
          <Select
            value={horizon}
            onChange={setHorizon}
            options={[3, 6, 9, 12].map((h) => ({ value: h, label: t('stats.trend.horizon', { months: h }) }))}
          />
        </Space>
      }
    >
      <ReactECharts
        style={{ height: 300 }}
        option={option}
        notMerge
        onEvents={{
          click: (e: { dataIndex: number }) => {
            if (e.dataIndex < history.length) onMonthClick(months[e.dataIndex]!);
          },
        }}
      />
      <Typography.Paragraph type="secondary" data-testid="backtest">
        {backtest
          ? t('stats.trend.backtest', {
              months: backtest.months,
              ets: backtest.ets.mae,
              naive: backtest.seasonalNaive.mae,
              verdict: backtest.etsBeatsBaseline ? t('stats.trend.beats') : t('stats.trend.doesNotBeat'),
            })
          : t('stats.trend.noForecast')}
      </Typography.Paragraph>
    </Card>
  );
}
