// The screening review queue: market listings whose photo matched a registry object in your scope. Confirming turns
// the hit into a lead on the object's case (or a new case); rejecting closes it.
import { App, Button, Empty, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { decideReview, reviewQueue, type ReviewItem, type Verdict } from '../../api/matching';
import { staffPhotoUrl } from '../../api/relics';
import { VerdictTag } from './PhotoMatch';

export function ReviewQueue() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const load = useCallback(() => {
    reviewQueue().then((r) => setItems(r.items)).catch((e: unknown) => message.error(e instanceof Error ? e.message : String(e)));
  }, [message]);
  useEffect(load, [load]);

  const decide = async (item: ReviewItem, decision: 'confirmed' | 'rejected') => {
    setBusy(item.id);
    try {
      const result = await decideReview(item.id, decision);
      if (decision === 'confirmed') message.success(result.caseId ? t('matching.review.leadRaised') : t('matching.review.confirmedNoCase'));
      else message.success(t('matching.review.rejected'));
      load();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  if (items && items.length === 0) return <Empty description={t('matching.review.empty')} />;
  return (
    <Table<ReviewItem>
      rowKey="id"
      loading={!items}
      dataSource={items ?? []}
      pagination={false}
      data-testid="review-queue"
      columns={[
        { title: t('matching.review.listing'), render: (_, r) => <Space direction="vertical" size={0}><Typography.Text strong>{r.title ?? r.reference}</Typography.Text><Typography.Text type="secondary">{r.source} · {r.reference}</Typography.Text></Space> },
        { title: t('matching.review.object'), render: (_, r) => r.objectId && (
          <Space>
            {r.bestSha256 && <img src={staffPhotoUrl(r.objectId, r.bestSha256, 'thumb')} alt={r.objectRef ?? ''} style={{ height: 64 }} />}
            <Link to={`/relics/${r.objectId}`}>{r.objectRef}</Link>
            {r.publicationNo && <Typography.Text type="secondary">{r.publicationNo}</Typography.Text>}
          </Space>
        ) },
        { title: t('matching.review.match'), render: (_, r) => <Space>{r.bestVerdict && <VerdictTag verdict={r.bestVerdict as Verdict} />}{r.bestScore !== null && r.bestScore.toFixed(3)}</Space> },
        { title: '', render: (_, r) => (
          <Space>
            <Button type="primary" loading={busy === r.id} onClick={() => decide(r, 'confirmed')}>{t('matching.review.confirm')}</Button>
            <Button loading={busy === r.id} onClick={() => decide(r, 'rejected')}>{t('matching.review.reject')}</Button>
          </Space>
        ) },
      ]}
    />
  );
}
