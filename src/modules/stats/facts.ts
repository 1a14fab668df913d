import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { NATIONAL_CODE } from '../org/index.ts';
import { dayStart, shiftDays, shiftMonths } from './period.ts';
import type { ResolvedScope } from './scope.ts';

/** A window of days; `from: null` means since the beginning of the records. */
export interface Window {
  from: string | null;
  to: string;
}

/** Per window: number of facts and sum of their values, split by breakdown value. */
export type FactTotals = Array<Map<string, { n: number; total: number }>>;

/**
 * How facts are grouped besides their breakdown value: not at all (key ''), by child jurisdiction
 * of the scope (key: the child's code; the choropleth), or by campaign code (key: the code).
 */
export type Grouping = 'none' | 'children' | 'campaigns';

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

function dimCondition(column: SQL, dims: readonly string[] | undefined): SQL {
  if (!dims) return sql`true`;
  return sql`${column} in (${sql.join(
    dims.map((d) => sql`${d}`),
    sql`, `,
  )})`;
}

/** A window as whole months (from stats_monthly) and the days at its edges (from stats_daily). */
interface Split {
  months: [string, string] | null;
  days: Array<[string | null, string]>;
}

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
const lastOfMonth = (day: string) => shiftDays(shiftMonths(firstOfMonth(day), 1), -1);

function split(w: Window): Split {
  const monthFrom = w.from === null ? null : w.from === firstOfMonth(w.from) ? w.from : shiftMonths(firstOfMonth(w.from), 1);
  const monthTo = w.to === lastOfMonth(w.to) ? firstOfMonth(w.to) : shiftMonths(firstOfMonth(w.to), -1);
  if (monthFrom !== null && monthFrom > monthTo) return { months: null, days: [[w.from, w.to]] };
  const days: Array<[string | null, string]> = [];
  if (w.from !== null && monthFrom !== w.from) days.push([w.from, shiftDays(monthFrom!, -1)]);
  if (w.to !== lastOfMonth(w.to)) days.push([firstOfMonth(w.to), w.to]);
  return { months: [monthFrom ?? '0001-01-01', monthTo], days };
}

const dayRange = (column: SQL, [from, to]: [string | null, string]) =>
  from === null ? sql`${column} <= ${to}::date` : sql`${column} between ${from}::date and ${to}::date`;

/** Daily and monthly rollup rows of one fact for a scope, with per-window sums. */
function rollupQuery(scope: ResolvedScope, fact: string, dims: readonly string[] | undefined, windows: Window[], grouping: Grouping): SQL | null {
  const byChild = grouping === 'children';
  const splits = windows.map(split);
  const allMonths = splits.flatMap((s) => (s.months ? [s.months] : []));
  const allDays = splits.flatMap((s) => s.days);
  const category = scope.category ? sql`(s.category_code = ${scope.category} or s.category_code like ${`${scope.category}.%`})` : sql`true`;
  const parts: SQL[] = [];
  if (allMonths.length) {
    const from = allMonths.map((m) => m[0]).reduce((a, b) => (a < b ? a : b));
    const to = allMonths.map((m) => m[1]).reduce((a, b) => (a > b ? a : b));
    // The monthly rollup counts every fact under each ancestor too: a child's row is its subtree.
    const jurisdiction = byChild
      ? sql`s.jurisdiction_code in (select code from jurisdictions where parent_code = ${scope.jurisdiction})`
      : sql`s.jurisdiction_code = ${scope.jurisdiction}`;
    parts.push(sql`select 'm' as src, ${byChild ? sql`s.jurisdiction_code` : sql`''`}::text as k, s.month as d, s.dim, s.n, s.total from stats_monthly s
      where s.metric = ${fact} and ${jurisdiction} and s.month between ${from}::date and ${to}::date and ${category} and ${dimCondition(sql`s.dim`, dims)}`);
  }
  if (allDays.length) {
    // The daily rollup holds each fact under its own jurisdiction only: a child is found through the closure.
    const jurisdiction = byChild
      ? sql`true`
      : scope.jurisdiction === NATIONAL_CODE
        ? sql`true`
        : sql`s.jurisdiction_code in (select descendant_code from jurisdiction_ancestors where ancestor_code = ${scope.jurisdiction})`;
    const childJoin = byChild
      ? sql`join jurisdiction_ancestors a on a.descendant_code = s.jurisdiction_code
            join jurisdictions c on c.code = a.ancestor_code and c.parent_code = ${scope.jurisdiction}`
      : sql``;
    parts.push(sql`select 'd' as src, ${byChild ? sql`a.ancestor_code` : sql`''`}::text as k, s.day as d, s.dim, s.n, s.total from stats_daily s ${childJoin}
      where s.metric = ${fact} and (${sql.join(
        allDays.map((r) => dayRange(sql`s.day`, r)),
        sql` or `,
      )}) and ${jurisdiction} and ${category} and ${dimCondition(sql`s.dim`, dims)}`);
  }
  if (!parts.length) return null;
  const columns = splits.flatMap((sp, i) => {
    const inWindow: SQL[] = [];
    if (sp.months) inWindow.push(sql`(x.src = 'm' and x.d between ${sp.months[0]}::date and ${sp.months[1]}::date)`);
    for (const r of sp.days) inWindow.push(sql`(x.src = 'd' and ${dayRange(sql`x.d`, r)})`);
    const where = inWindow.length ? sql.join(inWindow, sql` or `) : sql`false`;
    return [
      sql`coalesce(sum(x.n) filter (where ${where}), 0)::float8 as ${sql.raw(`n${i}`)}`,
      sql`coalesce(sum(x.total) filter (where ${where}), 0)::float8 as ${sql.raw(`t${i}`)}`,
    ];
  });
  return sql`select x.k, x.dim, ${sql.join(columns, sql`, `)} from (${sql.join(parts, sql` union all `)}) x group by x.k, x.dim`;
}

