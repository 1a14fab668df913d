// /cases/import — bulk import of cases, parties, property or gangs from CSV/XLSX. The file goes up
// with a progress bar (XMLHttpRequest) and the server answers with a job id; the server's job checks
// (and, unless dry run, imports) it while the page follows the job (GET /api/imports/jobs/:id) for a
// second bar, until the report, which lists every bad row. All-or-nothing: any error means nothing was imported.
//   test ids: import-form, import-kind, import-file, import-dry-run, import-submit, import-progress,
//             import-processing, import-report, import-errors-table, import-result
import { InboxOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Progress,
  Select,
  Spin,
  Switch,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort } from '../../api/errors';
import { importFile } from '../../api/imports';
import { IMPORT_KINDS, type ImportError, type ImportKind, type ImportReport } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useLabels } from '../../i18n/useLabels';

/** Minimum columns of each kind (docs/import-formats.md has the full formats). */
const REQUIRED_COLUMNS: Record<ImportKind, string[]> = {
  cases: ['case_no', 'category', 'jurisdiction', 'title', 'reported_at'],
  parties: ['case_no', 'role', 'name'],
  property: ['case_no', 'kind', 'quantity', 'unit', 'action', 'at'],
  gangs: ['gang_ref', 'kind', 'name', 'jurisdiction'],
};

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Phase =
  | { name: 'idle' }
  | { name: 'uploading'; percent: number }
  | { name: 'processing'; percent?: number }
  | { name: 'done'; report: ImportReport }
  | { name: 'failed'; error: unknown };

