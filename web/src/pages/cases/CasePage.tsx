// /cases/:id — one case: header (case no, title, status, supervision), lifecycle buttons for the
// actions the server allows, supervision control (commanders, admins), and tabs: summary,
// timeline, parties, property, links (串并案), graph (lazy, cytoscape) and audit trail (admins).
// The open tab is kept in ?tab= so it survives a reload and can be shared.
import { ArrowLeftOutlined, EditOutlined, FlagOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Flex, Spin, Tabs, type TabsProps, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { getCase } from '../../api/cases';
import { ApiError } from '../../api/client';
import type { CaseAction, CaseDetail } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { CASE_AUDIT_ROLES, CASE_WRITE_ROLES, hasAnyRole, SUPERVISION_ROLES } from '../../auth/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useApi } from '../../hooks/useApi';
import { useModalTarget } from '../../hooks/useModalTarget';
import { useLabels } from '../../i18n/useLabels';
import { CaseStatusTag } from './CaseStatusTag';
import { EditCaseModal } from './EditCaseModal';
import { SupervisionBadge } from './SupervisionBadge';
import { SupervisionModal } from './SupervisionModal';
import { TransitionModal } from './TransitionModal';
import { AuditTab } from './tabs/AuditTab';
import { LinksTab } from './tabs/LinksTab';
import { PartiesTab } from './tabs/PartiesTab';
import { PropertyTab } from './tabs/PropertyTab';
import { SummaryTab } from './tabs/SummaryTab';
import { TimelineTab } from './tabs/TimelineTab';

const CaseGraphView = lazy(() => import('./tabs/CaseGraphView'));

const TAB_KEYS = ['summary', 'timeline', 'parties', 'property', 'links', 'graph', 'audit'] as const;
type TabKey = (typeof TAB_KEYS)[number];

export default function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const { label } = useLabels();
  const [params, setParams] = useSearchParams();
  const result = useApi((signal) => getCase(id, signal), [id]);
  /** The latest case as returned by a change (shown at once, before the reload answers). */
  const [changed, setChanged] = useState<CaseDetail>();
  /** Bumped after every change so the tabs reload. */
  const [version, setVersion] = useState(0);
  const transition = useModalTarget<CaseAction>();
  const supervising = useModalTarget();
  const editing = useModalTarget();

  const canWrite = hasAnyRole(me, CASE_WRITE_ROLES);
  const canSupervise = hasAnyRole(me, SUPERVISION_ROLES);
  const canAudit = hasAnyRole(me, CASE_AUDIT_ROLES);

  const fetched = result.data?.id === id ? result.data : undefined;
  const detail = changed?.id === id && (!fetched || changed.updatedAt >= fetched.updatedAt) ? changed : fetched;

  const onChanged = (updated?: CaseDetail) => {
    if (updated) setChanged(updated);
    setVersion((v) => v + 1);
    result.reload();
  };
  /** After a modal changed the case: says so and shows the change. */
  const changedWith = (updated: CaseDetail, done: string) => {
    void message.success(done);
    onChanged(updated);
  };

  if (!detail) {
    // 404: not there or outside the user's scope; 400: the id in the URL is not a case id at all.
    const notFound = result.error instanceof ApiError && (result.error.status === 404 || result.error.status === 400);
    return (
      <>
        <PageTitle>{t('cases.title')}</PageTitle>
        {result.error ? (
          notFound ? (
            <ErrorAlert error={new Error(t('cases.page.notFound'))} />
          ) : (
            <ErrorAlert error={result.error} onRetry={result.reload} />
          )
        ) : (
          <Spin />
        )}
        <BackButton />
      </>
    );
  }

  const requested = params.get('tab') as TabKey | null;
  const tab: TabKey = requested && TAB_KEYS.includes(requested) && (requested !== 'audit' || canAudit) ? requested : 'summary';
  const tabLabel = (key: TabKey, text: string) => <span data-testid={`case-tab-${key}`}>{text}</span>;
  const items: TabsProps['items'] = [
    { key: 'summary', label: tabLabel('summary', t('cases.tabs.summary')), children: <SummaryTab detail={detail} /> },
    { key: 'timeline', label: tabLabel('timeline', t('cases.tabs.timeline')), children: <TimelineTab caseId={id} version={version} /> },
    {
      key: 'parties',
      label: tabLabel('parties', t('cases.tabs.parties')),
      children: <PartiesTab caseId={id} version={version} canWrite={canWrite} onChanged={() => onChanged()} />,
    },
    {
      key: 'property',
      label: tabLabel('property', t('cases.tabs.property')),
      children: <PropertyTab caseId={id} version={version} canWrite={canWrite} onChanged={() => onChanged()} />,
    },
    {
      key: 'links',
      label: tabLabel('links', t('cases.tabs.links')),
      children: <LinksTab caseId={id} version={version} canWrite={canWrite} onChanged={() => onChanged()} />,
    },
    {
      key: 'graph',
      label: tabLabel('graph', t('cases.tabs.graph')),
      children: (
        <Suspense fallback={<Spin />}>
          <CaseGraphView caseId={id} version={version} />
        </Suspense>
      ),
    },
    ...(canAudit ? [{ key: 'audit', label: tabLabel('audit', t('cases.tabs.audit')), children: <AuditTab caseId={id} version={version} /> }] : []),
  ];

  return (
    <>
      <PageTitle>{detail.title}</PageTitle>
      <div className="lf-stack">
        <Flex wrap gap={8} align="center" className="lf-case-header" data-testid="case-header">
          <Typography.Text strong copyable data-testid="case-no">
            {detail.caseNo}
          </Typography.Text>
          <CaseStatusTag status={detail.status} testId="case-status" />
          <SupervisionBadge level={detail.supervision} testId="case-supervision" />
          <span className="lf-spacer" />
          {canWrite
            ? detail.allowedActions.map((a) => (
                <Button
                  key={a}
                  type={a === 'dismiss' || a === 'reopen' ? 'default' : 'primary'}
                  danger={a === 'dismiss'}
                  onClick={() => transition.open(a)}
                  data-testid={`case-action-${a}`}
                >
                  {label('caseActions', a)}
                </Button>
              ))
            : null}
          {canSupervise ? (
            <Button icon={<FlagOutlined />} onClick={() => supervising.open(true)} data-testid="case-supervise">
              {t('cases.supervise.button')}
            </Button>
          ) : null}
          {canWrite ? (
            <Button icon={<EditOutlined />} onClick={() => editing.open(true)} data-testid="case-edit">
              {t('cases.page.edit')}
            </Button>
          ) : null}
        </Flex>
        <Card>
          <Tabs
            data-testid="case-tabs"
            activeKey={tab}
            items={items}
            onChange={(key) => {
              const next = new URLSearchParams(params);
              if (key === 'summary') next.delete('tab');
              else next.set('tab', key);
              setParams(next, { replace: true });
            }}
          />
        </Card>
        <BackButton onClick={() => navigate('/cases')} />
      </div>
      <TransitionModal
        detail={detail}
        action={transition.target}
        onClose={transition.close}
        onDone={transition.closeThen((updated, done) => changedWith(updated, t('cases.transition.done', { action: label('caseActions', done) })))}
      />
      {canSupervise ? (
        <SupervisionModal
          detail={detail}
          open={supervising.isOpen}
          onClose={supervising.close}
          onDone={supervising.closeThen((updated) => changedWith(updated, t('cases.supervise.done')))}
        />
      ) : null}
      {canWrite ? (
        <EditCaseModal
          detail={detail}
          open={editing.isOpen}
          onClose={editing.close}
          onDone={editing.closeThen((updated) => changedWith(updated, t('cases.page.saved')))}
        />
      ) : null}
    </>
  );
}

function BackButton({ onClick }: { onClick?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={onClick ?? (() => navigate('/cases'))} data-testid="case-back">
        {t('cases.page.backToList')}
      </Button>
    </div>
  );
}
