// /reports: a report of the user's jurisdiction written from the figures, previewed in both
// languages, downloaded as text, HTML, XLSX or PDF, and published on the public portal. The
// definition (figures and sentence templates) can be edited before previewing and publishing.
import { Alert, App, Button, Card, Collapse, DatePicker, Dropdown, Input, Popconfirm, Select, Space, Table, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  deleteDefinition,
  downloadReport,
  getDefaultDefinition,
  listDefinitions,
  previewReport,
  publishReport,
  type ReportDefinition,
  type ReportFormat,
  type ReportLang,
  type ReportPreview,
  type StoredDefinition,
  saveDefinition,
} from '../../api/reports';
import { useMe } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { testId } from '../../lib/testId';
import { formatChange, formatValue, pick } from '../dashboard/format';
import { DefinitionEditor } from './DefinitionEditor';

const FORMATS: ReportFormat[] = ['text', 'html', 'xlsx', 'pdf'];

export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const lastYear = dayjs().subtract(1, 'year');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([lastYear.startOf('year'), lastYear.endOf('year')]);
  const [preview, setPreview] = useState<ReportPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const canPublish = me.roles.some((r) => r === 'admin' || r === 'commander');
  const [definition, setDefinition] = useState<ReportDefinition | null>(null);
  const [shipped, setShipped] = useState<ReportDefinition | null>(null);
  const [saved, setSaved] = useState<StoredDefinition[]>([]);
  const [current, setCurrent] = useState<{ id?: string; name: string }>({ name: '' });
  useEffect(() => {
    getDefaultDefinition().then(
      (d) => {
        setShipped(d);
        setDefinition(d);
      },
      (err: unknown) => setError(err),
    );
    listDefinitions().then(
      (r) => setSaved(r.items),
      () => setSaved([]),
    );
  }, []);
  const choose = (id: string) => {
    const found = saved.find((d) => d.id === id);
    if (found) {
      setDefinition(found.definition);
      setCurrent({ id: found.id, name: found.name });
    } else if (shipped) {
      setDefinition(shipped);
      setCurrent({ name: '' });
    }
  };
  const save = () =>
    run(async () => {
      if (!definition) return;
      const stored = await saveDefinition({ name: current.name, definition }, current.id);
      setCurrent({ id: stored.id, name: stored.name });
      setSaved((list) => [stored, ...list.filter((d) => d.id !== stored.id)]);
      void message.success(t('reports.definition.saved'));
    });
  const remove = () =>
    run(async () => {
      if (!current.id) return;
      await deleteDefinition(current.id);
      setSaved((list) => list.filter((d) => d.id !== current.id));
      choose('shipped');
      void message.success(t('reports.definition.deleted'));
    });
  const period = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  // Preview, downloads and publication all use the definition as edited below.
  const scope = definition ? { ...period, definition } : period;
  const lang = i18n.language;

  const run = async (work: () => Promise<void>) => {
    setLoading(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  const downloadItems = (['zh', 'en'] as ReportLang[]).flatMap((l) =>
    FORMATS.map((format) => ({
      key: `${l}-${format}`,
      label: <span data-testid={`download-${l}-${format}`}>{`${l === 'zh' ? '中文' : 'English'} · ${format.toUpperCase()}`}</span>,
    })),
  );
  const download = ({ key }: { key: string }) => {
    const [l, format] = key.split('-') as [ReportLang, ReportFormat];
    void run(() => downloadReport({ ...scope, lang: l, format }));
  };

  return (
    <>
      <PageTitle>{t('reports.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('reports.intro')}</Typography.Paragraph>
      <div className="lf-stack">
        <Card>
          <Space wrap>
            <span>{t('reports.period')}</span>
            <DatePicker.RangePicker
              allowClear={false}
              value={range}
              onChange={(v) => {
                if (v?.[0] && v[1]) setRange([v[0], v[1]]);
              }}
            />
            <Button
              type="primary"
              loading={loading}
              onClick={() => run(async () => setPreview(await previewReport(scope)))}
              data-testid="report-preview"
            >
              {t('reports.preview')}
            </Button>
            <Dropdown menu={{ items: downloadItems, onClick: download }}>
              <Button loading={loading}>{t('reports.download')}</Button>
            </Dropdown>
            {canPublish ? (
              <Button
                onClick={() =>
                  run(async () => {
                    await publishReport(scope);
                    void message.success(t('reports.published'));
                  })
                }
                data-testid="report-publish"
              >
                {t('reports.publish')}
              </Button>
            ) : null}
          </Space>
        </Card>
        {definition ? (
          <Collapse
            items={[
              {
                key: 'definition',
                label: t('reports.definition.title'),
                children: (
                  <div className="lf-stack">
                    <Space wrap>
                      <span>{t('reports.definition.use')}</span>
                      <Select
                        value={current.id ?? 'shipped'}
                        style={{ minWidth: 240 }}
                        onChange={choose}
                        options={[
                          { value: 'shipped', label: t('reports.definition.shipped') },
                          ...saved.map((d) => ({ value: d.id, label: d.name })),
                        ]}
                        data-testid="definition-select"
                      />
                      {canPublish ? (
                        <>
                          <Input
                            value={current.name}
                            placeholder={t('reports.definition.name')}
                            onChange={(e) => setCurrent({ ...current, name: e.target.value })}
                            style={{ width: 220 }}
                            maxLength={100}
                            data-testid="definition-name"
                          />
                          <Button onClick={save} loading={loading} disabled={!current.name.trim()} data-testid="definition-save">
                            {current.id ? t('reports.definition.saveChanges') : t('reports.definition.saveNew')}
                          </Button>
                          {current.id ? <Button onClick={() => setCurrent({ name: '' })}>{t('reports.definition.saveAsNew')}</Button> : null}
                          {current.id ? (
                            <Popconfirm
                              title={t('reports.definition.deleteConfirm', { name: current.name })}
                              okText={t('reports.definition.delete')}
                              cancelText={t('reports.definition.keep')}
                              okButtonProps={{ ...testId('definition-delete-confirm'), danger: true }}
                              onConfirm={remove}
                            >
                              <Button danger data-testid="definition-delete">
                                {t('reports.definition.delete')}
                              </Button>
                            </Popconfirm>
                          ) : null}
                        </>
                      ) : null}
                    </Space>
                    <DefinitionEditor value={definition} onChange={setDefinition} />
                  </div>
                ),
              },
            ]}
            data-testid="definition-collapse"
          />
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
        {preview ? (
          <Card>
            <Tabs
              defaultActiveKey={lang.startsWith('zh') ? 'zh' : 'en'}
              items={(['zh', 'en'] as const).map((l) => ({
                key: l,
                label: l === 'zh' ? '中文' : 'English',
                children: (
                  <article data-testid={`report-text-${l}`}>
                    <Typography.Title level={3} style={{ textAlign: 'center' }}>
                      {preview.title[l]}
                    </Typography.Title>
                    <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
                      {preview.subtitle[l]}
                    </Typography.Paragraph>
                    {preview.sections[l].map((s) => (
                      <section key={s.id}>
                        <Typography.Title level={5}>{s.heading}</Typography.Title>
                        {s.paragraphs.map((p, i) => (
                          <Typography.Paragraph key={i}>{p}</Typography.Paragraph>
                        ))}
                      </section>
                    ))}
                  </article>
                ),
              }))}
            />
            <Typography.Title level={5}>{t('reports.figures')}</Typography.Title>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={preview.figures}
              columns={[
                // The category by its name (破案数（电信网络诈骗）), never its code; the value with its unit as the report writes it (1 gang).
                {
                  title: t('stats.metric'),
                  key: 'name',
                  render: (_, f) =>
                    f.categoryName
                      ? t('reports.narrowedName', { name: pick(f.name, lang), category: pick(f.categoryName, lang) })
                      : pick(f.name, lang),
                },
                { title: t('reports.value'), key: 'value', align: 'right', render: (_, f) => pick(f.valueText, lang) },
                { title: t('reports.previous'), key: 'previous', align: 'right', render: (_, f) => formatValue(f.previous, lang) },
                { title: t('reports.change'), key: 'change', align: 'right', render: (_, f) => formatChange(f.changePct) },
              ]}
            />
          </Card>
        ) : (
          <Alert type="info" showIcon title={t('reports.intro')} />
        )}
      </div>
    </>
  );
}
