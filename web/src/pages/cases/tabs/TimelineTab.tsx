// Timeline tab: the case's history (antd Timeline), newest last.
import { Empty, Spin, Timeline, type TimelineProps, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getTimeline } from '../../../api/cases';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useApi } from '../../../hooks/useApi';
import { useLabels } from '../../../i18n/useLabels';

const COLOURS: Record<string, string> = {
  reported: 'gray',
  filed: 'blue',
  solved: 'green',
  prosecuted: 'purple',
  closed: 'cyan',
  dismissed: 'red',
  reopened: 'orange',
  supervision_set: 'orange',
};

/** Case fields named in an "updated" note, and their labels. */
const FIELD_LABELS = {
  title: 'cases.fields.title',
  summary: 'cases.fields.summary',
  categoryCode: 'cases.fields.category',
  occurredAt: 'cases.fields.occurredAt',
  lossAmount: 'cases.fields.lossAmount',
  campaignCodes: 'cases.fields.campaignCodes',
} as const;

/**
 * Server notes of some kinds are machine text ("suspect", "recovered 3 piece cultural_relic",
 * "ministry: reason", "title, summary"): their vocabulary words are shown translated. Free text
 * (reasons) is left as it is.
 */
function useLocaliseNote() {
  const { t } = useTranslation();
  const { label } = useLabels();
  return (kind: string, note: string): string => {
    switch (kind) {
      case 'party_added':
      case 'party_updated':
        return note
          .split(' ')
          .map((w) => (w in ROLE_WORDS ? label('partyRoles', w) : w in STATUS_WORDS ? label('partyStatuses', w) : w))
          .join(' ');
      case 'property_added': {
        const [action, quantity, unit, what, ...rest] = note.split(' ');
        if (!action || !quantity || !unit || !what || rest.length) return note;
        return `${label('propertyActions', action)} ${quantity} ${label('propertyUnits', unit)} ${label('propertyKinds', what)}`;
      }
      case 'supervision_set': {
        const match = /^(none|province|ministry)(?::\s*([\s\S]*))?$/.exec(note);
        if (!match) return note;
        const level = label('supervision', match[1]!);
        return match[2] ? t('cases.timeline.labelled', { label: level, text: match[2] }) : level;
      }
      case 'updated':
        return note
          .split(/,\s*/)
          .map((f) => (f in FIELD_LABELS ? t(FIELD_LABELS[f as keyof typeof FIELD_LABELS]) : f))
          .join(t('cases.timeline.listSeparator'));
      default:
        return note;
    }
  };
}

const ROLE_WORDS = { suspect: 1, victim: 1, witness: 1 };
const STATUS_WORDS = { none: 1, at_large: 1, arrested: 1, detained: 1, prosecuted: 1, released: 1 };

export function TimelineTab({ caseId, version }: { caseId: string; version: number }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const localiseNote = useLocaliseNote();
  const result = useApi((signal) => getTimeline(caseId, signal), [caseId, version]);

  if (result.error) return <ErrorAlert error={result.error} onRetry={result.reload} />;
  if (!result.data) return <Spin />;
  if (result.data.items.length === 0) return <Empty description={t('cases.timeline.empty')} />;

  const items: TimelineProps['items'] = result.data.items.map((entry, i) => ({
    key: `${entry.at}-${entry.kind}-${i}`,
    color: COLOURS[entry.kind] ?? 'blue',
    title: <DateTime iso={entry.at} />,
    content: (
      <div data-testid="timeline-entry" data-kind={entry.kind}>
        <Typography.Text strong>{label('timelineKinds', entry.kind)}</Typography.Text>
        {entry.note ? <div className="lf-prewrap">{localiseNote(entry.kind, entry.note)}</div> : null}
        {entry.actorUsername ? (
          <div>
            <Tooltip title={entry.actorUsername}>
              <Typography.Text type="secondary" data-testid="timeline-actor">
                {t('cases.timeline.by', { user: entry.actorDisplayName ?? entry.actorUsername })}
              </Typography.Text>
            </Tooltip>
          </div>
        ) : null}
      </div>
    ),
  }));
  return (
    <div data-testid="case-timeline">
      <Timeline mode="start" items={items} />
    </div>
  );
}
