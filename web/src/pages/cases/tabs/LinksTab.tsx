// Links tab (串并案): the cases linked by hand with their reasons, suggested links (shared phone
// numbers, accounts, ID numbers, plates, registry objects; similar modus-operandi text) each with
// a "link" button, and linking any other case found by search. Links are made with a reason.

import { DisconnectOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Flex, Form, Input, Popconfirm, Progress, Select, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { addLink, listCases, listLinkSuggestions, listLinks, removeLink } from '../../../api/cases';
import { isAbort } from '../../../api/errors';
import type { CaseLink, CaseSummary, LinkSuggestion } from '../../../api/types';
import { ApiTable } from '../../../components/ApiTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { JurisdictionName } from '../../../components/JurisdictionName';
import { useApi } from '../../../hooks/useApi';
import { useFormatDate } from '../../../hooks/useFormatDateTime';
import { useModalTarget } from '../../../hooks/useModalTarget';
import { useLabels } from '../../../i18n/useLabels';
import { testId } from '../../../lib/testId';
import { caseRules, LIMITS } from '../caseRules';
import type { CaseTabProps } from '../types';
import { actionsColumn } from './actionsColumn';

/** What the link modal is about: a suggestion (other case fixed, reason proposed) or a free search. */
type LinkTarget = { kind: 'suggestion'; suggestion: LinkSuggestion } | { kind: 'search' };

export function LinksTab({ caseId, version, canWrite, onChanged }: CaseTabProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { message, modal } = AntApp.useApp();
  const formatDate = useFormatDate();
  const links = useApi((signal) => listLinks(caseId, signal), [caseId, version]);
  const suggestions = useApi((signal) => listLinkSuggestions(caseId, signal), [caseId, version]);
  const linking = useModalTarget<LinkTarget>();
  const linkedIds = useMemo(() => new Set((links.data?.items ?? []).map((l) => l.caseId)), [links.data]);

  const unlink = async (other: CaseLink) => {
    try {
      await removeLink(caseId, other.caseId);
      void message.success(t('cases.links.removed'));
      onChanged();
    } catch (err) {
      modal.error({ title: t('cases.links.remove'), content: <ErrorAlert error={err} /> });
    }
  };

  const linkColumns: TableColumnsType<CaseLink> = [
    { key: 'caseNo', title: t('cases.columns.caseNo'), render: (_, l) => <Link to={`/cases/${l.caseId}`}>{l.caseNo}</Link> },
    { key: 'title', title: t('cases.columns.title'), dataIndex: 'title' },
    { key: 'reason', title: t('cases.links.reason'), render: (_, l) => <span className="lf-prewrap">{l.reason}</span> },
    { key: 'createdAt', title: t('cases.links.createdAt'), render: (_, l) => formatDate(l.createdAt) },
    ...actionsColumn<CaseLink>(canWrite, t, (l) => (
      <Popconfirm
        title={t('cases.links.removeConfirm')}
        okText={t('cases.transition.confirm')}
        cancelText={t('cases.transition.cancel')}
        okButtonProps={testId('link-remove-confirm')}
        onConfirm={() => unlink(l)}
      >
        <Button size="small" danger icon={<DisconnectOutlined />} data-testid="link-remove">
          {t('cases.links.remove')}
        </Button>
      </Popconfirm>
    )),
  ];

  const suggestionColumns: TableColumnsType<LinkSuggestion> = [
    { key: 'caseNo', title: t('cases.columns.caseNo'), render: (_, s) => <Link to={`/cases/${s.caseId}`}>{s.caseNo}</Link> },
    { key: 'title', title: t('cases.columns.title'), dataIndex: 'title' },
    { key: 'jurisdiction', title: t('cases.columns.jurisdiction'), render: (_, s) => <JurisdictionName code={s.jurisdictionCode} /> },
    {
      key: 'shared',
      title: t('cases.links.shared'),
      render: (_, s) =>
        s.shared.length ? (
          <Flex gap={4} wrap>
            {s.shared.map((id) => (
              <Tag key={`${id.kind}:${id.value}`}>
                {label('identifierKinds', id.kind)}: {id.value}
              </Tag>
            ))}
          </Flex>
        ) : (
          t('common.none')
        ),
    },
    {
      key: 'textSimilarity',
      title: t('cases.links.textSimilarity'),
      render: (_, s) => <Progress percent={Math.round(Math.max(0, Math.min(1, s.textSimilarity)) * 100)} size="small" className="lf-similarity" />,
    },
    { key: 'score', title: t('cases.links.score'), align: 'right', render: (_, s) => s.score.toFixed(2) },
    ...actionsColumn<LinkSuggestion>(canWrite, t, (s) =>
      linkedIds.has(s.caseId) ? (
        <Tag color="green">{t('cases.links.linkedDone')}</Tag>
      ) : (
        <Button
          size="small"
          icon={<LinkOutlined />}
          onClick={() => linking.open({ kind: 'suggestion', suggestion: s })}
          data-testid="suggestion-link"
        >
          {t('cases.links.link')}
        </Button>
      ),
    ),
  ];

  return (
    <div className="lf-stack">
      <Card
        size="small"
        title={t('cases.links.linked')}
        extra={
          canWrite ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => linking.open({ kind: 'search' })} data-testid="link-add">
              {t('cases.links.add')}
            </Button>
          ) : null
        }
      >
        <ApiTable<CaseLink>
          data-testid="links-table"
          rowKey="caseId"
          size="small"
          result={links}
          columns={linkColumns}
          emptyText={t('cases.links.emptyLinked')}
        />
      </Card>
      <Card size="small" title={t('cases.links.suggestions')}>
        <Typography.Paragraph type="secondary">{t('cases.links.suggestionsIntro')}</Typography.Paragraph>
        <ApiTable<LinkSuggestion>
          data-testid="link-suggestions"
          rowKey="caseId"
          size="small"
          result={suggestions}
          columns={suggestionColumns}
          emptyText={t('cases.links.emptySuggestions')}
          pagination={{ hideOnSinglePage: true, pageSize: 20 }}
        />
      </Card>
      <LinkModal
        caseId={caseId}
        target={linking.target}
        excluded={linkedIds}
        onClose={linking.close}
        onDone={linking.closeThen(() => {
          void message.success(t('cases.links.linkedDone'));
          onChanged();
        })}
      />
    </div>
  );
}

