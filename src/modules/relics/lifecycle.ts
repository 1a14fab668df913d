import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { DomainError, invalid } from '../../core/errors.ts';
import { appendAudit, type Actor } from '../audit/index.ts';
import type { Viewer } from '../org/index.ts';
import { addProperty } from '../cases/index.ts';
import { relicObjects } from './schema.ts';
import { findObjectInScope } from './access.ts';
import { missingForPublishing } from './fields.ts';
import { addObjectEvent, presentObject, searchColumns, type ObjectDetail } from './objects.ts';
import { requireRelicPermission, type RelicPermission } from './policy.ts';
import { NEEDS_REASON, TRANSITIONS } from './lifecycle-rules.ts';
import type { ObjectAction } from './vocabulary.ts';
import { notifyPublicationChange } from './hooks.ts';

const PERMISSION_OF: Record<ObjectAction, RelicPermission> = {
  submit: 'relics.write', redraft: 'relics.write', approve: 'relics.review', reject: 'relics.review', withdraw: 'relics.review',
  recover: 'relics.recover', return: 'relics.recover',
};

export interface TransitionOptions {
  reason?: string | undefined;
  at?: Date | undefined;
  caseId?: string | undefined;
}

async function nextPublicationNo(tx: Tx, at: Date): Promise<string> {
  const result = await tx.execute(sql`select nextval('relic_publication_seq')::text as n`);
  const n = (result as unknown as { rows: Array<{ n: string }> }).rows[0]!.n;
  return `CN-${at.getUTCFullYear()}-${n.padStart(6, '0')}`;
}

/**
 * One step of the object's life. Sending for review needs the Object ID fields; approving needs a
 * reviewer other than the drafter and the submitter (four-eyes); recovery and return record
 * property on the case (`cultural_relic`, unit `piece`) so the statistics count them.
 */
export async function transitionObject(db: Db, viewer: Viewer, actor: Actor, id: string, action: ObjectAction, options: TransitionOptions = {}): Promise<ObjectDetail> {
  requireRelicPermission(viewer, PERMISSION_OF[action]);
  const reason = options.reason?.trim() || null;
  const at = options.at ?? new Date();
  if (NEEDS_REASON.has(action) && !reason) throw invalid([{ path: '/reason', message: 'relics.reason_required' }]);
  if (at.getTime() > Date.now() + 60_000) throw invalid([{ path: '/at', message: 'relics.date_in_future' }]);
  const result = await db.transaction(async (tx) => {
    const before = await findObjectInScope(tx, viewer, id, { forUpdate: true });
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(before.status)) throw new DomainError('conflict', 'relics.illegal_transition', undefined, { status: before.status, action });
    const changes: Partial<typeof relicObjects.$inferInsert> = { status: rule.to, updatedAt: new Date() };
    if (action === 'submit') {
      const missing = missingForPublishing(before);
      if (missing.length) throw invalid(missing);
      Object.assign(changes, { submittedBy: viewer.userId, submittedAt: new Date() });
    }
    if (action === 'approve' || action === 'reject') {
      if (viewer.userId === before.createdBy || viewer.userId === before.submittedBy) throw new DomainError('forbidden', 'relics.four_eyes');
    }
    if (action === 'approve') {
      const publicationNo = before.publicationNo ?? await nextPublicationNo(tx, at);
      Object.assign(changes, { approvedBy: viewer.userId, publishedAt: at, publicationNo, withdrawnAt: null, withdrawalReason: null });
      Object.assign(changes, searchColumns({ ...before, publicationNo }));
    }
    if (action === 'withdraw') Object.assign(changes, { withdrawnAt: new Date(), withdrawalReason: reason });
    if (action === 'recover' || action === 'return') {
      const caseId = options.caseId ?? before.caseId;
      if (!caseId) throw invalid([{ path: '/caseId', message: 'relics.case_required' }]);
      const item = await addProperty(tx as unknown as Db, viewer, actor, caseId, {
        kind: 'cultural_relic', quantity: '1', unit: 'piece', action: action === 'recover' ? 'recovered' : 'returned', at,
        description: `${before.publicationNo ?? before.objectRef} ${before.titleZh}`.slice(0, 500), objectRef: before.objectRef,
      });
      Object.assign(changes, action === 'recover' ? { caseId, recoveredAt: at, recoveryPropertyId: item.id } : { caseId, returnedAt: at });
    }
    const [after] = await tx.update(relicObjects).set(changes).where(eq(relicObjects.id, id)).returning();
    await addObjectEvent(tx, id, action, actor, reason);
    await appendAudit(tx, actor, {
      action: `relic.${action}`, entityType: 'relic_object', entityId: id, jurisdictionCode: after!.jurisdictionCode,
      before: { status: before.status }, after: { status: after!.status, publicationNo: after!.publicationNo, reason, caseId: after!.caseId },
    });
    return presentObject(tx, after!);
  });
  notifyPublicationChange(result.id);
  return result;
}