/**
 * Counts and sums one kind of fact over several windows in one query: from the rollups when the
 * scope allows (whole months from stats_monthly, edge days from stats_daily), otherwise from the
 * records themselves (the view stats_facts).
 */
export async function factTotals(
  db: Executor,
  scope: ResolvedScope,
  fact: string,
  dims: readonly string[] | undefined,
  windows: Window[],
  options: { plain?: boolean } = {},
): Promise<FactTotals> {
  const grouped = await groupedFactTotals(db, scope, fact, dims, windows, 'none', options);
  return grouped.get('') ?? windows.map(() => new Map());
}

/**
 * Like factTotals, grouped by child jurisdiction or campaign, still in one query whatever the
 * number of groups. Campaigns are not in the rollups, so they are always counted from the records.
 */
export async function groupedFactTotals(
  db: Executor,
  scope: ResolvedScope,
  fact: string,
  dims: readonly string[] | undefined,
  windows: Window[],
  grouping: Grouping,
  options: { plain?: boolean } = {},
): Promise<Map<string, FactTotals>> {
  let query: SQL | null;
  if (scope.useRollup && !options.plain && grouping !== 'campaigns') {
    query = rollupQuery(scope, fact, dims, windows, grouping);
  } else {
    const starts = windows.map((w) => w.from);
    const min = starts.includes(null) ? null : starts.reduce((a, b) => (a! < b! ? a : b));
    const max = windows.map((w) => w.to).reduce((a, b) => (a > b ? a : b));
    const columns = windows.flatMap((w, i) => {
      const end = dayStart(shiftDays(w.to, 1));
      const inWindow = w.from === null ? sql`f.at < ${end}` : sql`f.at >= ${dayStart(w.from)} and f.at < ${end}`;
      return [
        sql`(count(*) filter (where ${inWindow}))::float8 as ${sql.raw(`n${i}`)}`,
        sql`coalesce(sum(f.value) filter (where ${inWindow}), 0)::float8 as ${sql.raw(`t${i}`)}`,
      ];
    });
    const conditions: SQL[] = [
      sql`f.metric = ${fact}`,
      sql`f.at < ${dayStart(shiftDays(max, 1))}`,
      dimCondition(sql`f.dim`, dims),
      ...plainScope(scope),
    ];
    if (min !== null) conditions.push(sql`f.at >= ${dayStart(min)}`);
    const [key, join] =
      grouping === 'children'
        ? [
            sql`a.ancestor_code`,
            sql`join jurisdiction_ancestors a on a.descendant_code = f.jurisdiction_code
            join jurisdictions c on c.code = a.ancestor_code and c.parent_code = ${scope.jurisdiction}`,
          ]
        : grouping === 'campaigns'
          ? [sql`g.code`, sql`cross join lateral unnest(f.campaign_codes) as g(code)`]
          : [sql`''`, sql``];
    query = sql`select ${key}::text as k, f.dim, ${sql.join(columns, sql`, `)} from stats_facts f ${join} where ${sql.join(conditions, sql` and `)} group by 1, f.dim`;
  }
  const result = query ? rows<Record<string, number | string>>(await db.execute(query)) : [];
  const byKey = new Map<string, FactTotals>();
  for (const r of result) {
    const key = String(r.k);
    let totals = byKey.get(key);
    if (!totals) byKey.set(key, (totals = windows.map(() => new Map())));
    totals.forEach((m, i) => m.set(String(r.dim), { n: Number(r[`n${i}`]), total: Number(r[`t${i}`]) }));
  }
  return byKey;
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
