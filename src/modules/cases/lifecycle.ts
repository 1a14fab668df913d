import type { CaseRow } from './access.ts';
import { ACTIONS_NEEDING_REASON, type CaseAction, type CaseStatus } from './vocabulary.ts';

export type LifecycleDates = Pick<CaseRow, 'status' | 'reportedAt' | 'filedAt' | 'solvedAt' | 'prosecutedAt' | 'closedAt' | 'dismissedAt'>;

/** From which statuses each action may start. */
const FROM: Record<CaseAction, readonly CaseStatus[]> = {
  file: ['reported'],
  solve: ['filed'],
  prosecute: ['solved'],
  close: ['solved', 'prosecuted'],
  dismiss: ['reported', 'filed'],
  reopen: ['closed', 'dismissed'],
};

export const NEEDS_REASON: ReadonlySet<CaseAction> = new Set(ACTIONS_NEEDING_REASON);

export function allowedActions(status: CaseStatus): CaseAction[] {
  return Object.entries(FROM)
    .filter(([, from]) => from.includes(status))
    .map(([action]) => action as CaseAction);
}

export function canApply(action: CaseAction, status: CaseStatus): boolean {
  return FROM[action].includes(status);
}

/** The latest date the case already carries: a new stage may not precede it. */
export function previousStageDate(c: LifecycleDates): Date {
  const dates = [c.reportedAt, c.filedAt, c.solvedAt, c.prosecutedAt].filter((d): d is Date => d !== null);
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}

/** The column changes an action makes; reopening returns the case to the stage it had reached. */
export function transitionChanges(action: CaseAction, c: LifecycleDates, at: Date, reason: string | null) {
  switch (action) {
    case 'file':
      return { status: 'filed' as const, filedAt: at };
    case 'solve':
      return { status: 'solved' as const, solvedAt: at };
    case 'prosecute':
      return { status: 'prosecuted' as const, prosecutedAt: at };
    case 'close':
      return { status: 'closed' as const, closedAt: at };
    case 'dismiss':
      return { status: 'dismissed' as const, dismissedAt: at, dismissalReason: reason };
    case 'reopen': {
      const back: CaseStatus = c.prosecutedAt ? 'prosecuted' : c.solvedAt ? 'solved' : c.filedAt ? 'filed' : 'reported';
      return { status: back, closedAt: null, dismissedAt: null, dismissalReason: null };
    }
  }
}

/** Event kind written to the timeline for each action. */
export const EVENT_OF: Record<CaseAction, string> = {
  file: 'filed',
  solve: 'solved',
  prosecute: 'prosecuted',
  close: 'closed',
  dismiss: 'dismissed',
  reopen: 'reopened',
};
