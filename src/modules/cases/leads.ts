import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { Actor } from '../audit/index.ts';
import type { Viewer } from '../org/index.ts';
import { findCaseInScope } from './access.ts';
import { caseEvents } from './schema.ts';

/** Where a lead recorded on a case came from: a public tip on a registry object, or a confirmed market-screening hit. */
export type LeadKind = 'lead_from_tip' | 'lead_from_screening';

/**
 * Records a lead on a case's timeline, inside the caller's transaction, for a case the viewer may see (else "not
 * found"). Other modules write case events only through here, so a lead can never land on a case outside the scope
 * of the person who raised it.
 */
export async function recordCaseLead(
  tx: Tx,
  viewer: Viewer,
  actor: Actor,
  caseId: string,
  kind: LeadKind,
  note: string,
): Promise<{ caseNo: string; jurisdictionCode: string; agencyId: string }> {
  const theCase = await findCaseInScope(tx, viewer, caseId, { forUpdate: true });
  await tx.insert(caseEvents).values({ caseId, kind, at: new Date(), note: note.slice(0, 2000), actorUserId: actor.userId });
  return { caseNo: theCase.caseNo, jurisdictionCode: theCase.jurisdictionCode, agencyId: theCase.agencyId };
}

/** The case that received the first lead whose note starts with `notePrefix` (a registry object's reference), if any. */
export async function caseOfEarlierLead(tx: Tx, kind: LeadKind, notePrefix: string): Promise<string | null> {
  const [earlier] = await tx
    .select({ caseId: caseEvents.caseId })
    .from(caseEvents)
    .where(and(eq(caseEvents.kind, kind), sql`starts_with(${caseEvents.note}, ${notePrefix})`))
    .orderBy(caseEvents.id)
    .limit(1);
  return earlier?.caseId ?? null;
}
