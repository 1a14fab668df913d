import { and, eq } from 'drizzle-orm';
import { invalid, notFound } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, appendAudit, recordAudit } from '../audit/index.ts';
import { hasPermission, type Viewer } from '../org/index.ts';
import { findCaseInScope } from './access.ts';
import { futureDateProblem } from './dates.ts';
import { maskIdNumber, maskName, maskPhone } from './masking.ts';
import { caseEvents, caseIdentifiers, caseParties, type PartyRole, type PartyStatus, persons } from './schema.ts';

export interface Party {
  personId: string;
  role: PartyRole;
  status: PartyStatus;
  arrestedAt: Date | null;
  detainedAt: Date | null;
  prosecutedAt: Date | null;
  name: string;
  idNumber: string | null;
  phone: string | null;
  masked: boolean;
}

export const normalisePhone = (phone: string) => phone.replace(/\D/g, '');
export const normaliseIdNumber = (id: string) => id.replace(/\s/g, '').toUpperCase();

const partyColumns = {
  personId: caseParties.personId,
  role: caseParties.role,
  status: caseParties.status,
  arrestedAt: caseParties.arrestedAt,
  detainedAt: caseParties.detainedAt,
  prosecutedAt: caseParties.prosecutedAt,
  name: persons.name,
  idNumber: persons.idNumber,
  phone: persons.phone,
};

export const seesPersonalData = (viewer: Viewer) => hasPermission(viewer.roles, 'cases.personal_data');

function presentParty(row: Omit<Party, 'masked'>, unmasked: boolean): Party {
  if (unmasked) return { ...row, masked: false };
  return { ...row, name: maskName(row.name), idNumber: maskIdNumber(row.idNumber), phone: maskPhone(row.phone), masked: true };
}

/** The parties of a case; names, ID numbers and phones only for roles that need them, and that read is audited. */
export async function listParties(db: Db, viewer: Viewer, actor: Actor, caseId: string): Promise<Party[]> {
  const theCase = await findCaseInScope(db, viewer, caseId);
  const rows = await db
    .select(partyColumns)
    .from(caseParties)
    .innerJoin(persons, eq(persons.id, caseParties.personId))
    .where(eq(caseParties.caseId, caseId))
    .orderBy(caseParties.role, persons.name);
  const unmasked = seesPersonalData(viewer);
  if (unmasked && rows.length) {
    await recordAudit(db, actor, {
      action: 'case.parties.read',
      entityType: 'case',
      entityId: caseId,
      jurisdictionCode: theCase.jurisdictionCode,
      after: { personIds: rows.map((r) => r.personId) },
    });
  }
  return rows.map((r) => presentParty(r, unmasked));
}

export interface NewParty {
  role: PartyRole;
  name: string;
  idNumber?: string | undefined;
  phone?: string | undefined;
  status?: PartyStatus | undefined;
  arrestedAt?: Date | undefined;
}

function statusProblems(status: PartyStatus, dates: { arrestedAt?: Date | null | undefined; prosecutedAt?: Date | null | undefined }) {
  const problems = [];
  if (status === 'arrested' && !dates.arrestedAt) problems.push({ path: '/arrestedAt', message: 'cases.field_required' });
  if (status === 'prosecuted' && !dates.prosecutedAt) problems.push({ path: '/prosecutedAt', message: 'cases.field_required' });
  for (const [field, date] of Object.entries(dates)) {
    const future = futureDateProblem(date, `/${field}`);
    if (future) problems.push(future);
  }
  return problems;
}

