// Audit tab (admins): every read and change of this case, with before/after values.
import { type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getCaseAudit } from '../../../api/cases';
import type { CaseAuditEntry } from '../../../api/types';
import { ApiTable } from '../../../components/ApiTable';
import { DateTime } from '../../../components/DateTime';
import { useApi } from '../../../hooks/useApi';

function JsonValue({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <>{t('common.none')}</>;
  return <pre className="lf-json">{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</pre>;
}

export function AuditTab({ caseId, version }: { caseId: string; version: number }) {
  const { t } = useTranslation();
  const result = useApi((signal) => getCaseAudit(caseId, signal), [caseId, version]);

  const columns: TableColumnsType<CaseAuditEntry> = [
    { key: 'at', title: t('cases.audit.at'), render: (_, e) => <DateTime iso={e.at} /> },
    {
      key: 'actor',
      title: t('cases.audit.actor'),
      render: (_, e) => e.actorUsername ?? <Typography.Text type="secondary">{t('cases.audit.system')}</Typography.Text>,
    },
    { key: 'action', title: t('cases.audit.action'), render: (_, e) => <Typography.Text code>{e.action}</Typography.Text> },
    { key: 'before', title: t('cases.audit.before'), render: (_, e) => <JsonValue value={e.before} /> },
    { key: 'after', title: t('cases.audit.after'), render: (_, e) => <JsonValue value={e.after} /> },
  ];

  return (
    <div className="lf-stack">
      <Typography.Text type="secondary">{t('cases.audit.intro')}</Typography.Text>
      <ApiTable<CaseAuditEntry> data-testid="case-audit-table" rowKey={(e) => String(e.id)} size="small" result={result} columns={columns} />
    </div>
  );
}
