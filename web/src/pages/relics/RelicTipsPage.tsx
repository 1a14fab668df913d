// /relics/tips: tips from the public about objects in the user's scope; dismiss, or make a lead on a case.
import { App, Button, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { listTips, reviewTip, TIP_STATUSES, type TipItem, type TipStatus } from '../../api/relics';
import { ApiTable } from '../../components/ApiTable';
import { PageTitle } from '../../components/PageTitle';
import { useApi } from '../../hooks/useApi';
import { CaseSelect } from './CaseSelect';
import { useVocab } from './vocab';

export default function RelicTipsPage() {
  const { t } = useTranslation();
  const v = useVocab();
  const [status, setStatus] = useState<TipStatus | undefined>('new');
  const { message } = App.useApp();
  const [caseIds, setCaseIds] = useState<Record<string, string>>({});
  // A refusal (403) or any failure shows as a message with the table, never as an empty list.
  const result = useApi((signal) => listTips(status, signal), [status]);
  const load = result.reload;
  const review = (id: string, body: Parameters<typeof reviewTip>[1]) => {
    reviewTip(id, body).then(load, (e: unknown) => message.error(errorMessage(e)));
  };
  return (
    <>
      <PageTitle>{t('relics.staff.tips')}</PageTitle>
      <Select
        allowClear
        value={status}
        onChange={setStatus}
        style={{ width: 160, marginBottom: 12 }}
        options={TIP_STATUSES.map((s) => ({ value: s, label: t(`relics.tipStatus.${s}`) }))}
      />
      <ApiTable<TipItem>
        rowKey="id"
        result={result}
        errorOnly
        data-testid="tips-table"
        columns={[
          {
            title: t('relics.fields.publicationNo'),
            render: (_: unknown, r) => (
              <Link to={`/relics/${r.objectId}`}>
                {r.publicationNo} {v.pick(r.titleZh, r.titleEn)}
              </Link>
            ),
          },
          { title: t('relics.tips.message'), dataIndex: 'message' },
          { title: t('relics.tips.contact'), dataIndex: 'contact' },
          {
            title: t('relics.tips.photo'),
            render: (_: unknown, r) =>
              r.hasPhoto && (
                <a href={`/api/relics/tips/${r.id}/photo`} target="_blank" rel="noreferrer">
                  {t('relics.tips.photo')}
                </a>
              ),
          },
          { title: t('relics.public.status'), dataIndex: 'status', render: (s: TipStatus) => <Tag>{t(`relics.tipStatus.${s}`)}</Tag> },
          {
            title: '',
            render: (_: unknown, r) =>
              r.status === 'new' && (
                <Space wrap>
                  <CaseSelect
                    style={{ width: 260 }}
                    value={caseIds[r.id] ?? null}
                    onChange={(id) => setCaseIds({ ...caseIds, [r.id]: id ?? '' })}
                    data-testid={`tip-case-${r.id}`}
                  />
                  <Button disabled={!caseIds[r.id]} onClick={() => review(r.id, { action: 'lead', caseId: caseIds[r.id]! })}>
                    {t('relics.tips.makeLead')}
                  </Button>
                  <Button onClick={() => review(r.id, { action: 'dismiss' })}>{t('relics.tips.dismiss')}</Button>
                </Space>
              ),
          },
        ]}
      />
    </>
  );
}
