// /relics/tips: tips from the public about objects in the user's scope; dismiss, or make a lead on a case.
import { Button, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle';
import { listTips, reviewTip, TIP_STATUSES, type TipItem, type TipStatus } from '../../api/relics';
import { useVocab } from './vocab';
import { CaseSelect } from './CaseSelect';

export default function RelicTipsPage() {
  const { t } = useTranslation();
  const v = useVocab();
  const [status, setStatus] = useState<TipStatus | undefined>('new');
  const [items, setItems] = useState<TipItem[]>([]);
  const [caseIds, setCaseIds] = useState<Record<string, string>>({});
  const load = useCallback(() => { listTips(status).then((r) => setItems(r.items)).catch(() => undefined); }, [status]);
  useEffect(load, [load]);
  return (
    <>
      <PageTitle>{t('relics.staff.tips')}</PageTitle>
      <Select allowClear value={status} onChange={setStatus} style={{ width: 160, marginBottom: 12 }} options={TIP_STATUSES.map((s) => ({ value: s, label: t(`relics.tipStatus.${s}`) }))} />
      <Table<TipItem> rowKey="id" dataSource={items} scroll={{ x: true }} columns={[
        { title: t('relics.fields.publicationNo'), render: (_: unknown, r) => <Link to={`/relics/${r.objectId}`}>{r.publicationNo} {v.pick(r.titleZh, r.titleEn)}</Link> },
        { title: t('relics.tips.message'), dataIndex: 'message' },
        { title: t('relics.tips.contact'), dataIndex: 'contact' },
        { title: t('relics.tips.photo'), render: (_: unknown, r) => r.hasPhoto && <a href={`/api/relics/tips/${r.id}/photo`} target="_blank" rel="noreferrer">{t('relics.tips.photo')}</a> },
        { title: t('relics.public.status'), dataIndex: 'status', render: (s: TipStatus) => <Tag>{t(`relics.tipStatus.${s}`)}</Tag> },
        { title: '', render: (_: unknown, r) => r.status === 'new' && (
          <Space wrap>
            <CaseSelect style={{ width: 260 }} value={caseIds[r.id] ?? null} onChange={(id) => setCaseIds({ ...caseIds, [r.id]: id ?? '' })} data-testid={`tip-case-${r.id}`} />
            <Button disabled={!caseIds[r.id]} onClick={() => void reviewTip(r.id, { action: 'lead', caseId: caseIds[r.id]! }).then(load)}>{t('relics.tips.makeLead')}</Button>
            <Button onClick={() => void reviewTip(r.id, { action: 'dismiss' }).then(load)}>{t('relics.tips.dismiss')}</Button>
          </Space>
        ) },
      ]} />
    </>
  );
}
