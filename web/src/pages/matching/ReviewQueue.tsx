// The screening review queue: market listings whose photo (or words) matched a registry object in your scope, with the
// evidence side by side — the listing's photo beside the registry photo, the listing's text against each candidate's matched points and matched words. Confirming
// turns the hit into a lead on the object's case (or a new case) and notifies the object's jurisdiction.
import { App, Button, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { decideReview, type ReviewItem, reviewQueue, type ScreeningCandidate, type Verdict } from '../../api/matching';
import { staffPhotoUrl } from '../../api/relics';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../hooks/useApi';
import { VerdictTag } from './PhotoMatch';

function KindTag({ kind }: { kind: ScreeningCandidate['kind'] }) {
  const { t } = useTranslation();
  const color = kind === 'photo+text' ? 'green' : kind === 'photo' ? 'blue' : 'orange';
  return (
    <Tag color={color} data-testid="candidate-kind">
      {t(`matching.review.kind.${kind === 'photo+text' ? 'both' : kind}`)}
    </Tag>
  );
}

/** The listing's text with the words that matched a candidate marked. */
function Marked({ text, words }: { text: string; words: string[] }) {
  if (!text || words.length === 0) return <>{text}</>;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length);
  const parts = text.split(new RegExp(`(${escaped.join('|')})`, 'giu'));
  return <>{parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : <span key={i}>{p}</span>))}</>;
}

/** The listing's photo and the matched registry photo, side by side. */
function SideBySide({ item }: { item: ReviewItem }) {
  const { t } = useTranslation();
  const figure = (label: string, src: string | null, testId: string) => (
    <figure style={{ margin: 0, flex: '1 1 240px', maxWidth: 420 }} data-testid={testId}>
      {src ? (
        <img src={src} alt={label} style={{ width: '100%', maxHeight: 320, objectFit: 'contain', background: '#fafafa' }} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matching.review.noListingPhoto')} />
      )}
      <figcaption>
        <Typography.Text type="secondary">{label}</Typography.Text>
      </figcaption>
    </figure>
  );
  return (
    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', width: '100%' }}>
      {figure(t('matching.review.listingPhoto'), item.listingPhotoUrl, 'review-listing-photo')}
      {item.objectId &&
        item.bestSha256 &&
        figure(
          `${t('matching.review.registryPhoto')} · ${item.objectRef ?? ''}`,
          staffPhotoUrl(item.objectId, item.bestSha256, 'web'),
          'review-registry-photo',
        )}
    </div>
  );
}

