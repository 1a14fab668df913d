// The report definition as a form: title, comparison, the figures (metric for the report's scope,
// optionally narrowed to a category or campaign, with its own comparison or over several years) and
// sections of sentence templates in Chinese and English. A template naming a figure that is not
// defined is flagged here as it is typed; the server checks the whole definition again.
import { Alert, Button, Card, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportDefinition, ReportFigureDef } from '../../api/reports';
import { COMPARISONS, getMetrics, type MetricInfo } from '../../api/stats';
import { pick } from '../dashboard/format';

const PLACEHOLDER = /\{([a-z0-9_]+)(?:\.[a-z_]+(?:\.[a-z0-9_]+)?)?(?:\|[^|{}]*\|[^|{}]*)?\}/gi;

/** Figures a template names that the definition does not define. */
export function missingFigures(template: string, figures: Record<string, ReportFigureDef>): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((key) => !(key in figures)))];
}

/** Every problem the form can see before the server does, one line each. */
export function definitionProblems(d: ReportDefinition): Array<{ section: string; figure: string }> {
  return d.sections.flatMap((s) =>
    s.paragraphs.flatMap((p) =>
      [...missingFigures(p.zh, d.figures), ...missingFigures(p.en, d.figures)].map((figure) => ({ section: s.id, figure })),
    ),
  );
}

interface Props {
  value: ReportDefinition;
  onChange: (next: ReportDefinition) => void;
}

