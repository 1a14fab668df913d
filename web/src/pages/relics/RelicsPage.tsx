// /relics: the registry as staff see it (every status, their scope): search, new record, import, tips.
import { Alert, Button, Input, List, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { type ImportReport, importObjects, listObjects, OBJECT_STATUSES, type ObjectListItem, type ObjectStatus } from '../../api/relics';
import { useCan } from '../../auth/permissions';
import { PageTitle } from '../../components/PageTitle';
import { useVocab } from './vocab';

export const STATUS_COLOURS: Record<string, string> = {
  draft: 'default',
  under_review: 'gold',
  published: 'red',
  recovered: 'green',
  returned: 'blue',
  withdrawn: 'default',
};

export default function RelicsPage() {
  const { t } = useTranslation();
  const v = useVocab();
  const navigate = useNavigate();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<{ items: ObjectListItem[]; total: number } | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [serverPercent, setServerPercent] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const page = Number(params.get('page') ?? '1') || 1;

  const load = useCallback(() => {
    listObjects({ q: params.get('q') ?? undefined, status: params.get('status') ?? undefined, page })
      .then(setData)
      .catch((e: unknown) => setError(String(e)));
  }, [params, page]);
  useEffect(load, [load]);

  const set = (key: string, value?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };

  return (
    <>
      <PageTitle>{t('relics.staff.title')}</PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          defaultValue={params.get('q') ?? ''}
          placeholder={t('relics.staff.search')}
          onSearch={(q) => set('q', q.trim())}
          style={{ width: 280 }}
        />
        <Select
          allowClear
          placeholder={t('relics.public.status')}
          style={{ width: 160 }}
          value={params.get('status') ?? undefined}
          options={OBJECT_STATUSES.map((s) => ({ value: s, label: t(`relics.status.${s}`) }))}
          onChange={(s?: string) => set('status', s)}
        />
        {can('relics.write') && (
          <Button type="primary" onClick={() => navigate('/relics/new')} data-testid="relic-new">
            {t('relics.staff.new')}
          </Button>
        )}
        {can('relics.tips') && (
          <Link to="/relics/tips" data-testid="relic-tips-link">
            <Button>{t('relics.staff.tips')}</Button>
          </Link>
        )}
        <Upload
          accept=".csv,.xlsx,.zip"
          showUploadList={false}
          beforeUpload={(file) => {
            setReport(null);
            setError(null);
            setPercent(0);
            setServerPercent(null);
            importObjects(file, {
              onUploadProgress: setPercent,
              // Then the server's own progress (its import job): reading, checking and writing the objects and photos.
              onUploaded: () => setServerPercent(0),
              onProcessing: setServerPercent,
            })
              .then((r) => {
                setReport(r);
                load();
              })
              .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)))
              .finally(() => {
                setPercent(null);
                setServerPercent(null);
              });
            return false;
          }}
        >
          <Button>{t('relics.staff.import')}</Button>
        </Upload>
      </Space>
      {percent !== null && <Progress percent={percent} status="active" data-testid="import-progress" />}
      {serverPercent !== null && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('relics.staff.importProcessing')}</Typography.Text>
          <Progress percent={serverPercent} status="active" data-testid="import-server-progress" />
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {report && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={report.errorCount ? 'error' : 'success'}
          title={
            report.errorCount
              ? t('relics.staff.importRejected', { count: report.errorCount })
              : t('relics.staff.imported', { count: report.imported, photos: report.photos })
          }
          description={
            report.errorCount ? (
              <List
                size="small"
                dataSource={report.errors.slice(0, 50)}
                renderItem={(e) => (
                  <List.Item>{`${e.row}${e.column ? ` · ${e.column}` : ''}${e.value ? ` · ${e.value}` : ''}: ${e.reason}`}</List.Item>
                )}
              />
            ) : undefined
          }
        />
      )}
      <Table<ObjectListItem>
        rowKey="id"
        dataSource={data?.items ?? []}
        loading={!data}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            setParams(next);
          },
        }}
        scroll={{ x: true }}
        columns={[
          { title: t('relics.fields.objectRef'), dataIndex: 'objectRef', render: (ref: string, row) => <Link to={`/relics/${row.id}`}>{ref}</Link> },
          { title: t('relics.fields.title'), render: (_: unknown, row) => v.pick(row.titleZh, row.titleEn) },
          {
            title: t('relics.public.status'),
            dataIndex: 'status',
            render: (s: ObjectStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`relics.status.${s}`)}</Tag>,
          },
          { title: t('relics.fields.publicationNo'), dataIndex: 'publicationNo' },
          { title: t('relics.fields.objectType'), dataIndex: 'objectType', render: (c: string | null) => v.typeName(c) },
          { title: t('relics.fields.theftDate'), dataIndex: 'theftDate', render: (d: string | null) => d?.slice(0, 10) },
        ]}
      />
      <Typography.Paragraph type="secondary">{t('relics.staff.importHint')}</Typography.Paragraph>
    </>
  );
}
