// /admin/audit (admins): the audit log, newest first, filtered by action, user, period and record. Actions and record
// types read by name (the code is a tooltip); users by display name (username beneath).
import { Button, Card, DatePicker, Flex, Input, Select, Space, type TableColumnsType, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type AuditQuery, listAudit } from '../../api/audit';
import { listUsers } from '../../api/org';
import type { AuditEntry } from '../../api/types';
import { ApiTable } from '../../components/ApiTable';
import { DateTime } from '../../components/DateTime';
import { PageTitle } from '../../components/PageTitle';
import { useApi } from '../../hooks/useApi';
import { toIso } from '../../lib/dates';
import { useAuditVocabulary } from './auditVocabulary';

/** Where a record of this type opens in the app, if it has a page. */
const RECORD_PAGES: Record<string, (id: string) => string> = {
  case: (id) => `/cases/${id}`,
  relic_object: (id) => `/relics/${id}`,
  relic: (id) => `/relics/${id}`,
};

export default function AuditPage() {
  const { t } = useTranslation();
  const vocab = useAuditVocabulary();
  const [query, setQuery] = useState<AuditQuery>({});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const result = useApi((signal) => listAudit(query, signal), [JSON.stringify(query)]);
  const people = useApi(listUsers);
  const set = (patch: AuditQuery) =>
    setQuery((q) => {
      const next = { ...q, ...patch };
      for (const key of Object.keys(next) as (keyof AuditQuery)[]) if (next[key] === undefined || next[key] === '') delete next[key];
      return next;
    });

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.at'), fixed: 'left', render: (_, e) => <DateTime iso={e.at} /> },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, e) =>
        e.actorUsername === null ? (
          <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
        ) : (
          <Space direction="vertical" size={0}>
            <span>{e.actorDisplayName ?? e.actorUsername}</span>
            {e.actorDisplayName && <Typography.Text type="secondary">{e.actorUsername}</Typography.Text>}
          </Space>
        ),
    },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, e) => (
        <Tooltip title={e.action}>
          <span data-testid="audit-action" data-code={e.action}>
            {vocab.actionName(e.action)}
          </span>
        </Tooltip>
      ),
    },
    {
      key: 'record',
      title: t('auditLog.record'),
      render: (_, e) => {
        if (!e.entityType) return t('common.none');
        const page = e.entityId ? RECORD_PAGES[e.entityType]?.(e.entityId) : undefined;
        return (
          <Space size={4}>
            <span>{vocab.entityName(e.entityType)}</span>
            {e.entityId &&
              (page ? (
                <Tooltip title={e.entityId}>
                  <Link to={page}>{t('auditLog.open')}</Link>
                </Tooltip>
              ) : (
                <Tooltip title={e.entityId}>
                  <Typography.Text type="secondary" copyable={{ text: e.entityId }}>
                    #{e.entityId.slice(0, 8)}
                  </Typography.Text>
                </Tooltip>
              ))}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('auditLog.intro')}</Typography.Paragraph>
      <Card>
        <Flex wrap gap="small" style={{ marginBottom: 12 }} data-testid="audit-filters">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 220 }}
            data-testid="audit-filter-action"
            placeholder={t('auditLog.filterAction')}
            aria-label={t('auditLog.filterAction')}
            value={query.action}
            options={vocab.actionOptions}
            onChange={(action?: string) => set({ action })}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 200 }}
            data-testid="audit-filter-actor"
            placeholder={t('auditLog.filterActor')}
            aria-label={t('auditLog.filterActor')}
            value={query.actor}
            options={(people.data?.items ?? []).map((u) => ({ value: u.username, label: `${u.displayName} (${u.username})` }))}
            onChange={(actor?: string) => set({ actor })}
          />
          <DatePicker.RangePicker
            showTime
            allowEmpty={[true, true]}
            data-testid="audit-filter-period"
            value={range}
            placeholder={[t('cases.filters.from'), t('cases.filters.to')]}
            onChange={(value) => {
              setRange(value as [Dayjs | null, Dayjs | null] | null);
              set({ from: toIso(value?.[0]), to: toIso(value?.[1]) });
            }}
          />
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('auditLog.filterEntityType')}
            aria-label={t('auditLog.filterEntityType')}
            value={query.entityType}
            options={vocab.entityTypes.map((type) => ({ value: type, label: vocab.entityName(type) }))}
            onChange={(entityType?: string) => set({ entityType })}
          />
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder={t('auditLog.filterEntityId')}
            aria-label={t('auditLog.filterEntityId')}
            onSearch={(entityId) => set({ entityId: entityId.trim() || undefined })}
          />
          <Button
            onClick={() => {
              setQuery({});
              setRange(null);
            }}
          >
            {t('auditLog.reset')}
          </Button>
        </Flex>
        <ApiTable<AuditEntry> data-testid="audit-table" rowKey="id" result={result} columns={columns} errorOnly />
      </Card>
    </>
  );
}