interface LinkValues {
  otherCaseId?: string;
  reason: string;
}

function LinkModal({
  caseId,
  target,
  excluded,
  onClose,
  onDone,
}: {
  caseId: string;
  target: LinkTarget | undefined;
  excluded: ReadonlySet<string>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [form] = Form.useForm<LinkValues>();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<CaseSummary[]>([]);
  const [searching, setSearching] = useState(false);
  const rules = caseRules(t);

  // Case search for a free link (debounced).
  useEffect(() => {
    if (target?.kind !== 'search') return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setSearching(true);
      listCases({ q: search.trim() || undefined, pageSize: 20 }, controller.signal).then(
        (page) => {
          setFound(page.items.filter((c) => c.id !== caseId && !excluded.has(c.id)));
          setSearching(false);
        },
        (err: unknown) => {
          if (!isAbort(err)) setSearching(false);
        },
      );
    }, 300);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [search, target, caseId, excluded]);

  const proposedReason = (s: LinkSuggestion) =>
    s.shared.length
      ? t('cases.links.defaultReason', {
          shared: s.shared.map((id) => `${label('identifierKinds', id.kind)} ${id.value}`).join(t('cases.timeline.listSeparator')),
        })
      : t('cases.links.defaultReasonText');

  const submit = async (values: LinkValues) => {
    const otherCaseId = target?.kind === 'suggestion' ? target.suggestion.caseId : values.otherCaseId;
    if (!otherCaseId) return;
    await addLink(caseId, { otherCaseId, reason: values.reason.trim() });
    onDone();
  };

  return (
    <FormModal<LinkValues>
      form={form}
      name="link"
      fields={['otherCaseId', 'reason']}
      onSubmit={submit}
      open={target !== undefined}
      title={target?.kind === 'suggestion' ? t('cases.links.linkTitle', { caseNo: target.suggestion.caseNo }) : t('cases.links.addTitle')}
      okText={t('cases.links.link')}
      cancelText={t('cases.transition.cancel')}
      onCancel={onClose}
      okTestId="link-confirm"
      afterClose={() => {
        setSearch('');
        setFound([]);
      }}
      initialValues={{ reason: target?.kind === 'suggestion' ? proposedReason(target.suggestion) : '' }}
    >
      {target?.kind === 'search' ? (
        <Form.Item name="otherCaseId" label={t('cases.links.otherCase')} rules={[{ required: true, message: t('cases.validation.caseRequired') }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            loading={searching}
            placeholder={t('cases.links.searchCase')}
            options={found.map((c) => ({ value: c.id, label: `${c.caseNo} ${c.title}` }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="reason" label={t('cases.links.reason')} rules={rules.reason}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={LIMITS.reason} showCount />
      </Form.Item>
    </FormModal>
  );
}
