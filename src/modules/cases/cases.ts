import { eq, sql } from 'drizzle-orm';
import { DomainError, type FieldError, invalid } from '../../core/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import { databaseFailureOf } from '../../db/errors.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import { getJurisdiction, isWithin, users, type Viewer } from '../org/index.ts';
import { type CaseRow, findCaseInScope } from './access.ts';
import { isInFuture } from './dates.ts';
import { allowedActions, canApply, EVENT_OF, NEEDS_REASON, previousStageDate, transitionChanges } from './lifecycle.ts';
import { caseCategories, caseEvents, cases, type SupervisionLevel } from './schema.ts';
import { caseSearchTerms } from './search-terms.ts';
import type { CaseAction } from './vocabulary.ts';

/** A case as the app shows it: every column but the search index and internal ids, with names resolved. */
export type CaseDetail = Omit<CaseRow, 'searchTerms' | 'createdBy' | 'supervisionSetBy'> & {
  jurisdictionNameZh: string;
  jurisdictionNameEn: string;
  supervisionSetByUsername: string | null;
  allowedActions: CaseAction[];
};

async function present(db: Db | Tx, row: CaseRow): Promise<CaseDetail> {
  let supervisionSetByUsername: string | null = null;
  if (row.supervisionSetBy) {
    const [setter] = await db.select({ username: users.username }).from(users).where(eq(users.id, row.supervisionSetBy));
    supervisionSetByUsername = setter?.username ?? null;
  }
  const place = await getJurisdiction(db, row.jurisdictionCode);
  const { searchTerms: _s, createdBy: _c, supervisionSetBy: _b, ...rest } = row;
  return {
    ...rest,
    jurisdictionNameZh: place?.nameZh ?? '',
    jurisdictionNameEn: place?.nameEn ?? '',
    supervisionSetByUsername,
    allowedActions: allowedActions(row.status),
  };
}

async function addEvent(tx: Tx, caseId: string, kind: string, at: Date, actor: Actor, note: string | null = null) {
  await tx.insert(caseEvents).values({ caseId, kind, at, note, actorUserId: actor.userId });
}

const termsOf = (title: string, summary: string) => sql`strip(to_tsvector('simple', ${caseSearchTerms(`${title} ${summary}`)}))`;

export async function getCase(db: Db, viewer: Viewer, id: string): Promise<CaseDetail> {
  return present(db, await findCaseInScope(db, viewer, id));
}

export interface NewCase {
  caseNo?: string | undefined;
  categoryCode: string;
  title: string;
  summary?: string | undefined;
  jurisdictionCode: string;
  occurredAt?: Date | undefined;
  reportedAt: Date;
  lossAmount?: string | undefined;
  campaignCodes?: string[] | undefined;
}

/** Another case has this number: one answer whether the early check or the unique constraint finds it. */
const caseNoTaken = () => new DomainError('conflict', 'cases.case_no_taken', [{ path: '/caseNo', message: 'cases.case_no_taken' }]);

async function categoryExists(db: Db | Tx, code: string) {
  const [row] = await db.select({ code: caseCategories.code }).from(caseCategories).where(eq(caseCategories.code, code));
  return Boolean(row);
}

/** Files a new report (status `reported`) in the viewer's jurisdiction subtree, owned by their agency. */
export async function createCase(db: Db, viewer: Viewer, actor: Actor, input: NewCase): Promise<CaseDetail> {
  const problems: FieldError[] = [];
  if (!(await categoryExists(db, input.categoryCode))) problems.push({ path: '/categoryCode', message: 'cases.unknown_category' });
  if (!(await getJurisdiction(db, input.jurisdictionCode))) problems.push({ path: '/jurisdictionCode', message: 'org.unknown_jurisdiction' });
  else if (!(await isWithin(db, viewer.jurisdictionCode, input.jurisdictionCode)))
    problems.push({ path: '/jurisdictionCode', message: 'org.jurisdiction_out_of_scope' });
  if (isInFuture(input.reportedAt)) problems.push({ path: '/reportedAt', message: 'cases.date_in_future' });
  if (input.occurredAt && input.occurredAt > input.reportedAt) problems.push({ path: '/occurredAt', message: 'cases.dates_out_of_order' });
  if (problems.length) throw invalid(problems);
  // An early, friendly answer; the unique constraint decides when two filings race (below).
  if (input.caseNo && (await db.select({ id: cases.id }).from(cases).where(eq(cases.caseNo, input.caseNo))).length) throw caseNoTaken();

  return db
    .transaction(async (tx) => {
      let caseNo = input.caseNo;
      if (!caseNo) {
        const result = await tx.execute(sql`select nextval('case_no_seq')::text as n`);
        const n = (result as unknown as { rows: Array<{ n: string }> }).rows[0]!.n;
        caseNo = `LF${input.jurisdictionCode}-${input.reportedAt.getFullYear()}-${n.padStart(6, '0')}`;
      }
      const summary = input.summary ?? '';
      const [row] = await tx
        .insert(cases)
        .values({
          caseNo,
          categoryCode: input.categoryCode,
          title: input.title,
          summary,
          jurisdictionCode: input.jurisdictionCode,
          agencyId: viewer.agencyId,
          occurredAt: input.occurredAt ?? null,
          reportedAt: input.reportedAt,
          lossAmount: input.lossAmount ?? null,
          campaignCodes: input.campaignCodes ?? [],
          createdBy: viewer.userId,
          searchTerms: termsOf(input.title, summary),
        })
        .returning();
      await addEvent(tx, row!.id, 'reported', row!.reportedAt, actor);
      const detail = await present(tx, row!);
      await appendAudit(tx, actor, {
        action: 'case.create',
        entityType: 'case',
        entityId: row!.id,
        jurisdictionCode: row!.jurisdictionCode,
        after: detail,
      });
      return detail;
    })
    .catch((error: unknown) => {
      const failure = databaseFailureOf(error);
      throw failure?.code === '23505' && failure.constraint === 'cases_case_no_unique' ? caseNoTaken() : error;
    });
}

