import { and, eq, or, sql } from 'drizzle-orm';
import { DomainError, invalid, notFound } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import type { Viewer } from '../org/index.ts';
import { caseScope, findCaseInScope } from './access.ts';
import { caseEvents, caseLinks, cases } from './schema.ts';

export interface CaseLink {
  caseId: string;
  caseNo: string;
  title: string;
  reason: string;
  createdAt: Date;
}

const ordered = (a: string, b: string) => (a < b ? { caseA: a, caseB: b } : { caseA: b, caseB: a });

/** Linked cases the viewer may see (a link to a case outside scope is not shown). */
export async function listLinks(db: Db, viewer: Viewer, caseId: string): Promise<CaseLink[]> {
  await findCaseInScope(db, viewer, caseId);
  const other = sql`case when ${caseLinks.caseA} = ${caseId} then ${caseLinks.caseB} else ${caseLinks.caseA} end`;
  return db
    .select({ caseId: cases.id, caseNo: cases.caseNo, title: cases.title, reason: caseLinks.reason, createdAt: caseLinks.createdAt })
    .from(caseLinks)
    .innerJoin(cases, eq(cases.id, other))
    .where(and(or(eq(caseLinks.caseA, caseId), eq(caseLinks.caseB, caseId)), caseScope(viewer)))
    .orderBy(caseLinks.createdAt);
}

/** 串并案 by hand: both cases must be visible to the viewer, and a reason is kept. */
export async function linkCases(db: Db, viewer: Viewer, actor: Actor, caseId: string, otherCaseId: string, reason: string): Promise<CaseLink> {
  if (caseId === otherCaseId) throw invalid([{ path: '/otherCaseId', message: 'cases.link_self' }]);
  return db.transaction(async (tx) => {
    const theCase = await findCaseInScope(tx, viewer, caseId);
    const other = await findCaseInScope(tx, viewer, otherCaseId);
    const pair = ordered(caseId, otherCaseId);
    const inserted = await tx
      .insert(caseLinks)
      .values({ ...pair, reason, createdBy: viewer.userId })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) throw new DomainError('conflict', 'cases.link_exists');
    const now = new Date();
    await tx.insert(caseEvents).values([
      { caseId, kind: 'link_added', at: now, note: `${other.caseNo}: ${reason}`, actorUserId: actor.userId },
      { caseId: otherCaseId, kind: 'link_added', at: now, note: `${theCase.caseNo}: ${reason}`, actorUserId: actor.userId },
    ]);
    await appendAudit(tx, actor, {
      action: 'case.link',
      entityType: 'case',
      entityId: caseId,
      jurisdictionCode: theCase.jurisdictionCode,
      after: { ...pair, reason },
    });
    return { caseId: other.id, caseNo: other.caseNo, title: other.title, reason, createdAt: inserted[0]!.createdAt };
  });
}

export async function unlinkCases(db: Db, viewer: Viewer, actor: Actor, caseId: string, otherCaseId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const theCase = await findCaseInScope(tx, viewer, caseId);
    const other = await findCaseInScope(tx, viewer, otherCaseId);
    const pair = ordered(caseId, otherCaseId);
    const removed = await tx
      .delete(caseLinks)
      .where(and(eq(caseLinks.caseA, pair.caseA), eq(caseLinks.caseB, pair.caseB)))
      .returning();
    if (!removed.length) throw notFound('cases.link_not_found');
    await tx.insert(caseEvents).values({ caseId, kind: 'link_removed', at: new Date(), note: other.caseNo, actorUserId: actor.userId });
    await appendAudit(tx, actor, {
      action: 'case.unlink',
      entityType: 'case',
      entityId: caseId,
      jurisdictionCode: theCase.jurisdictionCode,
      before: removed[0],
    });
  });
}
