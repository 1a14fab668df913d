import { and, asc, desc, eq, gte, inArray, like, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { withBitmapScansOnly } from '../../db/planner.ts';
import { isPartnerViewer, jurisdictionAncestors, jurisdictions, type Viewer } from '../org/index.ts';
import { type CaseRow, caseScope } from './access.ts';
import { countUpTo, EXACT_TOTAL_UP_TO, gathersTextMatches, type ListTotal, listTotal, plannedRows } from './list-plan.ts';
import { type CaseSort, type CaseStatus, caseCategories, cases, type DateField, type SupervisionLevel } from './schema.ts';
import { caseTsQuery, queryTerms } from './search-terms.ts';

export interface CaseFilters {
  q?: string | undefined;
  /** A category code; matches its whole subtree. */
  category?: string | undefined;
  status?: CaseStatus[] | undefined;
  /** A jurisdiction code; matches its whole subtree (always within the viewer's scope). */
  jurisdiction?: string | undefined;
  dateField?: DateField | undefined;
  /** Inclusive calendar days, `YYYY-MM-DD`, in the deployment's time zone. */
  from?: string | undefined;
  to?: string | undefined;
  campaign?: string | undefined;
  supervision?: 'any' | Exclude<SupervisionLevel, 'none'> | undefined;
  sort?: CaseSort | undefined;
}

/** A row of the case list. */
export type CaseSummary = Pick<
  CaseRow,
  | 'id'
  | 'caseNo'
  | 'categoryCode'
  | 'title'
  | 'jurisdictionCode'
  | 'status'
  | 'reportedAt'
  | 'filedAt'
  | 'solvedAt'
  | 'prosecutedAt'
  | 'closedAt'
  | 'dismissedAt'
  | 'supervision'
  | 'lossAmount'
  | 'campaignCodes'
> & {
  jurisdictionNameZh: string;
  jurisdictionNameEn: string;
};

const DATE_COLUMNS = { reported_at: cases.reportedAt, filed_at: cases.filedAt, solved_at: cases.solvedAt, occurred_at: cases.occurredAt };
const SORT_COLUMNS = { reported_at: cases.reportedAt, case_no: cases.caseNo, filed_at: cases.filedAt, solved_at: cases.solvedAt };
// Columns that are never null sort with a plain ASC/DESC, which the (…, reported_at) indexes serve.
const NOT_NULL_SORTS = new Set(['reported_at', 'case_no']);

/** Start of a calendar day in the deployment's zone (Asia/Shanghai unless TZ_OFFSET says otherwise). */
export function dayStart(day: string, offset = '+08:00'): Date {
  return new Date(`${day}T00:00:00${offset}`);
}

/**
 * The category and every code below it. Listing the codes (the taxonomy is small) lets PostgreSQL
 * use the category index and estimate rows; a LIKE prefix cannot use a btree under a non-C collation.
 */
async function categorySubtree(db: Executor, code: string): Promise<string[]> {
  const rows = await db
    .select({ code: caseCategories.code })
    .from(caseCategories)
    .where(or(eq(caseCategories.code, code), like(caseCategories.code, `${code}.%`)));
  return rows.length ? rows.map((r) => r.code) : [code];
}

/** A jurisdiction and every code below it (the closure table holds each code as its own descendant). */
async function subtreeCodes(db: Executor, code: string): Promise<string[]> {
  const rows = await db
    .select({ code: jurisdictionAncestors.descendantCode })
    .from(jurisdictionAncestors)
    .where(eq(jurisdictionAncestors.ancestorCode, code));
  return rows.map((r) => r.code);
}

/**
 * The viewer's scope (caseScope, the same cases) and the jurisdiction filter, for lists. A police
 * viewer's subtree is given as the list of its codes rather than as caseScope's closure-table
 * EXISTS, intersected with the filter's subtree: the planner then knows how many cases the codes
 * hold (column statistics) and walks the reported_at index for a big subtree, the jurisdiction index
 * for a small one. With the EXISTS it joined the whole subtree and sorted it, and counted it: 0.7 s
 * for a city of 69,000 cases of 1M, 1.3 s with a text search.
 */
async function scopeConditions(db: Executor, viewer: Viewer, jurisdiction: string | undefined): Promise<SQL[]> {
  const filter = jurisdiction ? await subtreeCodes(db, jurisdiction) : undefined;
  if (isPartnerViewer(viewer)) return [caseScope(viewer), ...(filter ? [inArray(cases.jurisdictionCode, filter)] : [])];
  if (viewer.jurisdictionLevel === 'national') return filter ? [inArray(cases.jurisdictionCode, filter)] : [];
  const own = await subtreeCodes(db, viewer.jurisdictionCode);
  const visible = filter ? own.filter((code) => filter.includes(code)) : own;
  return [inArray(cases.jurisdictionCode, visible)];
}

/** The list's conditions: scope and filters, and the text search apart (listCases chooses how to read it). */
async function filterConditions(db: Executor, viewer: Viewer, f: CaseFilters): Promise<{ others: SQL[]; text?: SQL }> {
  const where: SQL[] = await scopeConditions(db, viewer, f.jurisdiction);
  if (f.category) where.push(inArray(cases.categoryCode, await categorySubtree(db, f.category)));
  if (f.status?.length) where.push(inArray(cases.status, f.status));
  const dateColumn = DATE_COLUMNS[f.dateField ?? 'reported_at'];
  if (f.from) where.push(gte(dateColumn, dayStart(f.from)));
  if (f.to) where.push(lt(dateColumn, new Date(dayStart(f.to).getTime() + 86_400_000)));
  if (f.campaign) where.push(sql`${cases.campaignCodes} @> array[${f.campaign}]::text[]`);
  if (f.supervision === 'any') where.push(ne(cases.supervision, 'none'));
  else if (f.supervision) where.push(eq(cases.supervision, f.supervision));
  if (!f.q?.trim()) return { others: where };
  const terms = queryTerms(f.q);
  const text = terms.length ? sql`${cases.searchTerms} @@ to_tsquery('simple', ${caseTsQuery(terms)})` : sql`false`;
  // A plain condition beside the subtree's codes: the planner estimates its matches (the search
  // index's statistics hold the common pairs), and listCases decides how to read them. Gathering
  // the matches first (id = any(array(select …))), needed beside the closure-table EXISTS, read
  // every match in the country: 1.3 s for 盗掘 (39,000 matches of 1M) whatever the viewer.
  return { others: where, text: or(text, eq(cases.caseNo, f.q.trim()))! };
}

const summaryColumns = {
  id: cases.id,
  caseNo: cases.caseNo,
  categoryCode: cases.categoryCode,
  title: cases.title,
  jurisdictionCode: cases.jurisdictionCode,
  jurisdictionNameZh: jurisdictions.nameZh,
  jurisdictionNameEn: jurisdictions.nameEn,
  status: cases.status,
  reportedAt: cases.reportedAt,
  filedAt: cases.filedAt,
  solvedAt: cases.solvedAt,
  prosecutedAt: cases.prosecutedAt,
  closedAt: cases.closedAt,
  dismissedAt: cases.dismissedAt,
  supervision: cases.supervision,
  lossAmount: cases.lossAmount,
  campaignCodes: cases.campaignCodes,
};

function orderOf(sort: CaseSort = '-reported_at') {
  const descending = sort.startsWith('-');
  const name = descending ? sort.slice(1) : sort;
  const column = SORT_COLUMNS[name as keyof typeof SORT_COLUMNS];
  // The id breaks ties so pages never overlap or skip rows.
  if (NOT_NULL_SORTS.has(name)) return descending ? [desc(column), desc(cases.id)] : [asc(column), asc(cases.id)];
  return descending ? [sql`${column} desc nulls last`, desc(cases.id)] : [sql`${column} asc nulls last`, asc(cases.id)];
}

export interface CaseList extends ListTotal {
  items: CaseSummary[];
  page: number;
  pageSize: number;
}

/**
 * One page of the cases the viewer may see, filtered and sorted, with the total: exact up to
 * EXACT_TOTAL_UP_TO matches, above that the planner's estimate, flagged `totalIsEstimate`. A text
 * search counts exactly when it gathers its matches (gathersTextMatches) or they are few; otherwise
 * its total is the estimate.
 */
export async function listCases(
  db: Executor,
  viewer: Viewer,
  filters: CaseFilters,
  page: { page: number; pageSize: number },
  options: { exactTotalUpTo?: number } = {},
): Promise<CaseList> {
  const { others, text } = await filterConditions(db, viewer, filters);
  const where = and(...others, text);
  const offset = (page.page - 1) * page.pageSize;
  const pageQuery = (ex: Executor) =>
    ex
      .select(summaryColumns)
      .from(cases)
      .innerJoin(jurisdictions, eq(jurisdictions.code, cases.jurisdictionCode))
      .where(where)
      .orderBy(...orderOf(filters.sort))
      .limit(page.pageSize)
      .offset(offset);
  const shown = (items: unknown[]) => ({ offset, shown: items.length, pageSize: page.pageSize });

  if (text) {
    const plan = await gathersTextMatches(db, where, others.length ? and(...others) : undefined, text, offset + page.pageSize);
    if (plan.gather) {
      const rows = await withBitmapScansOnly(db, async (tx) => {
        // A parallel worker saves nothing on a few thousand rows and costs its start: 55 against 75–110 ms
        // for a city's 盗掘 on a loaded machine.
        await tx.execute(sql`select set_config('max_parallel_workers_per_gather', '0', true)`);
        return tx
          .select({ ...summaryColumns, matches: sql<number>`(count(*) over ())::int` })
          .from(cases)
          .innerJoin(jurisdictions, eq(jurisdictions.code, cases.jurisdictionCode))
          .where(where)
          .orderBy(...orderOf(filters.sort))
          .limit(page.pageSize)
          .offset(offset);
      });
      const items = rows.map(({ matches: _m, ...item }) => item as CaseSummary);
      // Every match was read to sort them, so they are counted exactly (past the last page, none are seen).
      return { items, ...(rows.length ? { total: rows[0]!.matches, totalIsEstimate: false } : listTotal(shown(rows), plan.planned)), ...page };
    }
    // Dense matches: the page is met early, but counting them reads each from the table.
    const limit = plan.countUpTo;
    const [items, counted] = await Promise.all([pageQuery(db), limit ? countUpTo(db, where, limit) : undefined]);
    return {
      items: items as CaseSummary[],
      ...listTotal(shown(items), plan.planned, limit && counted !== undefined ? { n: counted, limit } : undefined),
      ...page,
    };
  }

  const limit = options.exactTotalUpTo ?? EXACT_TOTAL_UP_TO;
  const planned = await plannedRows(db, where);
  const [items, counted] = await Promise.all([pageQuery(db), planned <= limit ? countUpTo(db, where, limit) : undefined]);
  return { items: items as CaseSummary[], ...listTotal(shown(items), planned, counted === undefined ? undefined : { n: counted, limit }), ...page };
}

/** A row of an export: the columns the cases import reads, so an export imports again. */
export type CaseExportRow = Pick<
  CaseRow,
  | 'caseNo'
  | 'categoryCode'
  | 'jurisdictionCode'
  | 'title'
  | 'occurredAt'
  | 'reportedAt'
  | 'filedAt'
  | 'solvedAt'
  | 'prosecutedAt'
  | 'closedAt'
  | 'dismissedAt'
  | 'dismissalReason'
  | 'status'
  | 'supervision'
  | 'lossAmount'
  | 'campaignCodes'
  | 'summary'
>;

const exportColumns = {
  id: cases.id,
  caseNo: cases.caseNo,
  categoryCode: cases.categoryCode,
  jurisdictionCode: cases.jurisdictionCode,
  title: cases.title,
  occurredAt: cases.occurredAt,
  reportedAt: cases.reportedAt,
  filedAt: cases.filedAt,
  solvedAt: cases.solvedAt,
  prosecutedAt: cases.prosecutedAt,
  closedAt: cases.closedAt,
  dismissedAt: cases.dismissedAt,
  dismissalReason: cases.dismissalReason,
  status: cases.status,
  supervision: cases.supervision,
  lossAmount: cases.lossAmount,
  campaignCodes: cases.campaignCodes,
  summary: cases.summary,
};

/**
 * Every matching case with the import columns (an export re-imports), in id order and in chunks
 * fetched by keyset, so memory and per-chunk cost stay flat however long the list.
 */
export async function* iterateCasesForExport(db: Executor, viewer: Viewer, filters: CaseFilters, chunk = 5000): AsyncGenerator<CaseExportRow> {
  const { others, text } = await filterConditions(db, viewer, filters);
  const conditions = text ? [...others, text] : others;
  let afterId: string | undefined;
  for (;;) {
    const page = await db
      .select(exportColumns)
      .from(cases)
      .where(and(...conditions, afterId ? sql`${cases.id} > ${afterId}` : undefined))
      .orderBy(asc(cases.id))
      .limit(chunk);
    for (const { id: _id, ...row } of page) yield row;
    if (page.length < chunk) return;
    afterId = page[page.length - 1]!.id;
  }
}
