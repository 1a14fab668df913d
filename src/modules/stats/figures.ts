import { DomainError } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import type { Viewer } from '../org/index.ts';
import { type FactTotals, type Grouping, groupedFactTotals, type Window } from './facts.ts';
import { findMetric, type MetricDefinition, type Text, UNITS, type Unit } from './metrics.ts';
import { changePercent, DEFAULT_ROUNDING, type Rounding, roundHalfAway } from './numbers.ts';
import { type Comparison, checkPeriod, comparisonPeriods, days, type Period, shiftDays } from './period.ts';
import { type ResolvedScope, resolveScope, type ScopeInput } from './scope.ts';
import { NOT_TESTED, poissonTest, proportionTest, type Significance } from './significance.ts';

/** A metric's value for one window, with what it was formed from. */
export interface Evaluation {
  value: number | null;
  /** For counts: the count (the significance test needs it). */
  count: number | null;
  numerator: number | null;
  denominator: number | null;
  breakdown: Array<{ dim: string; value: number }>;
}

export interface FigureComparison {
  kind: Comparison;
  period: Period;
  previous: number | null;
  difference: number | null;
  changePct: number | null;
  significance: Significance;
}

export interface Figure {
  metric: string;
  version: number;
  name: Text;
  unit: Unit;
  unitName: Text;
  definition: Text;
  source: string;
  scope: {
    jurisdiction: string;
    jurisdictionName: Text;
    category: string | null;
    categoryName: Text | null;
    campaign: string | null;
    from: string;
    to: string;
  };
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  breakdown: Array<{ dim: string; name: Text; value: number; previous: number | null }>;
  comparison: FigureComparison | null;
  /** Whether the daily rollup answered (false: counted from the records). */
  fromRollup: boolean;
}

export interface FigureRequest extends ScopeInput {
  metric: string;
  from: string;
  to: string;
  compare?: Comparison | undefined;
}

export function metricOrThrow(code: string, path = '/metric'): MetricDefinition {
  const metric = findMetric(code);
  if (!metric) throw new DomainError('validation', 'stats.unknown_metric', [{ path, message: 'stats.unknown_metric' }], { metric: code });
  return metric;
}

const windowOf = (p: Period): Window => ({ from: p.from, to: p.to });

/** Evaluates a metric over several windows for one scope (one query per fact involved). */
export async function evaluate(
  db: Executor,
  scope: ResolvedScope,
  metric: MetricDefinition,
  windows: Period[],
  rounding: Rounding = DEFAULT_ROUNDING,
  options: { plain?: boolean } = {},
): Promise<Evaluation[]> {
  const grouped = await evaluateGrouped(db, scope, metric, windows, 'none', [''], rounding, options);
  return grouped.get('')!;
}

/**
 * Evaluates a metric over several windows for every group of a scope (child jurisdiction or
 * campaign) at once: one query per fact involved, whatever the number of groups. `keys` are the
 * groups to answer for (groups without facts count zero); null: those that have facts.
 */
export async function evaluateGrouped(
  db: Executor,
  scope: ResolvedScope,
  metric: MetricDefinition,
  windows: Period[],
  grouping: Grouping,
  keys: string[] | null,
  rounding: Rounding = DEFAULT_ROUNDING,
  options: { plain?: boolean } = {},
): Promise<Map<string, Evaluation[]>> {
  const rule = metric.rule;
  const blank = (): Evaluation => ({ value: null, count: null, numerator: null, denominator: null, breakdown: [] });
  const none = (): FactTotals => windows.map(() => new Map());
  const totals = (fact: string, dims: readonly string[] | undefined, w: Window[] = windows.map(windowOf)) =>
    groupedFactTotals(db, scope, fact, dims, w, grouping, options);
  const keysOf = (...maps: Array<Map<string, unknown>>) => keys ?? [...new Set(maps.flatMap((m) => [...m.keys()]))];
  const result = new Map<string, Evaluation[]>();
  switch (rule.kind) {
    case 'count': {
      const grouped = await totals(rule.fact, rule.dims);
      for (const key of keysOf(grouped)) {
        result.set(
          key,
          (grouped.get(key) ?? none()).map((byDim) => {
            const count = [...byDim.values()].reduce((s, v) => s + v.n, 0);
            const breakdown = metric.breakdown ? Object.keys(metric.breakdown).map((dim) => ({ dim, value: byDim.get(dim)?.n ?? 0 })) : [];
            return { ...blank(), value: count, count, breakdown };
          }),
        );
      }
      return result;
    }
    case 'sum': {
      const dims = Object.keys(rule.dims);
      const grouped = await totals(rule.fact, dims);
      for (const key of keysOf(grouped)) {
        result.set(
          key,
          (grouped.get(key) ?? none()).map((byDim) => {
            const value = dims.reduce((s, d) => s + (byDim.get(d)?.total ?? 0) * rule.dims[d]!, 0);
            return { ...blank(), value: roundHalfAway(value, metric.unit === 'piece' ? 0 : rounding.amount) };
          }),
        );
      }
      return result;
    }
    case 'rate': {
      const [num, den] = await Promise.all([
        evaluateGrouped(db, scope, metricOrThrow(rule.numerator), windows, grouping, keys, rounding, options),
        evaluateGrouped(db, scope, metricOrThrow(rule.denominator), windows, grouping, keys, rounding, options),
      ]);
      for (const key of keysOf(num, den)) {
        result.set(
          key,
          windows.map((_, i) => rateOf(num.get(key)?.[i]?.value ?? 0, den.get(key)?.[i]?.value ?? 0, rounding)),
        );
      }
      return result;
    }
    case 'stock_rate': {
      const [num, added, removed] = await Promise.all([
        evaluateGrouped(db, scope, metricOrThrow(rule.numerator), windows, grouping, keys, rounding, options),
        totals(
          metricFact(rule.added),
          undefined,
          windows.map((w) => ({ from: null, to: w.to })),
        ),
        totals(
          metricFact(rule.removed),
          undefined,
          windows.map((w) => ({ from: null, to: shiftDays(w.from, -1) })),
        ),
      ]);
      const sumN = (m: Map<string, { n: number }> | undefined) => [...(m?.values() ?? [])].reduce((s, v) => s + v.n, 0);
      for (const key of keysOf(num, added)) {
        result.set(
          key,
          windows.map((_, i) => rateOf(num.get(key)?.[i]?.value ?? 0, sumN(added.get(key)?.[i]) - sumN(removed.get(key)?.[i]), rounding)),
        );
      }
      return result;
    }
  }
}

