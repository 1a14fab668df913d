import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { campaignNames } from '../campaigns/index.ts';
import { campaignName } from '../cases/index.ts';
import type { Viewer } from '../org/index.ts';
import type { Grouping } from './facts.ts';
import { compareEvaluations, evaluateGrouped, type FigureComparison, type FigureRequest, metricOrThrow } from './figures.ts';
import { type Text, UNITS, type Unit } from './metrics.ts';
import { DEFAULT_ROUNDING, type Rounding } from './numbers.ts';
import { checkPeriod, comparisonPeriods } from './period.ts';
import { resolveScope } from './scope.ts';

/** One group's figure: a child jurisdiction (the choropleth) or a campaign. */
export interface GroupFigure {
  code: string;
  name: Text;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comparison: FigureComparison | null;
}

export interface GroupFigures {
  metric: string;
  version: number;
  name: Text;
  unit: Unit;
  unitName: Text;
  grouping: Exclude<Grouping, 'none'>;
  scope: { jurisdiction: string; jurisdictionName: Text; level: string; category: string | null; campaign: string | null; from: string; to: string };
  items: GroupFigure[];
}

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * A metric for every child jurisdiction of the scope (`grouping: 'children'`, every child listed,
 * zero when it has no records) or for every campaign with records in the scope (`'campaigns'`,
 * largest first), each with its comparison. One query per fact the metric involves, however many
 * groups there are; scope checks as for a single figure (404 outside the viewer's jurisdiction).
 */
export async function groupFigures(
  db: Executor,
  viewer: Viewer,
  request: FigureRequest,
  grouping: Exclude<Grouping, 'none'>,
  rounding: Rounding = DEFAULT_ROUNDING,
  options: { plain?: boolean } = {},
): Promise<GroupFigures> {
  const metric = metricOrThrow(request.metric);
  const period = checkPeriod({ from: request.from, to: request.to });
  const scope = await resolveScope(db, viewer, request);
  const [self] = rows<{ level: string }>(await db.execute(sql`select level from jurisdictions where code = ${scope.jurisdiction}`));
  const periods = request.compare ? comparisonPeriods(period, request.compare) : { current: period, previous: null };
  const windows = periods.previous ? [periods.current, periods.previous] : [periods.current];
  let groups: Array<{ code: string; name: Text }> | null = null;
  if (grouping === 'children') {
    groups = rows<{ code: string; name_zh: string; name_en: string }>(
      await db.execute(sql`
      select code, name_zh, name_en from jurisdictions where parent_code = ${scope.jurisdiction} order by code`),
    ).map((c) => ({ code: c.code, name: { zh: c.name_zh, en: c.name_en } }));
  }
  const evaluations = await evaluateGrouped(db, scope, metric, windows, grouping, groups ? groups.map((g) => g.code) : null, rounding, options);
  if (!groups) {
    // Campaigns by the names they were given (the campaigns module); a code no campaign carries yet, by the built-in list.
    const codes = [...evaluations.keys()];
    const names = await campaignNames(db, codes);
    groups = codes.map((code) => ({ code, name: names.get(code) ?? campaignName(code) }));
  }
  const items = groups.map((g) => {
    const [current, previous] = evaluations.get(g.code)!;
    return {
      ...g,
      value: current!.value,
      numerator: current!.numerator,
      denominator: current!.denominator,
      comparison: compareEvaluations(metric, periods, request.compare, current!, previous, rounding),
    };
  });
  if (grouping === 'campaigns') items.sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.code.localeCompare(b.code));
  return {
    metric: metric.code,
    version: metric.version,
    name: metric.name,
    unit: metric.unit,
    unitName: UNITS[metric.unit],
    grouping,
    scope: {
      jurisdiction: scope.jurisdiction,
      jurisdictionName: scope.jurisdictionName,
      level: self?.level ?? '',
      category: scope.category,
      campaign: scope.campaign,
      from: periods.current.from,
      to: periods.current.to,
    },
    items,
  };
}