export async function addParty(db: Db, viewer: Viewer, actor: Actor, caseId: string, input: NewParty): Promise<Party> {
  const status: PartyStatus = input.status ?? (input.role === 'suspect' ? (input.arrestedAt ? 'arrested' : 'at_large') : 'none');
  const problems = statusProblems(status, { arrestedAt: input.arrestedAt });
  if (input.role !== 'suspect' && status !== 'none') problems.push({ path: '/status', message: 'cases.status_only_for_suspects' });
  if (problems.length) throw invalid(problems);
  return db.transaction(async (tx) => {
    const theCase = await findCaseInScope(tx, viewer, caseId, { forUpdate: true });
    const [person] = await tx
      .insert(persons)
      .values({
        name: input.name,
        idNumber: input.idNumber ? normaliseIdNumber(input.idNumber) : null,
        phone: input.phone ? normalisePhone(input.phone) : null,
        jurisdictionCode: theCase.jurisdictionCode,
      })
      .returning();
    await tx.insert(caseParties).values({ caseId, personId: person!.id, role: input.role, status, arrestedAt: input.arrestedAt ?? null });
    const identifiers = [
      person!.phone ? { caseId, kind: 'phone' as const, value: person!.phone } : null,
      person!.idNumber ? { caseId, kind: 'id_number' as const, value: person!.idNumber } : null,
    ].filter((x) => x !== null);
    if (identifiers.length) await tx.insert(caseIdentifiers).values(identifiers).onConflictDoNothing();
    // An arrest recorded later still belongs on the timeline at the day it happened.
    await tx
      .insert(caseEvents)
      .values({ caseId, kind: 'party_added', at: input.arrestedAt ?? new Date(), note: input.role, actorUserId: actor.userId });
    await appendAudit(tx, actor, {
      action: 'case.party.add',
      entityType: 'case',
      entityId: caseId,
      jurisdictionCode: theCase.jurisdictionCode,
      after: { personId: person!.id, role: input.role, status, name: maskName(input.name) },
    });
    return presentParty(
      {
        personId: person!.id,
        role: input.role,
        status,
        arrestedAt: input.arrestedAt ?? null,
        detainedAt: null,
        prosecutedAt: null,
        name: person!.name,
        idNumber: person!.idNumber,
        phone: person!.phone,
      },
      seesPersonalData(viewer),
    );
  });
}

export interface PartyPatch {
  role: PartyRole;
  status?: PartyStatus | undefined;
  arrestedAt?: Date | undefined;
  detainedAt?: Date | undefined;
  prosecutedAt?: Date | undefined;
}

/** Moves a suspect along: at large → arrested (抓获) → detained → transferred for prosecution. */
export async function updateParty(db: Db, viewer: Viewer, actor: Actor, caseId: string, personId: string, patch: PartyPatch): Promise<Party> {
  return db.transaction(async (tx) => {
    const theCase = await findCaseInScope(tx, viewer, caseId, { forUpdate: true });
    const key = and(eq(caseParties.caseId, caseId), eq(caseParties.personId, personId), eq(caseParties.role, patch.role));
    const [before] = await tx.select(partyColumns).from(caseParties).innerJoin(persons, eq(persons.id, caseParties.personId)).where(key);
    if (!before) throw notFound('cases.party_not_found');
    const next = {
      status: patch.status ?? before.status,
      arrestedAt: patch.arrestedAt ?? before.arrestedAt,
      detainedAt: patch.detainedAt ?? before.detainedAt,
      prosecutedAt: patch.prosecutedAt ?? before.prosecutedAt,
    };
    const problems = statusProblems(next.status, { arrestedAt: next.arrestedAt, prosecutedAt: next.prosecutedAt });
    if (before.role !== 'suspect' && next.status !== 'none') problems.push({ path: '/status', message: 'cases.status_only_for_suspects' });
    if (problems.length) throw invalid(problems);
    await tx.update(caseParties).set(next).where(key);
    await appendAudit(tx, actor, {
      action: 'case.party.update',
      entityType: 'case',
      entityId: caseId,
      jurisdictionCode: theCase.jurisdictionCode,
      before: { personId, status: before.status, arrestedAt: before.arrestedAt, detainedAt: before.detainedAt, prosecutedAt: before.prosecutedAt },
      after: { personId, ...next },
    });
    return presentParty({ ...before, ...next }, seesPersonalData(viewer));
  });
}
