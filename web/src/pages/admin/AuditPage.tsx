// /admin/audit (admins): the latest 50 audit entries.
import { Card, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { listAudit } from '../../api/audit';
import type { AuditEntry } from '../../api/types';
import { ApiTable } from '../../components/ApiTable';
import { DateTime } from '../../components/DateTime';
import { PageTitle } from '../../components/PageTitle';
import { useApi } from '../../hooks/useApi';

export default function AuditPage() {
  const { t } = useTranslation();
  const result = useApi((signal) => listAudit(50, signal));

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.at'), render: (_, e) => <DateTime iso={e.at} /> },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, e) => e.actorUsername ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    { key: 'action', title: t('audit.action'), render: (_, e) => <Typography.Text code>{e.action}</Typography.Text> },
    { key: 'entityType', title: t('audit.entityType'), render: (_, e) => e.entityType ?? t('common.none') },
    { key: 'entityId', title: t('audit.entityId'), render: (_, e) => e.entityId ?? t('common.none') },
  ];

  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <Card>
        <ApiTable<AuditEntry> data-testid="audit-table" rowKey="id" result={result} columns={columns} errorOnly />
      </Card>
    </>
  );
}