function Evidence({ item }: { item: ReviewItem }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const allWords = [...new Set(item.candidates.flatMap((c) => c.words))];
  return (
    <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }} data-testid="review-evidence">
      <SideBySide item={item} />
      <Descriptions size="small" column={1} title={t('matching.review.listing')} style={{ flex: '1 1 280px' }}>
        <Descriptions.Item label={t('matching.review.fields.title')}>
          <Marked text={item.title ?? ''} words={allWords} />
        </Descriptions.Item>
        <Descriptions.Item label={t('matching.review.fields.description')}>
          <Marked text={item.description ?? ''} words={allWords} />
        </Descriptions.Item>
        <Descriptions.Item label={t('matching.review.fields.price')}>{item.price ?? ''}</Descriptions.Item>
        <Descriptions.Item label={t('matching.review.fields.image')}>{item.imagePath}</Descriptions.Item>
      </Descriptions>
      <Table<ScreeningCandidate>
        style={{ flex: '2 1 420px' }}
        size="small"
        rowKey={(c) => `${c.kind}-${c.sha256 ?? ''}-${c.publicationNo ?? ''}`}
        pagination={false}
        dataSource={item.candidates}
        columns={[
          {
            title: t('matching.review.object'),
            render: (_, c) =>
              c.objectId && (
                <Space>
                  {c.sha256 && <img src={staffPhotoUrl(c.objectId, c.sha256, 'thumb')} alt={c.objectRef ?? ''} style={{ height: 48 }} />}
                  <Space direction="vertical" size={0}>
                    <Link to={`/relics/${c.objectId}`}>{c.objectRef}</Link>
                    <Typography.Text type="secondary">{(en ? c.titleEn || c.titleZh : c.titleZh || c.titleEn) ?? ''}</Typography.Text>
                  </Space>
                </Space>
              ),
          },
          {
            title: t('matching.review.evidence'),
            render: (_, c) => (
              <Space direction="vertical" size={2}>
                <Space wrap>
                  <KindTag kind={c.kind} />
                  <VerdictTag verdict={c.verdict} />
                  {c.verdictFrom === 'text' && <Typography.Text type="secondary">{t('matching.review.byWords')}</Typography.Text>}
                </Space>
                {c.kind !== 'text' && (
                  <Typography.Text>{t('matching.results.score', { score: c.score.toFixed(3), inliers: c.inliers })}</Typography.Text>
                )}
                {c.words.length > 0 && (
                  <Typography.Text>
                    {t('matching.review.words')}{' '}
                    {c.words.map((w) => (
                      <Tag key={w}>{w}</Tag>
                    ))}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}

export function ReviewQueue() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<number | null>(null);
  // A refusal (403) or failure shows as a message in place of the queue, never as a spinner that never stops.
  const queue = useApi(reviewQueue);
  const load = queue.reload;
  const items = queue.loading ? null : (queue.data?.items ?? null);

  const decide = async (item: ReviewItem, decision: 'confirmed' | 'rejected') => {
    setBusy(item.id);
    try {
      const result = await decideReview(item.id, decision, item.objectId);
      if (decision === 'confirmed') void message.success(result.caseId ? t('matching.review.leadRaised') : t('matching.review.confirmedNoCase'));
      else void message.success(t('matching.review.rejected'));
      load();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  if (queue.error) return <ErrorAlert error={queue.error} onRetry={load} />;
  if (items && items.length === 0) return <Empty description={t('matching.review.empty')} />;
  return (
    <Table<ReviewItem>
      rowKey="id"
      loading={queue.loading}
      dataSource={items ?? []}
      pagination={false}
      data-testid="review-queue"
      expandable={{ expandedRowRender: (r) => <Evidence item={r} />, rowExpandable: () => true }}
      columns={[
        {
          title: t('matching.review.listing'),
          render: (_, r) => (
            <Space>
              {r.listingPhotoUrl && (
                <img
                  src={r.listingPhotoUrl.replace(/\/web$/, '/thumb')}
                  alt={t('matching.review.listingPhoto')}
                  style={{ height: 64 }}
                  data-testid="review-listing-thumb"
                />
              )}
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{r.title ?? r.reference}</Typography.Text>
                <Typography.Text type="secondary">
                  {r.source} · {r.reference}
                </Typography.Text>
              </Space>
            </Space>
          ),
        },
        {
          title: t('matching.review.object'),
          render: (_, r) =>
            r.objectId && (
              <Space>
                {r.bestSha256 && <img src={staffPhotoUrl(r.objectId, r.bestSha256, 'thumb')} alt={r.objectRef ?? ''} style={{ height: 64 }} />}
                <Link to={`/relics/${r.objectId}`}>{r.objectRef}</Link>
                {r.publicationNo && <Typography.Text type="secondary">{r.publicationNo}</Typography.Text>}
              </Space>
            ),
        },
        {
          title: t('matching.review.match'),
          render: (_, r) => (
            <Space>
              {r.bestVerdict === 'text_only' ? <KindTag kind="text" /> : r.bestVerdict && <VerdictTag verdict={r.bestVerdict as Verdict} />}
              {r.bestVerdict !== 'text_only' && r.bestScore !== null && r.bestScore.toFixed(3)}
            </Space>
          ),
        },
        {
          title: '',
          render: (_, r) => (
            <Space>
              <Button type="primary" loading={busy === r.id} onClick={() => decide(r, 'confirmed')}>
                {t('matching.review.confirm')}
              </Button>
              <Button loading={busy === r.id} onClick={() => decide(r, 'rejected')}>
                {t('matching.review.reject')}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