export function DefinitionEditor({ value, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [metrics, setMetrics] = useState<MetricInfo[]>([]);
  useEffect(() => {
    getMetrics().then(
      (r) => setMetrics(r.items),
      () => setMetrics([]),
    );
  }, []);

  const figures = Object.entries(value.figures).map(([key, f]) => ({ key, ...f }));
  const setFigures = (rows: Array<ReportFigureDef & { key: string }>) =>
    onChange({ ...value, figures: Object.fromEntries(rows.map(({ key, ...f }) => [key, f])) });
  const updateFigure = (index: number, patch: Partial<ReportFigureDef & { key: string }>) =>
    setFigures(figures.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const setSections = (sections: ReportDefinition['sections']) => onChange({ ...value, sections });
  const problems = definitionProblems(value);

  return (
    <Card title={t('reports.definition.title')} data-testid="report-definition">
      <div className="lf-stack">
        <Space wrap>
          <span>{t('reports.definition.reportTitle')}</span>
          <LanguageInput lang="zh" value={value.title.zh} onChange={(zh) => onChange({ ...value, title: { ...value.title, zh } })} width={280} />
          <LanguageInput lang="en" value={value.title.en} onChange={(en) => onChange({ ...value, title: { ...value.title, en } })} width={280} />
          <span>{t('stats.compareWith')}</span>
          <Select
            value={value.compare}
            onChange={(compare) => onChange({ ...value, compare })}
            options={COMPARISONS.map((c) => ({ value: c, label: t(`stats.comparisons.${c}`) }))}
            style={{ minWidth: 160 }}
          />
        </Space>
        <Typography.Title level={5}>{t('reports.definition.figures')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('reports.definition.figuresHelp')}</Typography.Paragraph>
        <Table
          // Figures have no identity of their own (even the key is being edited): a row is its position.
          rowKey="position"
          size="small"
          pagination={false}
          dataSource={figures.map((f, position) => ({ ...f, position }))}
          data-testid="definition-figures"
          columns={[
            {
              title: t('reports.definition.key'),
              key: 'key',
              render: (_, f, i) => (
                <Input
                  value={f.key}
                  onChange={(e) => updateFigure(i, { key: e.target.value.replace(/[^a-z0-9_]/gi, '') })}
                  data-testid={`figure-key-${i}`}
                />
              ),
            },
            {
              title: t('stats.metric'),
              key: 'metric',
              render: (_, f, i) => (
                <Select
                  value={f.metric}
                  showSearch
                  optionFilterProp="label"
                  style={{ minWidth: 180 }}
                  onChange={(metric) => updateFigure(i, { metric })}
                  options={metrics.map((m) => ({ value: m.code, label: pick(m.name, lang) }))}
                />
              ),
            },
            {
              title: t('reports.definition.category'),
              key: 'category',
              render: (_, f, i) => (
                <Input
                  value={f.category ?? ''}
                  placeholder="fraud.telecom"
                  onChange={(e) => updateFigure(i, { category: e.target.value || undefined })}
                />
              ),
            },
            {
              title: t('reports.definition.campaign'),
              key: 'campaign',
              render: (_, f, i) => <Input value={f.campaign ?? ''} onChange={(e) => updateFigure(i, { campaign: e.target.value || undefined })} />,
            },
            {
              title: t('stats.compareWith'),
              key: 'compare',
              render: (_, f, i) => (
                <Select
                  allowClear
                  value={f.compare}
                  placeholder={t(`stats.comparisons.${value.compare}`)}
                  style={{ minWidth: 140 }}
                  onChange={(compare) => updateFigure(i, { compare })}
                  options={COMPARISONS.map((c) => ({ value: c, label: t(`stats.comparisons.${c}`) }))}
                />
              ),
            },
            {
              title: t('reports.definition.years'),
              key: 'years',
              render: (_, f, i) => (
                <InputNumber min={1} max={20} value={f.years} onChange={(years) => updateFigure(i, { years: years ?? undefined })} />
              ),
            },
            {
              title: '',
              key: 'remove',
              render: (_, _f, i) => (
                <Button type="link" danger onClick={() => setFigures(figures.filter((_x, j) => j !== i))}>
                  {t('reports.definition.remove')}
                </Button>
              ),
            },
          ]}
        />
        <Button onClick={() => setFigures([...figures, { key: `figure_${figures.length + 1}`, metric: 'cases_solved' }])} data-testid="add-figure">
          {t('reports.definition.addFigure')}
        </Button>
        <Typography.Title level={5}>{t('reports.definition.sections')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('reports.definition.templatesHelp')}</Typography.Paragraph>
        {value.sections.map((section, si) => {
          const setSection = (patch: Partial<typeof section>) => setSections(value.sections.map((s, j) => (j === si ? { ...s, ...patch } : s)));
          return (
            <Card
              key={si}
              size="small"
              title={
                <Space>
                  <LanguageInput lang="zh" value={section.heading.zh} onChange={(zh) => setSection({ heading: { ...section.heading, zh } })} />
                  <LanguageInput lang="en" value={section.heading.en} onChange={(en) => setSection({ heading: { ...section.heading, en } })} />
                </Space>
              }
              extra={
                <Button type="link" danger onClick={() => setSections(value.sections.filter((_s, j) => j !== si))}>
                  {t('reports.definition.remove')}
                </Button>
              }
            >
              {section.paragraphs.map((p, pi) => {
                const setParagraph = (patch: Partial<typeof p>) =>
                  setSection({ paragraphs: section.paragraphs.map((q, k) => (k === pi ? { ...q, ...patch } : q)) });
                const missing = [...new Set([...missingFigures(p.zh, value.figures), ...missingFigures(p.en, value.figures)])];
                return (
                  <div key={pi} className="lf-stack" style={{ marginBottom: 12 }}>
                    <Input.TextArea
                      autoSize
                      value={p.zh}
                      onChange={(e) => setParagraph({ zh: e.target.value })}
                      data-testid={`template-${si}-${pi}-zh`}
                      status={missing.length ? 'error' : undefined}
                    />
                    <Input.TextArea
                      autoSize
                      value={p.en}
                      onChange={(e) => setParagraph({ en: e.target.value })}
                      data-testid={`template-${si}-${pi}-en`}
                      status={missing.length ? 'error' : undefined}
                    />
                    {missing.length ? (
                      <Typography.Text type="danger" data-testid="template-missing">
                        {t('reports.definition.missing', { figures: missing.join(', ') })}
                      </Typography.Text>
                    ) : null}
                    <Button
                      size="small"
                      type="link"
                      danger
                      onClick={() => setSection({ paragraphs: section.paragraphs.filter((_q, k) => k !== pi) })}
                    >
                      {t('reports.definition.removeParagraph')}
                    </Button>
                  </div>
                );
              })}
              <Button size="small" onClick={() => setSection({ paragraphs: [...section.paragraphs, { zh: '', en: '' }] })}>
                {t('reports.definition.addParagraph')}
              </Button>
            </Card>
          );
        })}
        <Button
          onClick={() =>
            setSections([
              ...value.sections,
              { id: `section_${value.sections.length + 1}`, heading: { zh: '', en: '' }, paragraphs: [{ zh: '', en: '' }] },
            ])
          }
        >
          {t('reports.definition.addSection')}
        </Button>
        {problems.length ? <Alert type="error" showIcon title={t('reports.definition.problems', { count: problems.length })} /> : null}
      </div>
    </Card>
  );
}

/** A text field for one of the report's two languages, labelled with the language in front. */
function LanguageInput({ lang, value, onChange, width }: { lang: 'zh' | 'en'; value: string; onChange: (text: string) => void; width?: number }) {
  const { t } = useTranslation();
  return (
    <Space.Compact style={width ? { width } : undefined}>
      <Space.Addon>{t(`reports.definition.language.${lang}`)}</Space.Addon>
      <Input value={value} onChange={(e) => onChange(e.target.value)} />
    </Space.Compact>
  );
}
