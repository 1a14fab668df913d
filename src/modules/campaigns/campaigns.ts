import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { DomainError, type FieldError, invalid, notFound } from '../../core/errors.ts';
import type { Db, Executor } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import { caseScope, cases, listCategories } from '../cases/index.ts';
import {
  agencies,
  getJurisdiction,
  hasPermission,
  isPartnerViewer,
  isWithin,
  jurisdictionAncestors,
  jurisdictions,
  NATIONAL_CODE,
  type Viewer,
} from '../org/index.ts';
import { type CampaignAgencyRole, type CampaignKind, campaignAgencies, campaignExtensions, campaigns } from './schema.ts';
import { type CampaignStatus, campaignStatus } from './status.ts';

const CAMPAIGN_TIME_ZONE = 'Asia/Shanghai';

/** Today's calendar day in Beijing, YYYY-MM-DD: campaign periods are whole days there. */
export function todayInBeijing(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CAMPAIGN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export interface CampaignAgency {
  agencyId: string;
  role: CampaignAgencyRole;
  nameZh: string;
  nameEn: string;
  kind: string;
}
export interface CampaignExtension {
  decidedOn: string;
  previousEndsOn: string;
  newEndsOn: string;
  reason: string;
  recordedAt: Date;
}

export interface Named {
  code: string;
  nameZh: string;
  nameEn: string;
}
export interface CampaignSummary {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: CampaignKind;
  startsOn: string;
  endsOn: string;
  originalEndsOn: string;
  status: CampaignStatus;
  jurisdictionCodes: string[];
  categoryCodes: string[];
  agencies: CampaignAgency[];
  /** The scope by name, for pages that show names, not codes. */
  jurisdictions: Named[];
}
export interface CampaignDetail extends CampaignSummary {
  descriptionZh: string;
  descriptionEn: string;
  extensions: CampaignExtension[];
  categories: Named[];
  /** Cases carrying the campaign's code that the viewer may see. */
  memberCases: number;
  editable: boolean;
}

/**
 * Which campaigns a user sees: police, those whose scope overlaps their jurisdiction (a province sees the national
 * campaign and its cities' campaigns); a partner agency, those it takes part in.
 */
function visibleTo(viewer: Viewer): SQL {
  if (isPartnerViewer(viewer)) {
    return sql`exists (select 1 from ${campaignAgencies} ca where ca.campaign_id = "campaigns"."id" and ca.agency_id = ${viewer.agencyId})`;
  }
  if (viewer.jurisdictionLevel === 'national') return sql`true`;
  return sql`exists (select 1 from unnest(${campaigns.jurisdictionCodes}) root(code) join ${jurisdictionAncestors} a
    on (a.ancestor_code = root.code and a.descendant_code = ${viewer.jurisdictionCode})
    or (a.ancestor_code = ${viewer.jurisdictionCode} and a.descendant_code = root.code))`;
}

const summaryColumns = {
  id: campaigns.id,
  code: campaigns.code,
  nameZh: campaigns.nameZh,
  nameEn: campaigns.nameEn,
  kind: campaigns.kind,
  startsOn: campaigns.startsOn,
  endsOn: campaigns.endsOn,
  jurisdictionCodes: campaigns.jurisdictionCodes,
  categoryCodes: campaigns.categoryCodes,
  descriptionZh: campaigns.descriptionZh,
  descriptionEn: campaigns.descriptionEn,
  // Qualified by hand: drizzle leaves a single table's columns bare, and a bare "id" here would be the extension's.
  originalEndsOn: sql<string>`coalesce((select e.previous_ends_on::text from ${campaignExtensions} e where e.campaign_id = "campaigns"."id" order by e.id limit 1), "campaigns"."ends_on"::text)`,
};
type Row = Awaited<ReturnType<typeof selectCampaigns>>[number];

function selectCampaigns(db: Executor, where: SQL | undefined) {
  return db.select(summaryColumns).from(campaigns).where(where).orderBy(sql`${campaigns.startsOn} desc`, asc(campaigns.code));
}

async function agenciesOf(db: Executor, ids: string[]): Promise<Map<string, CampaignAgency[]>> {
  const byCampaign = new Map<string, CampaignAgency[]>();
  if (!ids.length) return byCampaign;
  const rows = await db
    .select({
      campaignId: campaignAgencies.campaignId,
      agencyId: campaignAgencies.agencyId,
      role: campaignAgencies.role,
      nameZh: agencies.nameZh,
      nameEn: agencies.nameEn,
      kind: agencies.kind,
    })
    .from(campaignAgencies)
    .innerJoin(agencies, eq(agencies.id, campaignAgencies.agencyId))
    .where(inArray(campaignAgencies.campaignId, ids))
    .orderBy(asc(campaignAgencies.role), asc(agencies.nameZh));
  for (const { campaignId, ...agency } of rows) byCampaign.set(campaignId, [...(byCampaign.get(campaignId) ?? []), agency]);
  return byCampaign;
}

async function jurisdictionNames(db: Executor, rows: readonly Row[]): Promise<Map<string, Named>> {
  const codes = [...new Set(rows.flatMap((r) => r.jurisdictionCodes))];
  if (!codes.length) return new Map();
  const found = await db
    .select({ code: jurisdictions.code, nameZh: jurisdictions.nameZh, nameEn: jurisdictions.nameEn })
    .from(jurisdictions)
    .where(inArray(jurisdictions.code, codes));
  return new Map(found.map((j) => [j.code, j]));
}

function summaryOf(row: Row, agencyList: CampaignAgency[], names: Map<string, Named>, today: string): CampaignSummary {
  const { descriptionZh: _zh, descriptionEn: _en, ...rest } = row;
  return {
    ...rest,
    status: campaignStatus(today, row.startsOn, row.endsOn, row.originalEndsOn),
    agencies: agencyList,
    jurisdictions: row.jurisdictionCodes.map((code) => names.get(code) ?? { code, nameZh: code, nameEn: code }),
  };
}

export interface CampaignFilters {
  status?: CampaignStatus | undefined;
  q?: string | undefined;
  today?: string | undefined;
}

export async function listCampaigns(db: Db, viewer: Viewer, filters: CampaignFilters = {}): Promise<CampaignSummary[]> {
  const conditions = [visibleTo(viewer)];
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${campaigns.code} ilike ${like} or ${campaigns.nameZh} ilike ${like} or ${campaigns.nameEn} ilike ${like})`);
  }
  const rows = await selectCampaigns(db, and(...conditions));
  const today = filters.today ?? todayInBeijing();
  const byCampaign = await agenciesOf(
    db,
    rows.map((r) => r.id),
  );
  const names = await jurisdictionNames(db, rows);
  const all = rows.map((row) => summaryOf(row, byCampaign.get(row.id) ?? [], names, today));
  return filters.status ? all.filter((c) => c.status === filters.status) : all;
}

async function findVisible(db: Executor, viewer: Viewer, code: string, lock = false): Promise<Row> {
  const query = selectCampaigns(db, and(eq(campaigns.code, code), visibleTo(viewer)));
  const [row] = lock ? await query.for('update', { of: campaigns }) : await query;
  if (!row) throw notFound('campaigns.not_found');
  return row;
}

/** Commanders and admins change campaigns whose whole scope lies within their own jurisdiction. */
async function mayEdit(db: Executor, viewer: Viewer, jurisdictionCodes: readonly string[]): Promise<boolean> {
  if (!hasPermission(viewer.roles, 'campaigns.write') || isPartnerViewer(viewer)) return false;
  for (const code of jurisdictionCodes) if (!(await isWithin(db, viewer.jurisdictionCode, code))) return false;
  return true;
}

export async function getCampaign(db: Db, viewer: Viewer, code: string, today = todayInBeijing()): Promise<CampaignDetail> {
  const row = await findVisible(db, viewer, code);
  const byCampaign = await agenciesOf(db, [row.id]);
  const extensions = await db
    .select({
      decidedOn: campaignExtensions.decidedOn,
      previousEndsOn: campaignExtensions.previousEndsOn,
      newEndsOn: campaignExtensions.newEndsOn,
      reason: campaignExtensions.reason,
      recordedAt: campaignExtensions.recordedAt,
    })
    .from(campaignExtensions)
    .where(eq(campaignExtensions.campaignId, row.id))
    .orderBy(asc(campaignExtensions.id));
  const [members] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(sql`${cases.campaignCodes} @> array[${code}]::text[]`, caseScope(viewer)));
  const categoryNames = new Map((await listCategories(db)).map((c) => [c.code, c]));
  return {
    ...summaryOf(row, byCampaign.get(row.id) ?? [], await jurisdictionNames(db, [row]), today),
    descriptionZh: row.descriptionZh,
    descriptionEn: row.descriptionEn,
    extensions,
    categories: row.categoryCodes.map((c) => {
      const category = categoryNames.get(c);
      return { code: c, nameZh: category?.nameZh ?? c, nameEn: category?.nameEn ?? c };
    }),
    memberCases: members?.n ?? 0,
    editable: await mayEdit(db, viewer, row.jurisdictionCodes),
  };
}

export interface CampaignInput {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: CampaignKind;
  startsOn: string;
  endsOn: string;
  descriptionZh?: string | undefined;
  descriptionEn?: string | undefined;
  jurisdictionCodes: string[];
  categoryCodes?: string[] | undefined;
  agencies: Array<{ agencyId: string; role: CampaignAgencyRole }>;
}
export type CampaignPatch = Partial<Omit<CampaignInput, 'code' | 'endsOn'>>;

/** Every reference checked before anything is written; all problems reported together, by field. */
async function checkReferences(db: Executor, viewer: Viewer, input: CampaignPatch & { endsOn?: string }): Promise<void> {
  const problems: FieldError[] = [];
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) problems.push({ path: '/endsOn', message: 'campaigns.period_reversed' });
  for (const [i, code] of (input.jurisdictionCodes ?? []).entries()) {
    if (!(await getJurisdiction(db, code))) problems.push({ path: `/jurisdictionCodes/${i}`, message: 'campaigns.unknown_jurisdiction' });
    else if (!(await isWithin(db, viewer.jurisdictionCode, code)))
      problems.push({ path: `/jurisdictionCodes/${i}`, message: 'campaigns.jurisdiction_out_of_scope' });
  }
  if (input.categoryCodes?.length) {
    const known = new Set((await listCategories(db)).map((c) => c.code));
    input.categoryCodes.forEach((code, i) => {
      if (!known.has(code)) problems.push({ path: `/categoryCodes/${i}`, message: 'campaigns.unknown_category' });
    });
  }
  if (input.agencies) {
    if (!input.agencies.some((a) => a.role === 'lead')) problems.push({ path: '/agencies', message: 'campaigns.lead_agency_required' });
    const ids = input.agencies.map((a) => a.agencyId);
    const found = new Set((await db.select({ id: agencies.id }).from(agencies).where(inArray(agencies.id, ids))).map((a) => a.id));
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) problems.push({ path: `/agencies/${i}/agencyId`, message: 'campaigns.agency_repeated' });
      else if (!found.has(id)) problems.push({ path: `/agencies/${i}/agencyId`, message: 'campaigns.unknown_agency' });
    });
  }
  if (problems.length) throw invalid(problems);
}

export async function createCampaign(db: Db, viewer: Viewer, actor: Actor, input: CampaignInput): Promise<CampaignDetail> {
  if (!(await mayEdit(db, viewer, input.jurisdictionCodes))) {
    await checkReferences(db, viewer, input); // says which jurisdiction is outside the viewer's own, if that is why
    throw new DomainError('forbidden', 'campaigns.not_editable');
  }
  await checkReferences(db, viewer, input);
  await db.transaction(async (tx) => {
    const { agencies: members, ...fields } = input;
    const [row] = await tx
      .insert(campaigns)
      .values({ ...fields, createdBy: viewer.userId })
      .onConflictDoNothing()
      .returning({ id: campaigns.id });
    if (!row) throw invalid([{ path: '/code', message: 'campaigns.code_taken' }]);
    await tx.insert(campaignAgencies).values(members.map((m) => ({ ...m, campaignId: row.id })));
    await appendAudit(tx, actor, {
      action: 'campaign.create',
      entityType: 'campaign',
      entityId: row.id,
      jurisdictionCode: input.jurisdictionCodes[0] ?? NATIONAL_CODE,
      after: input,
    });
  });
  return getCampaign(db, viewer, input.code);
}

export async function updateCampaign(db: Db, viewer: Viewer, actor: Actor, code: string, patch: CampaignPatch): Promise<CampaignDetail> {
  await db.transaction(async (tx) => {
    const current = await findVisible(tx, viewer, code, true);
    if (!(await mayEdit(tx, viewer, current.jurisdictionCodes))) throw new DomainError('forbidden', 'campaigns.not_editable');
    await checkReferences(tx, viewer, { ...patch, endsOn: current.endsOn, startsOn: patch.startsOn ?? current.startsOn });
    const { agencies: members, ...fields } = patch;
    if (Object.keys(fields).length)
      await tx
        .update(campaigns)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(campaigns.id, current.id));
    if (members) {
      await tx.delete(campaignAgencies).where(eq(campaignAgencies.campaignId, current.id));
      await tx.insert(campaignAgencies).values(members.map((m) => ({ ...m, campaignId: current.id })));
    }
    const { descriptionZh: _zh, descriptionEn: _en, ...before } = current;
    await appendAudit(tx, actor, {
      action: 'campaign.update',
      entityType: 'campaign',
      entityId: current.id,
      jurisdictionCode: current.jurisdictionCodes[0] ?? NATIONAL_CODE,
      before,
      after: patch,
    });
  });
  return getCampaign(db, viewer, code);
}

export interface CampaignExtensionInput {
  newEndsOn: string;
  decidedOn: string;
  reason: string;
}

/** Lengthens the period and keeps the decision; the row lock makes two extensions at once apply one after the other. */
export async function extendCampaign(db: Db, viewer: Viewer, actor: Actor, code: string, input: CampaignExtensionInput): Promise<CampaignDetail> {
  await db.transaction(async (tx) => {
    const current = await findVisible(tx, viewer, code, true);
    if (!(await mayEdit(tx, viewer, current.jurisdictionCodes))) throw new DomainError('forbidden', 'campaigns.not_editable');
    if (input.newEndsOn <= current.endsOn) {
      throw new DomainError(
        'validation',
        'campaigns.extension_must_lengthen',
        [{ path: '/newEndsOn', message: 'campaigns.extension_must_lengthen' }],
        { endsOn: current.endsOn },
      );
    }
    await tx.insert(campaignExtensions).values({
      campaignId: current.id,
      decidedOn: input.decidedOn,
      previousEndsOn: current.endsOn,
      newEndsOn: input.newEndsOn,
      reason: input.reason,
      recordedBy: viewer.userId,
    });
    await tx.update(campaigns).set({ endsOn: input.newEndsOn, updatedAt: new Date() }).where(eq(campaigns.id, current.id));
    await appendAudit(tx, actor, {
      action: 'campaign.extend',
      entityType: 'campaign',
      entityId: current.id,
      jurisdictionCode: current.jurisdictionCodes[0] ?? NATIONAL_CODE,
      before: { endsOn: current.endsOn },
      after: input,
    });
  });
  return getCampaign(db, viewer, code);
}

/** Codes cases carry today, for seeding and checks: the campaigns that must exist. */
export async function campaignCodesInUse(db: Executor): Promise<string[]> {
  const rows = await db.selectDistinct({ code: sql<string>`unnest(${cases.campaignCodes})`.as('code') }).from(cases);
  return rows.map((r) => r.code).sort();
}

/**
 * Creates or replaces a campaign without a viewer's scope: for data sets (the demo), not for users. An existing
 * campaign keeps its id and extensions; its fields and agencies become the given ones.
 */
export async function saveCampaignUnscoped(db: Db, actor: Actor, input: CampaignInput): Promise<void> {
  const { agencies: members, code, ...fields } = input;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(campaigns)
      .values({ code, ...fields })
      .onConflictDoUpdate({ target: campaigns.code, set: { ...fields, updatedAt: new Date() } })
      .returning({ id: campaigns.id });
    await tx.delete(campaignAgencies).where(eq(campaignAgencies.campaignId, row!.id));
    if (members.length) await tx.insert(campaignAgencies).values(members.map((m) => ({ ...m, campaignId: row!.id })));
    await appendAudit(tx, actor, {
      action: 'campaign.save',
      entityType: 'campaign',
      entityId: row!.id,
      jurisdictionCode: input.jurisdictionCodes[0] ?? NATIONAL_CODE,
      after: input,
    });
  });
}

/** The zh/en names of the campaigns with these codes (codes without a campaign are left out): for figures by campaign. */
export async function campaignNames(db: Executor, codes: readonly string[]): Promise<Map<string, { zh: string; en: string }>> {
  if (!codes.length) return new Map();
  const found = await db
    .select({ code: campaigns.code, zh: campaigns.nameZh, en: campaigns.nameEn })
    .from(campaigns)
    .where(inArray(campaigns.code, [...codes]));
  return new Map(found.map((c) => [c.code, { zh: c.zh, en: c.en }]));
}
