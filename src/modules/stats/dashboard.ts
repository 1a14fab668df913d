import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Viewer } from '../org/index.ts';
import { type Figure, figureFor, metricOrThrow } from './figures.ts';
import { groupFigures } from './groups.ts';
import { METRICS, type Text } from './metrics.ts';
import { DEFAULT_ROUNDING } from './numbers.ts';
import { type Comparison, checkPeriod } from './period.ts';
import { resolveScope, type ScopeInput } from './scope.ts';

export interface DashboardRequest extends ScopeInput {
  from: string;
  to: string;
  compare?: Comparison | undefined;
  metrics?: string[] | undefined;
  /**
   * Metric split by child jurisdiction and category (default cases_solved). The campaign breakdown
   * is counted from the records (no campaign rollup), so it is its own call: GET /api/stats/by-campaign.
   */
  breakdownMetric?: string | undefined;
}

export interface Breakdown {
  code: string;
  name: Text;
  value: number | null;
}

export interface Dashboard {
  figures: Figure[];
  breakdownMetric: string;
  byJurisdiction: Breakdown[];
  byCategory: Breakdown[];
}

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** The CompStat table: key metrics with their comparison, and one metric split by child jurisdiction and category. */
export async function dashboard(db: Executor, viewer: Viewer, request: DashboardRequest, options: { plain?: boolean } = {}): Promise<Dashboard> {
  const period = checkPeriod({ from: request.from, to: request.to });
  const metrics = (request.metrics ?? METRICS.filter((m) => m.key).map((m) => m.code)).map((code) => metricOrThrow(code, '/metrics'));
  const scope = await resolveScope(db, viewer, request);
  const compare = request.compare ?? 'yoy';
  const figures = await Promise.all(metrics.map((m) => figureFor(db, scope, m, period, compare, DEFAULT_ROUNDING, options)));
  const breakdownMetric = metricOrThrow(request.breakdownMetric ?? 'cases_solved', '/breakdownMetric');
  const categoryParent = scope.category;
  const categories = rows<{ code: string; name_zh: string; name_en: string }>(
    await db.execute(
      categoryParent
        ? sql`select code, name_zh, name_en from case_categories where parent_code = ${categoryParent} order by sort_order, code`
        : sql`select code, name_zh, name_en from case_categories where parent_code is null order by sort_order, code`,
    ),
  );
  const breakdownRequest = { ...request, metric: breakdownMetric.code, compare: undefined };
  const children = await groupFigures(db, viewer, breakdownRequest, 'children', DEFAULT_ROUNDING, options);
  const byJurisdiction = children.items.map((c) => ({ code: c.code, name: c.name, value: c.value }));
  const byCategory = await Promise.all(
    categories.map(async (c) => {
      const figure = await figureFor(db, { ...scope, category: c.code }, breakdownMetric, period, undefined, DEFAULT_ROUNDING, options);
      return { code: c.code, name: { zh: c.name_zh, en: c.name_en }, value: figure.value };
    }),
  );
  return { figures, breakdownMetric: breakdownMetric.code, byJurisdiction, byCategory };
}

/**
 * The latest month in which a case was filed in the viewer's jurisdiction (the monthly rollup
 * counts every case under all its ancestors, so this is one indexed read), or null when none was.
 * The dashboard opens on the last full year with records rather than on an empty year.
 */
export async function latestRecordedMonth(db: Executor, viewer: Viewer): Promise<string | null> {
  const [row] = rows<{ month: string | Date | null }>(
    await db.execute(sql`
    select max(month) as month from stats_monthly
     where metric = 'cases_filed' and jurisdiction_code = ${viewer.jurisdictionCode} and n > 0`),
  );
  const month = row?.month ?? null;
  if (month === null) return null;
  return typeof month === 'string' ? month.slice(0, 10) : month.toISOString().slice(0, 10);
}
