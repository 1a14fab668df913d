// The two bar charts under the key figures: the breakdown metric by category and by campaign.
// Its own chunk with ECharts (see CompStat): the figures do not wait for it.
import { Card, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../api/stats';
import ReactECharts from './ECharts';
import { pick } from './format';

export type BarKind = 'category' | 'campaign';
type Items = Dashboard['byCategory'];

interface Props {
  metricName: string;
  byCategory: Items;
  /** null while the campaigns are still being counted. */
  byCampaign: Items | null;
  onBarClick: (item: Items[number], kind: BarKind) => void;
}

export default function BreakdownCharts({ metricName, byCategory, byCampaign, onBarClick }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const bar = (items: Items, kind: BarKind) => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: items.map((i) => pick(i.name, lang)) },
    series: [
      {
        type: 'bar',
        data: items.map((i) => ({ value: i.value ?? 0, code: i.code, kind })),
        itemStyle: { color: kind === 'campaign' ? '#d46b08' : '#13a8a8' },
      },
    ],
  });
  const events = (items: Items, kind: BarKind) => ({
    click: (event: { dataIndex: number }) => {
      const item = items[event.dataIndex];
      if (item) onBarClick(item, kind);
    },
  });
  return (
    <div className="lf-grid-2" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))', gap: 16 }}>
      <Card title={t('stats.byCategory', { metric: metricName })}>
        <ReactECharts
          style={{ height: Math.max(240, byCategory.length * 26) }}
          option={bar(byCategory, 'category')}
          onEvents={events(byCategory, 'category')}
        />
      </Card>
      <Card title={t('stats.byCampaign', { metric: metricName })} data-testid="by-campaign">
        {byCampaign === null ? (
          <Spin />
        ) : byCampaign.length ? (
          <ReactECharts
            style={{ height: Math.max(240, byCampaign.length * 26) }}
            option={bar(byCampaign, 'campaign')}
            onEvents={events(byCampaign, 'campaign')}
          />
        ) : (
          <Typography.Text type="secondary">{t('stats.noCampaigns')}</Typography.Text>
        )}
      </Card>
    </div>
  );
}
