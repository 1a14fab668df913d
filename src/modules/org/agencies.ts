import { and, asc, eq, sql } from 'drizzle-orm';
import type { FieldError } from '../../core/errors.ts';
import { DomainError, invalid, notFound } from '../../core/errors.ts';
import type { Db, Executor } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import { getJurisdiction, isWithin } from './jurisdictions.ts';
import { type AgencyKind, agencies, sessions, users } from './schema.ts';
import { scopeCondition, type Viewer } from './scope.ts';
import { forgetUserSessions } from './session-cache.ts';

export interface Agency {
  id: string;
  kind: AgencyKind;
  nameZh: string;
  nameEn: string;
  jurisdictionCode: string;
  disabled: boolean;
}

const agencyColumns = {
  id: agencies.id,
  kind: agencies.kind,
  nameZh: agencies.nameZh,
  nameEn: agencies.nameEn,
  jurisdictionCode: agencies.jurisdictionCode,
  disabled: agencies.disabled,
};

const agencyScope = (viewer: Viewer) =>
  scopeCondition(viewer, { jurisdiction: agencies.jurisdictionCode, agency: agencies.id, entityType: 'agency', id: agencies.id });

export async function listAgencies(db: Executor, viewer: Viewer): Promise<Agency[]> {
  return db.select(agencyColumns).from(agencies).where(agencyScope(viewer)).orderBy(asc(agencies.jurisdictionCode), asc(agencies.nameZh));
}

/** Out of scope and absent look the same to the caller: both are "not found". */
export async function getAgency(db: Executor, viewer: Viewer, id: string): Promise<Agency> {
  const [row] = await db
    .select(agencyColumns)
    .from(agencies)
    .where(and(eq(agencies.id, id), agencyScope(viewer)))
    .limit(1);
  if (!row) throw notFound('org.agency_not_found');
  return row;
}

export interface NewAgency {
  kind: AgencyKind;
  nameZh: string;
  nameEn: string;
  jurisdictionCode: string;
}

/** For the CLI and the demo set, where there is no viewer: only the jurisdiction must exist. */
export async function createAgencyUnscoped(db: Db, actor: Actor, input: NewAgency): Promise<Agency> {
  if (!(await getJurisdiction(db, input.jurisdictionCode))) {
    throw new DomainError('validation', 'validation_failed', [{ path: '/jurisdictionCode', message: 'org.unknown_jurisdiction' }]);
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(agencies).values(input).returning(agencyColumns);
    await appendAudit(tx, actor, {
      action: 'agency.create',
      entityType: 'agency',
      entityId: row!.id,
      jurisdictionCode: row!.jurisdictionCode,
      after: row,
    });
    return row!;
  });
}

export async function createAgency(db: Db, viewer: Viewer, actor: Actor, input: NewAgency): Promise<Agency> {
  if (!(await isWithin(db, viewer.jurisdictionCode, input.jurisdictionCode)) && (await getJurisdiction(db, input.jurisdictionCode))) {
    throw new DomainError('validation', 'validation_failed', [{ path: '/jurisdictionCode', message: 'org.jurisdiction_out_of_scope' }]);
  }
  return createAgencyUnscoped(db, actor, input);
}

export interface AgencyPatch {
  kind?: AgencyKind | undefined;
  nameZh?: string | undefined;
  nameEn?: string | undefined;
  disabled?: boolean | undefined;
}

/**
 * Renames, re-kinds, disables or re-enables an agency in the viewer's scope (others are "not found"). Disabling ends
 * the sessions of its users; the viewer cannot disable their own agency.
 */
export async function updateAgency(db: Db, viewer: Viewer, actor: Actor, id: string, patch: AgencyPatch): Promise<Agency> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select(agencyColumns)
      .from(agencies)
      .where(and(eq(agencies.id, id), agencyScope(viewer)))
      .for('update')
      .limit(1);
    if (!before) throw notFound('org.agency_not_found');
    const problems: FieldError[] = [];
    if (patch.disabled && id === viewer.agencyId) problems.push({ path: '/disabled', message: 'org.cannot_disable_self' });
    if (problems.length) throw invalid(problems);
    const [after] = await tx.update(agencies).set(patch).where(eq(agencies.id, id)).returning(agencyColumns);
    if (patch.disabled && !before.disabled) {
      const members = await tx.select({ id: users.id }).from(users).where(eq(users.agencyId, id));
      if (members.length) {
        await tx.delete(sessions).where(sql`${sessions.userId} in (select ${users.id} from ${users} where ${users.agencyId} = ${id})`);
        for (const member of members) forgetUserSessions(member.id);
      }
    }
    await appendAudit(tx, actor, {
      action: 'agency.update',
      entityType: 'agency',
      entityId: id,
      jurisdictionCode: after!.jurisdictionCode,
      before,
      after,
    });
    return after!;
  });
}

export async function findAgencyByName(db: Executor, nameZh: string, jurisdictionCode: string): Promise<Agency | undefined> {
  const [row] = await db
    .select(agencyColumns)
    .from(agencies)
    .where(sql`${agencies.nameZh} = ${nameZh} and ${agencies.jurisdictionCode} = ${jurisdictionCode}`)
    .limit(1);
  return row;
}

export async function getAgencyUnscoped(db: Executor, id: string): Promise<Agency | undefined> {
  const [row] = await db.select(agencyColumns).from(agencies).where(eq(agencies.id, id)).limit(1);
  return row;
}
