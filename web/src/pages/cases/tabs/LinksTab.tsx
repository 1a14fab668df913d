// Links tab (串并案): the cases linked by hand with their reasons, suggested links (shared phone
// numbers, accounts, ID numbers, plates, registry objects; similar modus-operandi text) each with
// a "link" button, and linking any other case found by search. Links are made with a reason.
import { DisconnectOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Flex, Form, Input, Modal, Popconfirm, Progress, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { addLink, listCases, listLinkSuggestions, listLinks, removeLink } from '../../../api/cases';
import { isAbort } from '../../../api/errors';
import type { CaseLink, CaseSummary, LinkSuggestion } from '../../../api/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useApi } from '../../../hooks/useApi';
import { useFormatDate } from '../../../hooks/useFormatDateTime';
import { useLabels } from '../../../i18n/useLabels';
import { applyFieldErrors } from '../../../lib/formErrors';
import { testId } from '../../../lib/testId';
import { LIMITS, caseRules } from '../caseRules';

/** What the link modal is about: a suggestion (other case fixed, reason proposed) or a free search. */
type LinkTarget = { kind: 'suggestion'; suggestion: LinkSuggestion } | { kind: 'search' };

export function LinksTab({ caseId, version, canWrite, onChanged }: {
  caseId: string;
  version: number;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { message, modal } = AntApp.useApp();
  const formatDate = useFormatDate();
  const links = useApi((signal) => listLinks(caseId, signal), [caseId, version]);
  const suggestions = useApi((signal) => listLinkSuggestions(caseId, signal), [caseId, version]);
  const [target, setTarget] = useState<LinkTarget>();
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
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('cases.parties.actions'),
            render: (_: unknown, l: CaseLink) => (
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
            ),
          },
        ]
      : []),
  ];

  const suggestionColumns: TableColumnsType<LinkSuggestion> = [
    { key: 'caseNo', title: t('cases.columns.caseNo'), render: (_, s) => <Link to={`/cases/${s.caseId}`}>{s.caseNo}</Link> },
    { key: 'title', title: t('cases.columns.title'), dataIndex: 'title' },
    { key: 'jurisdiction', title: t('cases.columns.jurisdiction'), dataIndex: 'jurisdictionCode' },
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
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('cases.parties.actions'),
            render: (_: unknown, s: LinkSuggestion) =>
              linkedIds.has(s.caseId) ? (
                <Tag color="green">{t('cases.links.linkedDone')}</Tag>
              ) : (
                <Button size="small" icon={<LinkOutlined />} onClick={() => setTarget({ kind: 'suggestion', suggestion: s })} data-testid="suggestion-link">
                  {t('cases.links.link')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <div className="lf-stack">
      <Card
        size="small"
        title={t('cases.links.linked')}
        extra={
          canWrite ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setTarget({ kind: 'search' })} data-testid="link-add">
              {t('cases.links.add')}
            </Button>
          ) : null
        }
      >
        {links.error ? <ErrorAlert error={links.error} onRetry={links.reload} /> : null}
        <Table<CaseLink>
          data-testid="links-table"
          rowKey="caseId"
          size="small"
          loading={links.loading}
          columns={linkColumns}
          dataSource={links.data?.items ?? []}
          locale={{ emptyText: t('cases.links.emptyLinked') }}
          pagination={{ hideOnSinglePage: true, pageSize: 50 }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Card size="small" title={t('cases.links.suggestions')}>
        <Typography.Paragraph type="secondary">{t('cases.links.suggestionsIntro')}</Typography.Paragraph>
        {suggestions.error ? <ErrorAlert error={suggestions.error} onRetry={suggestions.reload} /> : null}
        <Table<LinkSuggestion>
          data-testid="link-suggestions"
          rowKey="caseId"
          size="small"
          loading={suggestions.loading}
          columns={suggestionColumns}
          dataSource={suggestions.data?.items ?? []}
          locale={{ emptyText: t('cases.links.emptySuggestions') }}
          pagination={{ hideOnSinglePage: true, pageSize: 20 }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <LinkModal
        caseId={caseId}
        target={target}
        excluded={linkedIds}
        onClose={() => setTarget(undefined)}
        onDone={() => {
          setTarget(undefined);
          void message.success(t('cases.links.linkedDone'));
          onChanged();
        }}
      />
    </div>
  );
}

interface LinkValues {
  otherCaseId?: string;
  reason: string;
}

function LinkModal({ caseId, target, excluded, onClose, onDone }: {
  caseId: string;
  target: LinkTarget | undefined;
  excluded: ReadonlySet<string>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [form] = Form.useForm<LinkValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
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
      ? t('cases.links.defaultReason', { shared: s.shared.map((id) => `${label('identifierKinds', id.kind)} ${id.value}`).join(t('cases.timeline.listSeparator')) })
      : t('cases.links.defaultReasonText');

  const onFinish = async (values: LinkValues) => {
    const otherCaseId = target?.kind === 'suggestion' ? target.suggestion.caseId : values.otherCaseId;
    if (!otherCaseId) return;
    setSubmitting(true);
    setError(undefined);
    try {
      await addLink(caseId, { otherCaseId, reason: values.reason.trim() });
      onDone();
    } catch (err) {
      applyFieldErrors(form, err, ['otherCaseId', 'reason']);
      setError(err);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={target !== undefined}
      title={target?.kind === 'suggestion' ? t('cases.links.linkTitle', { caseNo: target.suggestion.caseNo }) : t('cases.links.addTitle')}
      okText={t('cases.links.link')}
      cancelText={t('cases.transition.cancel')}
      okButtonProps={{ ...testId('link-confirm'), loading: submitting }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => {
        setError(undefined);
        setSearch('');
        setFound([]);
      }}
      destroyOnHidden
    >
      {error ? (
        <div className="lf-form-error">
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <Form<LinkValues>
        form={form}
        name="link"
        layout="vertical"
        disabled={submitting}
        onFinish={onFinish}
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
      </Form>
    </Modal>
  );
}

