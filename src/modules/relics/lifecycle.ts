import { eq, sql } from 'drizzle-orm';
import { DomainError, invalid } from '../../core/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import { addProperty } from '../cases/index.ts';
import type { Viewer } from '../org/index.ts';
import { findObjectInScope } from './access.ts';
import { missingForPublishing } from './fields.ts';
import { notifyPublicationChange } from './hooks.ts';
import { NEEDS_REASON, TRANSITIONS } from './lifecycle-rules.ts';
import { addObjectEvent, type ObjectDetail, presentObject, searchColumns } from './objects.ts';
import { type RelicPermission, requireRelicPermission } from './policy.ts';
import { relicObjects } from './schema.ts';
import type { ObjectAction } from './vocabulary.ts';

const PERMISSION_OF: Record<ObjectAction, RelicPermission> = {
  submit: 'relics.write',
  redraft: 'relics.write',
  approve: 'relics.review',
  reject: 'relics.review',
  withdraw: 'relics.review',
  recover: 'relics.recover',
  return: 'relics.recover',
};

export interface TransitionOptions {
  reason?: string | undefined;
  /**
   * When the object was recovered or returned (a business date, possibly earlier than today). Only
   * recover and return take one; every step's own time is the server's clock.
   */
  at?: Date | undefined;
  caseId?: string | undefined;
}

/** Steps that record a date of the world (the recovery, the return) besides the server's time. */
const TAKES_BUSINESS_DATE: ReadonlySet<ObjectAction> = new Set(['recover', 'return']);

async function nextPublicationNo(tx: Tx, now: Date): Promise<string> {
  const result = await tx.execute(sql`select nextval('relic_publication_seq')::text as n`);
  const n = (result as unknown as { rows: Array<{ n: string }> }).rows[0]!.n;
  return `CN-${now.getUTCFullYear()}-${n.padStart(6, '0')}`;
}

/**
 * One step of the object's life, at the server's time. Sending for review needs the Object ID
 * fields; approving needs a reviewer other than the drafter, the submitter and everyone who edited
 * the content since it was last published (four-eyes, checked under the row's lock); recovery and
 * return record property on the case (`cultural_relic`, unit `piece`) so the statistics count them.
 */
export async function transitionObject(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  action: ObjectAction,
  options: TransitionOptions = {},
): Promise<ObjectDetail> {
  requireRelicPermission(viewer, PERMISSION_OF[action]);
  const reason = options.reason?.trim() || null;
  if (NEEDS_REASON.has(action) && !reason) throw invalid([{ path: '/reason', message: 'relics.reason_required' }]);
  if (options.at && !TAKES_BUSINESS_DATE.has(action)) throw invalid([{ path: '/at', message: 'relics.date_not_for_action' }]);
  if (options.at && options.at.getTime() > Date.now() + 60_000) throw invalid([{ path: '/at', message: 'relics.date_in_future' }]);
  const result = await db.transaction(async (tx) => {
    const before = await findObjectInScope(tx, viewer, id, { forUpdate: true });
    const now = new Date();
    const businessDate = options.at ?? now;
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(before.status))
      throw new DomainError('conflict', 'relics.illegal_transition', undefined, { status: before.status, action });
    const changes: Partial<typeof relicObjects.$inferInsert> = { status: rule.to, updatedAt: now };
    if (action === 'submit') {
      const missing = missingForPublishing(before);
      if (missing.length) throw invalid(missing);
      Object.assign(changes, { submittedBy: viewer.userId, submittedAt: now });
    }
    if (action === 'approve' || action === 'reject') {
      if (viewer.userId === before.createdBy || viewer.userId === before.submittedBy) throw new DomainError('forbidden', 'relics.four_eyes');
    }
    if (action === 'approve') {
      if (before.editedBy.includes(viewer.userId)) throw new DomainError('forbidden', 'relics.four_eyes_editor');
      const publicationNo = before.publicationNo ?? (await nextPublicationNo(tx, now));
      Object.assign(changes, { approvedBy: viewer.userId, publishedAt: now, publicationNo, withdrawnAt: null, withdrawalReason: null, editedBy: [] });
      Object.assign(changes, searchColumns({ ...before, publicationNo }));
    }
    if (action === 'withdraw') Object.assign(changes, { withdrawnAt: now, withdrawalReason: reason });
    if (action === 'recover' || action === 'return') {
      const caseId = options.caseId ?? before.caseId;
      if (!caseId) throw invalid([{ path: '/caseId', message: 'relics.case_required' }]);
      const item = await addProperty(tx as unknown as Db, viewer, actor, caseId, {
        kind: 'cultural_relic',
        quantity: '1',
        unit: 'piece',
        action: action === 'recover' ? 'recovered' : 'returned',
        at: businessDate,
        description: `${before.publicationNo ?? before.objectRef} ${before.titleZh}`.slice(0, 500),
        objectRef: before.objectRef,
      });
      Object.assign(
        changes,
        action === 'recover' ? { caseId, recoveredAt: businessDate, recoveryPropertyId: item.id } : { caseId, returnedAt: businessDate },
      );
    }
    const [after] = await tx.update(relicObjects).set(changes).where(eq(relicObjects.id, id)).returning();
    await addObjectEvent(tx, id, action, actor, reason);
    await appendAudit(tx, actor, {
      action: `relic.${action}`,
      entityType: 'relic_object',
      entityId: id,
      jurisdictionCode: after!.jurisdictionCode,
      before: { status: before.status },
      after: {
        status: after!.status,
        publicationNo: after!.publicationNo,
        reason,
        caseId: after!.caseId,
        ...(TAKES_BUSINESS_DATE.has(action) ? { businessDate: businessDate.toISOString() } : {}),
      },
    });
    return presentObject(tx, after!);
  });
  notifyPublicationChange(result.id);
  return result;
}
