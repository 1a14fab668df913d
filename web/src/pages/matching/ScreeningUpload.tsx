// A screening batch from the browser: the listings file (CSV/XLSX) and a zip of its images. The server records the
// batch and screens it as a job; the page follows the server's progress (listings screened of all) and then shows the
// summary, listing each listing that could not be screened and why. Hits go to the review queue.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { followScreening, getScreening, type ScreeningJob, type ScreeningSummary, screenBatch } from '../../api/matching';

/** The batch this browser tab started last, followed again when the page comes back. */
const LAST_BATCH = 'lianfang.screening.batch';

export function ScreeningUpload() {
  const { t } = useTranslation();
  const [listings, setListings] = useState<File | null>(null);
  const [images, setImages] = useState<File | null>(null);
  const [threshold, setThreshold] = useState<'strong' | 'possible'>('possible');
  const [progress, setProgress] = useState<number | null>(null);
  const [job, setJob] = useState<ScreeningJob | null>(null);
  const [working, setWorking] = useState(false);
  const [summary, setSummary] = useState<ScreeningSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Leaving the page (or the tab) stops following; the server goes on screening, and coming back follows the batch
  // again (the last one started in this browser tab), or shows its summary.
  const aborter = useRef<AbortController | null>(null);

  const follow = async (abort: AbortController, start: () => Promise<ScreeningJob>) => {
    aborter.current?.abort();
    aborter.current = abort;
    setWorking(true);
    setError(null);
    setSummary(null);
    setJob(null);
    try {
      const started = await start();
      sessionStorage.setItem(LAST_BATCH, started.batchId);
      setProgress(null);
      const finished = await followScreening(started, setJob, abort.signal);
      if (finished.state === 'failed') setError(finished.error?.message ?? t('matching.screening.failed'));
      setSummary(finished.summary);
    } catch (e) {
      if (abort.signal.aborted) return;
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (!abort.signal.aborted) {
        setWorking(false);
        setProgress(null);
      }
    }
  };

  useEffect(() => {
    const abort = new AbortController();
    const batchId = sessionStorage.getItem(LAST_BATCH);
    if (batchId) {
      // Unknown to the server (restarted, or an hour has passed): nothing to show.
      getScreening(batchId, abort.signal).then(
        (job) => follow(abort, async () => job),
        () => {
          if (abort.signal.aborted) return;
          sessionStorage.removeItem(LAST_BATCH);
          setWorking(false);
        },
      );
    }
    return () => {
      abort.abort();
      aborter.current?.abort();
    };
  }, []);

  const run = () => {
    if (!listings) return;
    sessionStorage.removeItem(LAST_BATCH);
    setProgress(0);
    const abort = new AbortController();
    void follow(abort, () => screenBatch(listings, images, threshold, { onUploadProgress: setProgress, signal: abort.signal }));
  };

  const picker = (kind: 'listings' | 'images', accept: string, file: File | null, set: (f: File | null) => void) => (
    <Upload.Dragger
      accept={accept}
      maxCount={1}
      multiple={false}
      disabled={working}
      beforeUpload={(f) => {
        set(f);
        return false;
      }}
      onRemove={() => set(null)}
      fileList={file ? [{ uid: kind, name: file.name, status: 'done' }] : []}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t(`matching.screening.${kind}`)}</p>
      <p className="ant-upload-hint">{t(`matching.screening.${kind}Hint`)}</p>
    </Upload.Dragger>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph type="secondary">{t('matching.screening.intro')}</Typography.Paragraph>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 280px' }} data-testid="screening-listings">
          {picker('listings', '.csv,.xlsx', listings, setListings)}
        </div>
        <div style={{ flex: '1 1 280px' }} data-testid="screening-images">
          {picker('images', '.zip', images, setImages)}
        </div>
      </div>
      <Space wrap>
        <Typography.Text>{t('matching.screening.threshold')}</Typography.Text>
        <Radio.Group value={threshold} onChange={(e) => setThreshold(e.target.value as 'strong' | 'possible')} disabled={working}>
          <Radio.Button value="possible">{t('matching.verdict.possible')}</Radio.Button>
          <Radio.Button value="strong">{t('matching.verdict.strong')}</Radio.Button>
        </Radio.Group>
        <Button type="primary" disabled={!listings} loading={working} onClick={run} data-testid="screening-run">
          {t('matching.screening.run')}
        </Button>
      </Space>
      {working && progress !== null && (
        <div data-testid="screening-upload-progress">
          <Typography.Text type="secondary">{t('matching.screening.uploading')}</Typography.Text>
          <Progress percent={progress} size="small" />
        </div>
      )}
      {working && progress === null && (
        <div data-testid="screening-progress">
          <Typography.Text type="secondary">
            {job ? t('matching.screening.progress', { done: job.done, total: job.total }) : t('matching.screening.working')}
          </Typography.Text>
          <Progress percent={job?.percent ?? 0} size="small" status="active" />
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      {summary && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="screening-summary">
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 5 }} bordered>
            <Descriptions.Item label={t('matching.screening.summary.images')}>{summary.listingImages}</Descriptions.Item>
            <Descriptions.Item label={t('matching.screening.summary.screened')}>{summary.screened}</Descriptions.Item>
            <Descriptions.Item label={t('matching.screening.summary.before')}>{summary.alreadyScreened}</Descriptions.Item>
            <Descriptions.Item label={t('matching.screening.summary.queued')}>{summary.queuedForReview}</Descriptions.Item>
            <Descriptions.Item label={t('matching.screening.summary.errors')} span="filled">
              {summary.errors.length + summary.issues.length}
            </Descriptions.Item>
          </Descriptions>
          {(summary.errors.length > 0 || summary.issues.length > 0) && (
            <Table
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              rowKey={(r) => `${r.row}-${r.what}`}
              dataSource={[
                ...summary.errors.map((e) => ({ row: e.row, what: e.image, message: e.message })),
                ...summary.issues.map((i) => ({ row: i.row, what: i.column, message: i.message })),
              ]}
              columns={[
                { title: t('matching.screening.errors.row'), dataIndex: 'row', width: 80 },
                { title: t('matching.screening.errors.what'), dataIndex: 'what' },
                { title: t('matching.screening.errors.reason'), dataIndex: 'message' },
              ]}
            />
          )}
        </Space>
      )}
    </Space>
  );
}
