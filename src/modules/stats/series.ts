import type { Executor } from '../../db/client.ts';
import type { Viewer } from '../org/index.ts';
import { evaluate, metricOrThrow } from './figures.ts';
import { checkPeriod, type Period, shiftDays, shiftMonths } from './period.ts';
import { resolveScope, type ScopeInput } from './scope.ts';

export interface SeriesPoint {
  month: string;
  from: string;
  to: string;
  value: number | null;
}
export interface Series {
  metric: string;
  points: SeriesPoint[];
}

/** Calendar months overlapping the period (the first and last cut to it). */
export function monthsOf(period: Period): Period[] {
  const months: Period[] = [];
  let start = `${period.from.slice(0, 7)}-01`;
  while (start <= period.to) {
    const next = shiftMonths(start, 1);
    const end = shiftDays(next, -1);
    months.push({ from: start < period.from ? period.from : start, to: end > period.to ? period.to : end });
    start = next;
  }
  return months;
}

/** The metric month by month over the period (at most 20 years of months). */
export async function monthlySeries(
  db: Executor,
  viewer: Viewer,
  request: ScopeInput & { metric: string; from: string; to: string },
): Promise<Series> {
  const metric = metricOrThrow(request.metric);
  const period = checkPeriod({ from: request.from, to: request.to });
  const scope = await resolveScope(db, viewer, request);
  const months = monthsOf(period).slice(-240);
  const values = await evaluate(db, scope, metric, months);
  return { metric: metric.code, points: months.map((m, i) => ({ month: m.from.slice(0, 7), from: m.from, to: m.to, value: values[i]!.value })) };
}