export interface CasePatch {
  title?: string | undefined;
  summary?: string | undefined;
  categoryCode?: string | undefined;
  occurredAt?: Date | null | undefined;
  lossAmount?: string | null | undefined;
  campaignCodes?: string[] | undefined;
}

export async function updateCase(db: Db, viewer: Viewer, actor: Actor, id: string, patch: CasePatch): Promise<CaseDetail> {
  if (patch.categoryCode !== undefined && !(await categoryExists(db, patch.categoryCode))) {
    throw invalid([{ path: '/categoryCode', message: 'cases.unknown_category' }]);
  }
  return db.transaction(async (tx) => {
    const before = await findCaseInScope(tx, viewer, id, { forUpdate: true });
    if (patch.occurredAt && patch.occurredAt > before.reportedAt) throw invalid([{ path: '/occurredAt', message: 'cases.dates_out_of_order' }]);
    const title = patch.title ?? before.title;
    const summary = patch.summary ?? before.summary;
    const [after] = await tx
      .update(cases)
      .set({ ...patch, searchTerms: termsOf(title, summary), updatedAt: new Date() })
      .where(eq(cases.id, id))
      .returning();
    await addEvent(tx, id, 'updated', new Date(), actor, Object.keys(patch).join(', '));
    const detail = await present(tx, after!);
    await appendAudit(tx, actor, {
      action: 'case.update',
      entityType: 'case',
      entityId: id,
      jurisdictionCode: after!.jurisdictionCode,
      before: await present(tx, before),
      after: detail,
    });
    return detail;
  });
}

/**
 * One lifecycle step (立案, 破案, 移送起诉, 结案, 撤案, or reopening): checks the step is allowed
 * from the current status, that its date follows the previous stage and is not in the future,
 * that a reason is given where one is needed and that a suspect exists before prosecution.
 */
export async function transitionCase(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  action: CaseAction,
  options: { at?: Date | undefined; reason?: string | undefined },
): Promise<CaseDetail> {
  const at = options.at ?? new Date();
  const reason = options.reason?.trim() || null;
  return db.transaction(async (tx) => {
    const before = await findCaseInScope(tx, viewer, id, { forUpdate: true });
    if (!canApply(action, before.status)) {
      throw new DomainError('conflict', 'cases.illegal_transition', undefined, { status: before.status, action });
    }
    if (NEEDS_REASON.has(action) && !reason) throw invalid([{ path: '/reason', message: 'cases.reason_required' }]);
    if (isInFuture(at)) throw invalid([{ path: '/at', message: 'cases.date_in_future' }]);
    const previous = previousStageDate(before);
    if (action !== 'reopen' && at < previous) {
      throw new DomainError('validation', 'validation_failed', [{ path: '/at', message: 'cases.dates_out_of_order' }], {
        previous: previous.toISOString(),
      });
    }
    if (action === 'prosecute') {
      const result = await tx.execute(sql`select 1 from case_parties where case_id = ${id} and role = 'suspect' limit 1`);
      if ((result as unknown as { rows: unknown[] }).rows.length === 0) throw invalid([{ path: '/action', message: 'cases.suspect_required' }]);
    }
    const [after] = await tx
      .update(cases)
      .set({ ...transitionChanges(action, before, at, reason), updatedAt: new Date() })
      .where(eq(cases.id, id))
      .returning();
    await addEvent(tx, id, EVENT_OF[action], action === 'reopen' ? new Date() : at, actor, reason);
    await appendAudit(tx, actor, {
      action: `case.${action}`,
      entityType: 'case',
      entityId: id,
      jurisdictionCode: after!.jurisdictionCode,
      before: { status: before.status },
      after: { status: after!.status, at: at.toISOString(), reason },
    });
    return present(tx, after!);
  });
}

/** 督办: flags a case for province or ministry supervision (or clears it), with who and why. */
export async function setSupervision(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  level: SupervisionLevel,
  reason: string | undefined,
): Promise<CaseDetail> {
  const why = reason?.trim() || null;
  if (level !== 'none' && !why) throw invalid([{ path: '/reason', message: 'cases.reason_required' }]);
  return db.transaction(async (tx) => {
    const before = await findCaseInScope(tx, viewer, id, { forUpdate: true });
    const now = new Date();
    const [after] = await tx
      .update(cases)
      .set({
        supervision: level,
        supervisionReason: why,
        supervisionSetBy: level === 'none' ? null : viewer.userId,
        supervisionSetAt: level === 'none' ? null : now,
        updatedAt: now,
      })
      .where(eq(cases.id, id))
      .returning();
    await addEvent(tx, id, 'supervision_set', now, actor, `${level}${why ? `: ${why}` : ''}`);
    await appendAudit(tx, actor, {
      action: 'case.supervision',
      entityType: 'case',
      entityId: id,
      jurisdictionCode: after!.jurisdictionCode,
      before: { supervision: before.supervision, reason: before.supervisionReason },
      after: { supervision: level, reason: why },
    });
    return present(tx, after!);
  });
}
