import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { DomainError, invalid, notFound } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import type { Viewer } from '../org/index.ts';
import { caseScope, findCaseInScope } from './access.ts';
import { isInFuture } from './dates.ts';
import { maskName } from './masking.ts';
import { seesPersonalData } from './parties.ts';
import { caseParties, cases, fugitives, persons } from './schema.ts';

const columns = {
  id: fugitives.id,
  personId: fugitives.personId,
  caseId: fugitives.caseId,
  caseNo: cases.caseNo,
  name: persons.name,
  wantedSince: fugitives.wantedSince,
  capturedAt: fugitives.capturedAt,
  capturingAgencyId: fugitives.capturingAgencyId,
  jurisdictionCode: cases.jurisdictionCode,
};

/** Wanted suspects of the cases the viewer may see; at large or captured. */
export async function listFugitives(db: Db, viewer: Viewer, filter: { status?: 'at_large' | 'captured' | undefined }) {
  const where = [caseScope(viewer)];
  if (filter.status === 'at_large') where.push(isNull(fugitives.capturedAt));
  if (filter.status === 'captured') where.push(isNotNull(fugitives.capturedAt));
  const rows = await db
    .select(columns)
    .from(fugitives)
    .innerJoin(cases, eq(cases.id, fugitives.caseId))
    .innerJoin(persons, eq(persons.id, fugitives.personId))
    .where(and(...where))
    .orderBy(asc(fugitives.wantedSince))
    .limit(1000);
  const unmasked = seesPersonalData(viewer);
  return rows.map((r) => ({ ...r, name: unmasked ? r.name : maskName(r.name) }));
}

/** Issues a wanted notice for a suspect of the case; the suspect is then at large. */
export async function declareFugitive(db: Db, viewer: Viewer, actor: Actor, caseId: string, personId: string, wantedSince: Date) {
  if (isInFuture(wantedSince)) throw invalid([{ path: '/wantedSince', message: 'cases.date_in_future' }]);
  return db.transaction(async (tx) => {
    const theCase = await findCaseInScope(tx, viewer, caseId, { forUpdate: true });
    const suspect = and(eq(caseParties.caseId, caseId), eq(caseParties.personId, personId), eq(caseParties.role, 'suspect'));
    const [party] = await tx.select().from(caseParties).where(suspect);
    if (!party) throw invalid([{ path: '/personId', message: 'cases.party_not_found' }]);
    const inserted = await tx.insert(fugitives).values({ caseId, personId, wantedSince }).onConflictDoNothing().returning({ id: fugitives.id });
    if (!inserted.length) throw new DomainError('conflict', 'cases.already_wanted');
    await tx.update(caseParties).set({ status: 'at_large' }).where(suspect);
    await appendAudit(tx, actor, {
      action: 'fugitive.declare',
      entityType: 'case',
      entityId: caseId,
      jurisdictionCode: theCase.jurisdictionCode,
      after: { fugitiveId: inserted[0]!.id, personId, wantedSince },
    });
    return { id: inserted[0]!.id };
  });
}

/** 抓获: closes the wanted notice and marks the suspect arrested on that date. */
export async function captureFugitive(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  fugitiveId: string,
  capturedAt: Date,
  capturingAgencyId: string | undefined,
) {
  if (isInFuture(capturedAt)) throw invalid([{ path: '/capturedAt', message: 'cases.date_in_future' }]);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select(columns)
      .from(fugitives)
      .innerJoin(cases, eq(cases.id, fugitives.caseId))
      .innerJoin(persons, eq(persons.id, fugitives.personId))
      .where(and(eq(fugitives.id, fugitiveId), caseScope(viewer)));
    if (!row) throw notFound('cases.fugitive_not_found');
    if (row.capturedAt) throw new DomainError('conflict', 'cases.already_captured');
    if (capturedAt < row.wantedSince) throw invalid([{ path: '/capturedAt', message: 'cases.dates_out_of_order' }]);
    const agencyId = capturingAgencyId ?? viewer.agencyId;
    await tx.update(fugitives).set({ capturedAt, capturingAgencyId: agencyId }).where(eq(fugitives.id, fugitiveId));
    await tx
      .update(caseParties)
      .set({ status: 'arrested', arrestedAt: capturedAt })
      .where(and(eq(caseParties.caseId, row.caseId), eq(caseParties.personId, row.personId), eq(caseParties.role, 'suspect')));
    await appendAudit(tx, actor, {
      action: 'fugitive.capture',
      entityType: 'case',
      entityId: row.caseId,
      jurisdictionCode: row.jurisdictionCode,
      before: { capturedAt: null },
      after: { fugitiveId, capturedAt, capturingAgencyId: agencyId },
    });
    return { ...row, name: seesPersonalData(viewer) ? row.name : maskName(row.name), capturedAt, capturingAgencyId: agencyId };
  });
}
