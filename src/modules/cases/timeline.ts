import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../audit/index.ts';
import { users, type Viewer } from '../org/index.ts';
import { type CaseRow, findCaseInScope } from './access.ts';
import { caseEvents } from './schema.ts';

export interface TimelineEntry {
  at: Date;
  kind: string;
  note: string | null;
  actorUsername: string | null;
  /** Who, as people know them (the username stays for those who need it). */
  actorDisplayName: string | null;
}

const STAGES: Array<[kind: string, field: keyof CaseRow]> = [
  ['reported', 'reportedAt'],
  ['filed', 'filedAt'],
  ['solved', 'solvedAt'],
  ['prosecuted', 'prosecutedAt'],
  ['closed', 'closedAt'],
  ['dismissed', 'dismissedAt'],
];

/**
 * The case's history: recorded events, plus a stage for each lifecycle date that has no event
 * (cases imported or generated with their dates), so every case tells its whole story.
 */
export async function caseTimeline(db: Db, viewer: Viewer, caseId: string): Promise<TimelineEntry[]> {
  const theCase = await findCaseInScope(db, viewer, caseId);
  const events = await db
    .select({ at: caseEvents.at, kind: caseEvents.kind, note: caseEvents.note, actorUsername: users.username, actorDisplayName: users.displayName })
    .from(caseEvents)
    .leftJoin(users, eq(users.id, caseEvents.actorUserId))
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
  const recorded = new Set(events.map((e) => e.kind));
  const implied = STAGES.filter(([kind, field]) => theCase[field] && !recorded.has(kind)).map(([kind, field]) => ({
    at: theCase[field] as Date,
    kind,
    note: kind === 'dismissed' ? theCase.dismissalReason : null,
    actorUsername: null,
    actorDisplayName: null,
  }));
  return [...events, ...implied].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The audit entries about one case (admins only; the route checks the role). */
export async function caseAuditTrail(db: Db, viewer: Viewer, caseId: string) {
  await findCaseInScope(db, viewer, caseId);
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUsername: auditLog.actorUsername,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'case'), eq(auditLog.entityId, caseId)))
    .orderBy(sql`${auditLog.id} desc`)
    .limit(500);
  return rows;
}