export default function CaseImportPage() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [kind, setKind] = useState<ImportKind>('cases');
  const [dryRun, setDryRun] = useState(true);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileError, setFileError] = useState<string>();
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const busy = phase.name === 'uploading' || phase.name === 'processing';
  const file = files[0]?.originFileObj;

  const start = async () => {
    if (!file) {
      setFileError(t('imports.fileRequired'));
      return;
    }
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setPhase({ name: 'uploading', percent: 0 });
    try {
      const report = await importFile(kind, file, dryRun, {
        signal: current.signal,
        onUploadProgress: (percent) => setPhase((p) => (p.name === 'uploading' ? { name: 'uploading', percent } : p)),
        onUploaded: () => setPhase({ name: 'processing' }),
        onProcessing: (percent) => setPhase((ph) => (ph.name === 'processing' ? { name: 'processing', percent } : ph)),
      });
      setPhase({ name: 'done', report });
    } catch (error) {
      if (!isAbort(error)) setPhase({ name: 'failed', error });
    }
  };

  return (
    <>
      <PageTitle>{t('imports.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('imports.intro')}</Typography.Paragraph>
      <div className="lf-stack">
        <Card>
          <Form layout="vertical" data-testid="import-form" disabled={busy}>
            <Flex wrap gap={16} align="flex-start">
              <Form.Item label={t('imports.kind')} htmlFor="import-kind">
                <Select<ImportKind>
                  id="import-kind"
                  data-testid="import-kind"
                  className="lf-import-kind"
                  value={kind}
                  onChange={setKind}
                  options={IMPORT_KINDS.map((k) => ({ value: k, label: label('importKinds', k) }))}
                />
              </Form.Item>
              <Form.Item label={t('imports.dryRun')} htmlFor="import-dry-run">
                <Switch id="import-dry-run" data-testid="import-dry-run" checked={dryRun} onChange={setDryRun} />
              </Form.Item>
            </Flex>
            <Typography.Paragraph type="secondary">{t('imports.columns', { columns: REQUIRED_COLUMNS[kind].join(', ') })}</Typography.Paragraph>
            <Form.Item label={t('imports.file')} validateStatus={fileError ? 'error' : undefined} help={fileError}>
              <Upload.Dragger
                data-testid="import-file"
                accept={ACCEPT}
                maxCount={1}
                fileList={files}
                beforeUpload={(f) => {
                  const ok = /\.(csv|xlsx)$/i.test(f.name);
                  setFileError(ok ? undefined : t('imports.fileType'));
                  return ok ? false : Upload.LIST_IGNORE;
                }}
                onChange={({ fileList }) => {
                  setFiles(fileList.slice(-1));
                  if (fileList.length) setFileError(undefined);
                  if (phase.name === 'done' || phase.name === 'failed') setPhase({ name: 'idle' });
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('imports.chooseFile')}</p>
                <p className="ant-upload-hint">{t('imports.fileType')}</p>
              </Upload.Dragger>
            </Form.Item>
            <Button type="primary" onClick={() => void start()} loading={busy} data-testid="import-submit">
              {dryRun ? t('imports.submitDryRun') : t('imports.submit')}
            </Button>
          </Form>
        </Card>
        {phase.name === 'uploading' ? (
          <Card>
            <Typography.Text>{t('imports.uploading')}</Typography.Text>
            <Progress percent={phase.percent} status="active" data-testid="import-progress" />
          </Card>
        ) : null}
        {phase.name === 'processing' ? (
          <Card>
            {phase.percent === undefined ? (
              <Progress percent={100} status="active" showInfo={false} />
            ) : (
              <Progress percent={phase.percent} status="active" data-testid="import-server-progress" />
            )}
            <Flex gap={8} align="center" data-testid="import-processing">
              <Spin size="small" />
              <Typography.Text>{t('imports.processing')}</Typography.Text>
            </Flex>
          </Card>
        ) : null}
        {phase.name === 'failed' ? <ErrorAlert error={phase.error} onRetry={() => void start()} /> : null}
        {phase.name === 'done' ? <ImportReportView report={phase.report} /> : null}
      </div>
    </>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const errorCount = Math.max(report.errorCount ?? 0, report.errors.length);
  const failed = errorCount > 0;
  const columns: TableColumnsType<ImportError & { key: number }> = [
    { key: 'row', title: t('imports.errorRow'), dataIndex: 'row', width: 80 },
    {
      key: 'column',
      title: t('imports.errorColumn'),
      render: (_, e) => (e.column ? <Typography.Text code>{e.column}</Typography.Text> : t('common.none')),
    },
    { key: 'value', title: t('imports.errorValue'), render: (_, e) => (e.value === null || e.value === '' ? t('common.none') : e.value) },
    { key: 'reason', title: t('imports.errorReason'), dataIndex: 'reason' },
  ];
  return (
    <Card title={t('imports.report')} data-testid="import-report">
      <div className="lf-stack">
        <Alert
          data-testid="import-result"
          type={failed ? 'error' : 'success'}
          showIcon
          title={
            failed
              ? t('imports.failed', { count: errorCount })
              : report.dryRun
                ? t('imports.okDryRun', { rows: report.rows })
                : t('imports.okImported', { count: report.imported })
          }
        />
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            ...(report.fileName ? [{ key: 'file', label: t('imports.file'), children: report.fileName }] : []),
            { key: 'kind', label: t('imports.kind'), children: label('importKinds', report.kind) },
            { key: 'mode', label: t('imports.mode'), children: report.dryRun ? t('imports.modeDryRun') : t('imports.modeReal') },
            { key: 'encoding', label: t('imports.encoding'), children: report.encoding },
            ...(report.timeZone ? [{ key: 'timeZone', label: t('imports.timeZone'), children: report.timeZone }] : []),
            { key: 'rows', label: t('imports.rows'), children: report.rows },
            { key: 'imported', label: t('imports.imported'), children: report.imported },
            { key: 'duration', label: t('imports.duration'), children: t('imports.durationMs', { ms: report.durationMs }) },
          ]}
        />
        {report.warnings.length ? (
          <Alert
            type="warning"
            showIcon
            title={t('imports.warnings')}
            description={
              <ul className="lf-plain-list">
                {report.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        {errorCount > report.errors.length ? (
          <Typography.Text type="secondary">{t('imports.errorsTruncated', { shown: report.errors.length, count: errorCount })}</Typography.Text>
        ) : null}
        {failed ? (
          <Table<ImportError & { key: number }>
            data-testid="import-errors-table"
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={report.errors.map((e, i) => ({ ...e, key: i }))}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('common.total', { count: total }) }}
            scroll={{ x: 'max-content' }}
          />
        ) : null}
      </div>
    </Card>
  );
}
