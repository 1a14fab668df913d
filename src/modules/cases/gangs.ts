import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { DomainError, invalid, notFound } from '../../core/errors.ts';
import type { Db, Executor } from '../../db/client.ts';
import { type Actor, appendAudit, recordAudit } from '../audit/index.ts';
import { getJurisdiction, isWithin, scopeCondition, type Viewer } from '../org/index.ts';
import { caseScope, findCaseInScope } from './access.ts';
import { isInFuture } from './dates.ts';
import { maskName } from './masking.ts';
import { seesPersonalData } from './parties.ts';
import { caseParties, cases, type GangKind, gangCases, gangMembers, gangs, persons } from './schema.ts';

const gangScope = (viewer: Viewer) =>
  scopeCondition(viewer, { jurisdiction: gangs.jurisdictionCode, agency: gangs.agencyId, entityType: 'gang', id: gangs.id });

const gangColumns = {
  id: gangs.id,
  gangRef: gangs.gangRef,
  kind: gangs.kind,
  name: gangs.name,
  jurisdictionCode: gangs.jurisdictionCode,
  dismantledAt: gangs.dismantledAt,
  memberCount: sql<number>`(select count(*)::int from gang_members m where m.gang_id = ${gangs.id})`,
  caseCount: sql<number>`(select count(*)::int from gang_cases c where c.gang_id = ${gangs.id})`,
};

export type GangSummary = {
  id: string;
  gangRef: string | null;
  kind: GangKind;
  name: string;
  jurisdictionCode: string;
  dismantledAt: Date | null;
  memberCount: number;
  caseCount: number;
};

export async function listGangs(
  db: Db,
  viewer: Viewer,
  filters: { kind?: GangKind | undefined; dismantled?: boolean | undefined },
): Promise<GangSummary[]> {
  const where = [gangScope(viewer)];
  if (filters.kind) where.push(eq(gangs.kind, filters.kind));
  if (filters.dismantled !== undefined) where.push(filters.dismantled ? isNotNull(gangs.dismantledAt) : isNull(gangs.dismantledAt));
  return db
    .select(gangColumns)
    .from(gangs)
    .where(and(...where))
    .orderBy(asc(gangs.name))
    .limit(1000);
}

async function findGangInScope(db: Executor, viewer: Viewer, id: string): Promise<GangSummary> {
  const [row] = await db
    .select(gangColumns)
    .from(gangs)
    .where(and(eq(gangs.id, id), gangScope(viewer)))
    .limit(1);
  if (!row) throw notFound('cases.gang_not_found');
  return row;
}

/** A gang with its members (names masked for roles without need; unmasked reads audited) and visible cases. */
export async function getGang(db: Db, viewer: Viewer, actor: Actor, id: string) {
  const gang = await findGangInScope(db, viewer, id);
  const members = await db
    .select({ personId: persons.id, name: persons.name, isLeader: gangMembers.isLeader })
    .from(gangMembers)
    .innerJoin(persons, eq(persons.id, gangMembers.personId))
    .where(eq(gangMembers.gangId, id))
    .orderBy(asc(persons.name));
  const gangCaseRows = await db
    .select({ id: cases.id, caseNo: cases.caseNo, title: cases.title, status: cases.status })
    .from(gangCases)
    .innerJoin(cases, eq(cases.id, gangCases.caseId))
    .where(and(eq(gangCases.gangId, id), caseScope(viewer)))
    .orderBy(asc(cases.caseNo));
  const unmasked = seesPersonalData(viewer);
  if (unmasked && members.length) {
    await recordAudit(db, actor, { action: 'gang.members.read', entityType: 'gang', entityId: id, jurisdictionCode: gang.jurisdictionCode });
  }
  return { ...gang, members: members.map((m) => ({ ...m, name: unmasked ? m.name : maskName(m.name) })), cases: gangCaseRows };
}

export interface NewGang {
  kind: GangKind;
  name: string;
  jurisdictionCode: string;
  gangRef?: string | undefined;
}

