import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { DomainError, notFound } from '../../core/errors.ts';
import { appendAudit, type Actor } from '../audit/index.ts';
import { agencies, type AgencyKind } from './schema.ts';
import { getJurisdiction, isWithin } from './jurisdictions.ts';
import { scopeCondition, type Viewer } from './scope.ts';

export interface Agency {
  id: string;
  kind: AgencyKind;
  nameZh: string;
  nameEn: string;
  jurisdictionCode: string;
}

const agencyColumns = {
  id: agencies.id, kind: agencies.kind, nameZh: agencies.nameZh, nameEn: agencies.nameEn, jurisdictionCode: agencies.jurisdictionCode,
};

const agencyScope = (viewer: Viewer) =>
  scopeCondition(viewer, { jurisdiction: agencies.jurisdictionCode, agency: agencies.id, entityType: 'agency', id: agencies.id });

export async function listAgencies(db: Executor, viewer: Viewer): Promise<Agency[]> {
  return db.select(agencyColumns).from(agencies).where(agencyScope(viewer)).orderBy(asc(agencies.jurisdictionCode), asc(agencies.nameZh));
}

/** Out of scope and absent look the same to the caller: both are "not found". */
export async function getAgency(db: Executor, viewer: Viewer, id: string): Promise<Agency> {
  const [row] = await db.select(agencyColumns).from(agencies).where(and(eq(agencies.id, id), agencyScope(viewer))).limit(1);
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
    await appendAudit(tx, actor, { action: 'agency.create', entityType: 'agency', entityId: row!.id, jurisdictionCode: row!.jurisdictionCode, after: row });
    return row!;
  });
}

export async function createAgency(db: Db, viewer: Viewer, actor: Actor, input: NewAgency): Promise<Agency> {
  if (!(await isWithin(db, viewer.jurisdictionCode, input.jurisdictionCode)) && (await getJurisdiction(db, input.jurisdictionCode))) {
    throw new DomainError('validation', 'validation_failed', [{ path: '/jurisdictionCode', message: 'org.jurisdiction_out_of_scope' }]);
  }
  return createAgencyUnscoped(db, actor, input);
}

export async function findAgencyByName(db: Executor, nameZh: string, jurisdictionCode: string): Promise<Agency | undefined> {
  const [row] = await db.select(agencyColumns).from(agencies)
    .where(sql`${agencies.nameZh} = ${nameZh} and ${agencies.jurisdictionCode} = ${jurisdictionCode}`).limit(1);
  return row;
}

export async function getAgencyUnscoped(db: Executor, id: string): Promise<Agency | undefined> {
  const [row] = await db.select(agencyColumns).from(agencies).where(eq(agencies.id, id)).limit(1);
  return row;
}
