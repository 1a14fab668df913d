import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { NATIONAL_CODE } from '../org/index.ts';
import { dayStart, shiftDays } from './period.ts';
import type { ResolvedScope } from './scope.ts';

/** A window of days; `from: null` means since the beginning of the records. */
export interface Window { from: string | null; to: string }

/** Per window: number of facts and sum of their values, split by breakdown value. */
export type FactTotals = Array<Map<string, { n: number; total: number }>>;

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

function dimCondition(column: SQL, dims: readonly string[] | undefined): SQL {
  if (!dims) return sql`true`;
  return sql`${column} in (${sql.join(dims.map((d) => sql`${d}`), sql`, `)})`;
}

/**
 * Counts and sums one kind of fact over several windows in one query: from the daily rollup when
 * the scope allows, otherwise from the records themselves (the view stats_facts).
 */
export async function factTotals(db: Executor, scope: ResolvedScope, fact: string, dims: readonly string[] | undefined, windows: Window[], options: { plain?: boolean } = {}): Promise<FactTotals> {
  const starts = windows.map((w) => w.from);
  const min = starts.includes(null) ? null : starts.reduce((a, b) => (a! < b! ? a : b));
  const max = windows.map((w) => w.to).reduce((a, b) => (a > b ? a : b));
  const useRollup = scope.useRollup && !options.plain;
  const columns: SQL[] = [];
  windows.forEach((w, i) => {
    if (useRollup) {
      const inWindow = w.from === null ? sql`s.day <= ${w.to}::date` : sql`s.day between ${w.from}::date and ${w.to}::date`;
      columns.push(sql`coalesce(sum(s.n) filter (where ${inWindow}), 0)::float8 as ${sql.raw(`n${i}`)}`);
      columns.push(sql`coalesce(sum(s.total) filter (where ${inWindow}), 0)::float8 as ${sql.raw(`t${i}`)}`);
    } else {
      const end = dayStart(shiftDays(w.to, 1));
      const inWindow = w.from === null ? sql`f.at < ${end}` : sql`f.at >= ${dayStart(w.from)} and f.at < ${end}`;
      columns.push(sql`(count(*) filter (where ${inWindow}))::float8 as ${sql.raw(`n${i}`)}`);
      columns.push(sql`coalesce(sum(f.value) filter (where ${inWindow}), 0)::float8 as ${sql.raw(`t${i}`)}`);
    }
  });
  let query: SQL;
  if (useRollup) {
    const conditions: SQL[] = [sql`s.metric = ${fact}`, sql`s.day <= ${max}::date`, dimCondition(sql`s.dim`, dims)];
    if (min !== null) conditions.push(sql`s.day >= ${min}::date`);
    if (scope.jurisdiction !== NATIONAL_CODE) {
      conditions.push(sql`s.jurisdiction_code in (select descendant_code from jurisdiction_ancestors where ancestor_code = ${scope.jurisdiction})`);
    }
    if (scope.category) conditions.push(sql`(s.category_code = ${scope.category} or s.category_code like ${`${scope.category}.%`})`);
    query = sql`select s.dim, ${sql.join(columns, sql`, `)} from stats_daily s where ${sql.join(conditions, sql` and `)} group by s.dim`;
  } else {
    const conditions: SQL[] = [sql`f.metric = ${fact}`, sql`f.at < ${dayStart(shiftDays(max, 1))}`, dimCondition(sql`f.dim`, dims), ...plainScope(scope)];
    if (min !== null) conditions.push(sql`f.at >= ${dayStart(min)}`);
    query = sql`select f.dim, ${sql.join(columns, sql`, `)} from stats_facts f where ${sql.join(conditions, sql` and `)} group by f.dim`;
  }
  const result = rows<Record<string, number | string>>(await db.execute(query));
  return windows.map((_, i) => new Map(result.map((r) => [String(r.dim), { n: Number(r[`n${i}`]), total: Number(r[`t${i}`]) }])));
}

/** The scope as conditions on stats_facts (alias f). */
export function plainScope(scope: ResolvedScope): SQL[] {
  const conditions: SQL[] = [];
  if (scope.jurisdiction !== NATIONAL_CODE) {
    conditions.push(sql`f.jurisdiction_code in (select descendant_code from jurisdiction_ancestors where ancestor_code = ${scope.jurisdiction})`);
  }
  if (scope.category) conditions.push(sql`(f.category_code = ${scope.category} or f.category_code like ${`${scope.category}.%`})`);
  if (scope.campaign) conditions.push(sql`${scope.campaign} = any(f.campaign_codes)`);
  if (scope.agencyId) conditions.push(sql`f.agency_id = ${scope.agencyId}`);
  return conditions;
}