export async function createGang(db: Db, viewer: Viewer, actor: Actor, input: NewGang): Promise<GangSummary> {
  if (!(await getJurisdiction(db, input.jurisdictionCode))) throw invalid([{ path: '/jurisdictionCode', message: 'org.unknown_jurisdiction' }]);
  if (!(await isWithin(db, viewer.jurisdictionCode, input.jurisdictionCode)))
    throw invalid([{ path: '/jurisdictionCode', message: 'org.jurisdiction_out_of_scope' }]);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(gangs)
      .values({ ...input, gangRef: input.gangRef ?? null, agencyId: viewer.agencyId })
      .onConflictDoNothing()
      .returning({ id: gangs.id });
    if (!inserted.length) throw invalid([{ path: '/gangRef', message: 'cases.gang_ref_taken' }]);
    await appendAudit(tx, actor, {
      action: 'gang.create',
      entityType: 'gang',
      entityId: inserted[0]!.id,
      jurisdictionCode: input.jurisdictionCode,
      after: input,
    });
    const [row] = await tx.select(gangColumns).from(gangs).where(eq(gangs.id, inserted[0]!.id));
    return row!;
  });
}

/** Adds a case to the gang; the members are the case's suspects (a gang is known through its cases). */
export async function addGangCase(db: Db, viewer: Viewer, actor: Actor, gangId: string, caseId: string) {
  return db.transaction(async (tx) => {
    const gang = await findGangInScope(tx, viewer, gangId);
    await findCaseInScope(tx, viewer, caseId);
    await tx.insert(gangCases).values({ gangId, caseId }).onConflictDoNothing();
    const suspects = await tx
      .select({ personId: caseParties.personId })
      .from(caseParties)
      .where(and(eq(caseParties.caseId, caseId), eq(caseParties.role, 'suspect')));
    if (suspects.length)
      await tx
        .insert(gangMembers)
        .values(suspects.map((s) => ({ gangId, personId: s.personId })))
        .onConflictDoNothing();
    await appendAudit(tx, actor, {
      action: 'gang.case.add',
      entityType: 'gang',
      entityId: gangId,
      jurisdictionCode: gang.jurisdictionCode,
      after: { caseId, membersAdded: suspects.length },
    });
  });
}

export async function setGangLeader(db: Db, viewer: Viewer, actor: Actor, gangId: string, personId: string, isLeader: boolean) {
  await db.transaction(async (tx) => {
    const gang = await findGangInScope(tx, viewer, gangId);
    const updated = await tx
      .update(gangMembers)
      .set({ isLeader })
      .where(and(eq(gangMembers.gangId, gangId), eq(gangMembers.personId, personId)))
      .returning();
    if (!updated.length) throw notFound('cases.party_not_found');
    await appendAudit(tx, actor, {
      action: 'gang.member.update',
      entityType: 'gang',
      entityId: gangId,
      jurisdictionCode: gang.jurisdictionCode,
      after: { personId, isLeader },
    });
  });
}

/** 打掉: the date the gang was dismantled, counted by the "gangs dismantled" figure. */
export async function dismantleGang(db: Db, viewer: Viewer, actor: Actor, gangId: string, at: Date) {
  if (isInFuture(at)) throw invalid([{ path: '/at', message: 'cases.date_in_future' }]);
  return db.transaction(async (tx) => {
    const gang = await findGangInScope(tx, viewer, gangId);
    if (gang.dismantledAt) throw new DomainError('conflict', 'cases.gang_already_dismantled');
    await tx.update(gangs).set({ dismantledAt: at }).where(eq(gangs.id, gangId));
    await appendAudit(tx, actor, {
      action: 'gang.dismantle',
      entityType: 'gang',
      entityId: gangId,
      jurisdictionCode: gang.jurisdictionCode,
      before: { dismantledAt: null },
      after: { dismantledAt: at },
    });
    return { ...gang, dismantledAt: at };
  });
}