function metricFact(code: string): string {
  const rule = metricOrThrow(code).rule;
  if (rule.kind !== 'count') throw new Error(`metric ${code} is not a count`);
  return rule.fact;
}

function rateOf(numerator: number, denominator: number, rounding: Rounding): Evaluation {
  return {
    value: denominator > 0 ? roundHalfAway((numerator / denominator) * 100, rounding.rate) : null,
    count: null,
    numerator,
    denominator,
    breakdown: [],
  };
}

function significanceOf(
  metric: MetricDefinition,
  current: Evaluation,
  previous: Evaluation,
  currentDays: number,
  previousDays: number,
): Significance {
  if (metric.rule.kind === 'count') return poissonTest(current.count ?? 0, previous.count ?? 0, currentDays, previousDays);
  if (metric.rule.kind === 'rate' || metric.rule.kind === 'stock_rate') {
    return proportionTest(current.numerator ?? 0, current.denominator ?? 0, previous.numerator ?? 0, previous.denominator ?? 0);
  }
  return NOT_TESTED;
}

/** Difference rounded like the values it is the difference of. */
function differenceOf(metric: MetricDefinition, a: number | null, b: number | null, rounding: Rounding): number | null {
  if (a === null || b === null) return null;
  const digits = metric.unit === 'percent' ? rounding.rate : metric.rule.kind === 'sum' ? rounding.amount : 0;
  return roundHalfAway(a - b, digits);
}

/** The comparison of a current and a previous evaluation: difference, change and significance. */
export function compareEvaluations(
  metric: MetricDefinition,
  periods: { current: Period; previous: Period | null },
  compare: Comparison | undefined,
  current: Evaluation,
  previous: Evaluation | undefined,
  rounding: Rounding,
): FigureComparison | null {
  if (!periods.previous || !previous || !compare) return null;
  return {
    kind: compare,
    period: periods.previous,
    previous: previous.value,
    difference: differenceOf(metric, current.value, previous.value, rounding),
    changePct: current.value !== null && previous.value !== null ? changePercent(current.value, previous.value, rounding.changePct) : null,
    significance: significanceOf(metric, current, previous, days(periods.current), days(periods.previous)),
  };
}

/** A metric for a resolved scope and period, with its comparison. */
export async function figureFor(
  db: Executor,
  scope: ResolvedScope,
  metric: MetricDefinition,
  period: Period,
  compare: Comparison | undefined,
  rounding: Rounding = DEFAULT_ROUNDING,
  options: { plain?: boolean } = {},
): Promise<Figure> {
  const periods = compare ? comparisonPeriods(period, compare) : { current: period, previous: null };
  const windows = periods.previous ? [periods.current, periods.previous] : [periods.current];
  const [current, previous] = await evaluate(db, scope, metric, windows, rounding, options);
  const labels = metric.breakdown ?? {};
  const comparison = compareEvaluations(metric, periods, compare, current!, previous, rounding);
  return {
    metric: metric.code,
    version: metric.version,
    name: metric.name,
    unit: metric.unit,
    unitName: UNITS[metric.unit],
    definition: metric.counts,
    source: metric.source,
    scope: {
      jurisdiction: scope.jurisdiction,
      jurisdictionName: scope.jurisdictionName,
      category: scope.category,
      categoryName: scope.categoryName,
      campaign: scope.campaign,
      from: periods.current.from,
      to: periods.current.to,
    },
    value: current!.value,
    numerator: current!.numerator,
    denominator: current!.denominator,
    breakdown: current!.breakdown.map((b, i) => ({
      dim: b.dim,
      name: labels[b.dim] ?? { zh: b.dim, en: b.dim },
      value: b.value,
      previous: previous?.breakdown[i]?.value ?? null,
    })),
    comparison,
    fromRollup: scope.useRollup && !options.plain,
  };
}

/** One figure as a user asks for it: checks the metric, the period and the scope (404 outside it). */
export async function computeFigure(db: Executor, viewer: Viewer, request: FigureRequest, rounding: Rounding = DEFAULT_ROUNDING): Promise<Figure> {
  const metric = metricOrThrow(request.metric);
  const period = checkPeriod({ from: request.from, to: request.to });
  const scope = await resolveScope(db, viewer, request);
  return figureFor(db, scope, metric, period, request.compare, rounding);
}

/** The shape the command line prints (issue 4): one line per figure. */
export function figureSummary(figure: Figure) {
  return {
    metric: figure.metric,
    scope: {
      jurisdiction: figure.scope.jurisdiction,
      category: figure.scope.category,
      campaign: figure.scope.campaign,
      from: figure.scope.from,
      to: figure.scope.to,
    },
    value: figure.value,
    unit: figure.unit,
    previous: figure.comparison?.previous ?? null,
    difference: figure.comparison?.difference ?? null,
    change_pct: figure.comparison?.changePct ?? null,
    significant: figure.comparison?.significance.significant ?? null,
  };
}
