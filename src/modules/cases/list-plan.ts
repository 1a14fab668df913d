import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { cases } from './schema.ts';

/**
 * How many matches the case list counts one by one. Counting every case of a province (440,000 of
 * 1M) took longer than the page itself; above this the list says "about N" with the planner's
 * estimate, as large systems do.
 */
export const EXACT_TOTAL_UP_TO = 10_000;

/** How many matches a text search that walks the reported_at index counts one by one, when it counts. */
const TEXT_COUNT_UP_TO = 1_000;

export interface ListTotal {
  total: number;
  /** True when `total` is the planner's estimate (two significant digits), not a count. */
  totalIsEstimate: boolean;
}

/** Rows the planner expects `select … from cases where <where>` to return (EXPLAIN, nothing executed). */
export async function plannedRows(db: Executor, where: SQL | undefined): Promise<number> {
  const result = await db.execute(sql`explain (format json) ${db.select({ one: sql`1` }).from(cases).where(where)}`);
  const [row] = (result as unknown as { rows: Array<Record<string, unknown>> }).rows;
  const cell = row?.['QUERY PLAN'];
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as Array<{ Plan: { 'Plan Rows': number } }>;
  return Math.round(plan[0]?.Plan['Plan Rows'] ?? 0);
}

/** Matches counted up to `limit + 1`: reading stops there, whatever the number of matches. */
export async function countUpTo(db: Executor, where: SQL | undefined, limit: number): Promise<number> {
  const capped = db
    .select({ one: sql`1`.as('one') })
    .from(cases)
    .where(where)
    .limit(limit + 1)
    .as('capped');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return row?.n ?? 0;
}

const twoDigits = (n: number) => {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(n, 1))) - 1);
  return Math.round(n / unit) * unit;
};

/**
 * The list's total from what is known: a page that is not full ends the list, so its total is exact;
 * so is a count that stopped below its limit. Otherwise the estimate (at least what a count saw),
 * never fewer than the pages up to this one show.
 */
export function listTotal(
  page: { offset: number; shown: number; pageSize: number },
  planned: number,
  counted?: { n: number; limit: number },
): ListTotal {
  const seen = page.offset + page.shown;
  if (page.shown < page.pageSize && (page.shown > 0 || page.offset === 0)) return { total: seen, totalIsEstimate: false };
  if (counted && counted.n <= counted.limit) return { total: counted.n, totalIsEstimate: false };
  return { total: Math.max(twoDigits(Math.max(planned, counted?.n ?? 0)), seen), totalIsEstimate: true };
}

const tableRows = new WeakMap<Executor, { n: number; at: number }>();

/** The planner's count of cases (pg_class.reltuples, kept current by ANALYZE), looked up once a minute per database. */
async function casesInTable(db: Executor): Promise<number> {
  const known = tableRows.get(db);
  if (known && Date.now() - known.at < 60_000) return known.n;
  const result = await db.execute(sql`select greatest(reltuples, 0)::float8 as n from pg_class where oid = 'cases'::regclass`);
  const n = Number((result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0);
  tableRows.set(db, { n, at: Date.now() });
  return n;
}

/**
 * How a text search reads its page, from the planner's estimates of the matches (all conditions),
 * of the text matches alone and of the cases the other conditions select:
 * - walk the reported_at index, newest first, until the page is full: about page end × cases ÷
 *   matches rows read one by one (cheap when matches are dense);
 * - or gather every match through bitmaps (the search index, ANDed with the jurisdiction or other
 *   indexes when that pays) and sort them: about a tenth of a row per index entry of the other
 *   conditions plus three rows' cost per match read from a bitmap, or the text matches alone.
 * The planner left to itself walked the index through 30,000 cases of a city for its 1,400 matches
 * of 盗掘 (150 ms on a loaded machine; the gathering took 80) and would walk the whole country for a
 * rare word; forced to bitmaps it ANDed 440,000-entry bitmaps for a province's 墓 (430 ms; the walk 27).
 */
export async function gathersTextMatches(db: Executor, all: SQL | undefined, others: SQL | undefined, text: SQL, pageEnd: number) {
  const [planned, selected, textMatches, table] = await Promise.all([
    plannedRows(db, all),
    others ? plannedRows(db, others) : Promise.resolve(undefined),
    plannedRows(db, text),
    casesInTable(db),
  ]);
  const rowsPerMatch = Math.max(table, planned) / Math.max(planned, 1);
  const gather = Math.min(3 * textMatches, selected === undefined ? Infinity : selected / 10 + 3 * planned);
  return {
    gather: gather < pageEnd * rowsPerMatch,
    planned,
    // A walk counts its matches (up to 1,000) only when that reads few rows: a small table, or dense matches.
    countUpTo: TEXT_COUNT_UP_TO * rowsPerMatch <= 20_000 ? TEXT_COUNT_UP_TO : undefined,
  };
}
