// Summary tab: every field of the case as descriptions.
import { Descriptions, type DescriptionsProps, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { campaignName } from '../../../../../src/modules/cases/vocabulary';
import { getJurisdiction } from '../../../api/org';
import type { CaseDetail } from '../../../api/types';
import { DateTime } from '../../../components/DateTime';
import { useApi } from '../../../hooks/useApi';
import { useFormatAmount, useFormatDateTime } from '../../../hooks/useFormatDateTime';
import { useLabels } from '../../../i18n/useLabels';
import { CaseStatusTag } from '../CaseStatusTag';
import { SupervisionBadge } from '../SupervisionBadge';

const nameOf = (n: { zh: string; en: string }) => ({ nameZh: n.zh, nameEn: n.en });

import { useCategories } from '../useCategories';

/** Columns per breakpoint; a full-width item spans all of them. */
const COLUMNS = { xs: 1, sm: 1, md: 2, lg: 3 };

export function SummaryTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { localName, label } = useLabels();
  const formatDateTime = useFormatDateTime();
  const formatAmount = useFormatAmount();
  const categories = useCategories();
  // The case's jurisdiction name; looked up when the answer carries only the code.
  const hasNames = Boolean(detail.jurisdictionNameZh || detail.jurisdictionNameEn);
  const jurisdiction = useApi(
    (signal) => (hasNames ? Promise.resolve(undefined) : getJurisdiction(detail.jurisdictionCode, signal)),
    [detail.jurisdictionCode, hasNames],
  );
  const jurisdictionName = hasNames
    ? localName({ nameZh: detail.jurisdictionNameZh, nameEn: detail.jurisdictionNameEn })
    : localName(jurisdiction.data);
  const when = (iso: string | null) => <DateTime iso={iso} />;

  const items: DescriptionsProps['items'] = [
    { key: 'caseNo', label: t('cases.fields.caseNo'), children: detail.caseNo },
    { key: 'category', label: t('cases.fields.category'), children: categories.name(detail.categoryCode) },
    {
      key: 'jurisdiction',
      label: t('cases.fields.jurisdiction'),
      // The name is the text; the 6-digit code is a tooltip.
      children: (
        <Tooltip title={detail.jurisdictionCode}>
          <span data-testid="case-jurisdiction">{jurisdictionName || '…'}</span>
        </Tooltip>
      ),
    },
    { key: 'status', label: t('cases.fields.status'), children: <CaseStatusTag status={detail.status} /> },
    { key: 'occurredAt', label: t('cases.fields.occurredAt'), children: when(detail.occurredAt) },
    { key: 'reportedAt', label: t('cases.fields.reportedAt'), children: when(detail.reportedAt) },
    { key: 'filedAt', label: t('cases.fields.filedAt'), children: when(detail.filedAt) },
    { key: 'solvedAt', label: t('cases.fields.solvedAt'), children: when(detail.solvedAt) },
    { key: 'prosecutedAt', label: t('cases.fields.prosecutedAt'), children: when(detail.prosecutedAt) },
    { key: 'closedAt', label: t('cases.fields.closedAt'), children: when(detail.closedAt) },
    ...(detail.dismissedAt || detail.dismissalReason
      ? [
          { key: 'dismissedAt', label: t('cases.fields.dismissedAt'), children: when(detail.dismissedAt) },
          { key: 'dismissalReason', label: t('cases.fields.dismissalReason'), children: detail.dismissalReason ?? t('common.none') },
        ]
      : []),
    { key: 'lossAmount', label: t('cases.fields.lossAmount'), children: formatAmount(detail.lossAmount) },
    {
      key: 'campaigns',
      label: t('cases.fields.campaignCodes'),
      children: detail.campaignCodes.length
        ? detail.campaignCodes.map((c) => (
            <Tooltip key={c} title={c}>
              <Tag data-testid="campaign-tag" data-code={c}>
                {localName(nameOf(campaignName(c)))}
              </Tag>
            </Tooltip>
          ))
        : t('common.none'),
    },
    {
      key: 'supervision',
      label: t('cases.fields.supervision'),
      children:
        detail.supervision === 'none' ? (
          label('supervision', 'none')
        ) : (
          <span>
            <SupervisionBadge level={detail.supervision} />
            {detail.supervisionSetByUsername && detail.supervisionSetAt ? (
              <Typography.Text type="secondary">
                {t('cases.supervise.setBy', { user: detail.supervisionSetByUsername, at: formatDateTime(detail.supervisionSetAt) })}
              </Typography.Text>
            ) : null}
          </span>
        ),
    },
    ...(detail.supervision !== 'none' && detail.supervisionReason
      ? [{ key: 'supervisionReason', label: t('cases.fields.supervisionReason'), children: detail.supervisionReason, span: COLUMNS }]
      : []),
    { key: 'createdAt', label: t('cases.fields.createdAt'), children: when(detail.createdAt) },
    { key: 'updatedAt', label: t('cases.fields.updatedAt'), children: when(detail.updatedAt) },
    {
      key: 'summary',
      label: t('cases.fields.summary'),
      span: COLUMNS,
      children: detail.summary ? <div className="lf-prewrap">{detail.summary}</div> : t('common.none'),
    },
  ];

  return <Descriptions data-testid="case-summary" bordered size="small" column={COLUMNS} items={items} />;
}
