import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoETS, initSync } from '@bsull/augurs/ets';
import { DomainError } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import type { Viewer } from '../org/index.ts';
import { roundHalfAway } from './numbers.ts';
import { shiftDays, shiftMonths } from './period.ts';
import type { ScopeInput } from './scope.ts';
import { monthlySeries, type SeriesPoint } from './series.ts';

let ready = false;
/** The ETS module is WebAssembly: in Node it is instantiated once, synchronously, from its file. */
function ensureEts(): void {
  if (ready) return;
  const dir = path.dirname(fileURLToPath(import.meta.resolve('@bsull/augurs/ets')));
  initSync({ module: fs.readFileSync(path.join(dir, 'ets_bg.wasm')) });
  ready = true;
}

const SEASON = 12;
const MIN_HISTORY = 12;
const LEVEL = 0.95;

export interface ForecastPoint {
  month: string;
  value: number;
  lower: number;
  upper: number;
  baseline: number;
}
export interface BacktestError {
  mae: number;
  mape: number | null;
}

export interface Forecast {
  metric: string;
  history: SeriesPoint[];
  horizon: number;
  level: number;
  model: string;
  points: ForecastPoint[];
  /** Errors on the last `horizon` months of history, forecast from the months before them. */
  backtest: { months: number; ets: BacktestError; seasonalNaive: BacktestError; etsBeatsBaseline: boolean } | null;
}

function etsForecast(y: number[], horizon: number) {
  ensureEts();
  const model = new AutoETS(y.length >= 2 * SEASON ? SEASON : 1, 'ZZZ');
  try {
    model.fit(y);
    const f = model.predict(horizon, LEVEL);
    return { point: f.point, lower: f.intervals?.lower ?? f.point, upper: f.intervals?.upper ?? f.point };
  } finally {
    model.free();
  }
}

/** Same month last year; with less than a year of history, the last value. */
export function seasonalNaive(y: number[], horizon: number): number[] {
  return Array.from({ length: horizon }, (_, h) => (y.length >= SEASON ? y[y.length - SEASON + (h % SEASON)]! : y[y.length - 1]!));
}

function errors(actual: number[], predicted: number[]): BacktestError {
  const abs = actual.map((a, i) => Math.abs(a - predicted[i]!));
  const mae = abs.reduce((s, v) => s + v, 0) / abs.length;
  const pct = actual.map((a, i) => (a === 0 ? null : abs[i]! / Math.abs(a))).filter((v): v is number => v !== null);
  return { mae: roundHalfAway(mae, 2), mape: pct.length ? roundHalfAway((pct.reduce((s, v) => s + v, 0) / pct.length) * 100, 1) : null };
}

/** Forecast of a metric for the months after `to`, from up to five years of monthly history. */
export async function forecastMetric(
  db: Executor,
  viewer: Viewer,
  request: ScopeInput & { metric: string; to: string; horizon: number; historyMonths?: number },
): Promise<Forecast> {
  if (!Number.isInteger(request.horizon) || request.horizon < 3 || request.horizon > 12) {
    throw new DomainError('validation', 'stats.bad_horizon', [{ path: '/horizon', message: 'stats.bad_horizon' }]);
  }
  // History ends with the last whole month up to `to`.
  const lastMonthEnd =
    shiftDays(`${shiftMonths(`${request.to.slice(0, 7)}-01`, 1)}`, -1) === request.to ? request.to : shiftDays(`${request.to.slice(0, 7)}-01`, -1);
  const from = shiftMonths(`${lastMonthEnd.slice(0, 7)}-01`, -((request.historyMonths ?? 60) - 1));
  const series = await monthlySeries(db, viewer, { ...request, from, to: lastMonthEnd });
  // Drop leading months before the first record.
  const firstNonZero = series.points.findIndex((p) => (p.value ?? 0) !== 0);
  const history = firstNonZero < 0 ? [] : series.points.slice(firstNonZero);
  if (history.length < MIN_HISTORY) {
    throw new DomainError('validation', 'stats.too_short_for_forecast', undefined, { months: MIN_HISTORY });
  }
  const y = history.map((p) => p.value ?? 0);
  const h = request.horizon;
  const f = etsForecast(y, h);
  const baseline = seasonalNaive(y, h);
  const lastMonth = `${history[history.length - 1]!.month}-01`;
  const points = f.point.map((v, i) => ({
    month: shiftMonths(lastMonth, i + 1).slice(0, 7),
    value: roundHalfAway(Math.max(0, v), 2),
    lower: roundHalfAway(Math.max(0, f.lower[i]!), 2),
    upper: roundHalfAway(Math.max(0, f.upper[i]!), 2),
    baseline: roundHalfAway(baseline[i]!, 2),
  }));
  let backtest: Forecast['backtest'] = null;
  if (y.length - h >= MIN_HISTORY) {
    const train = y.slice(0, y.length - h);
    const actual = y.slice(y.length - h);
    const ets = errors(actual, etsForecast(train, h).point);
    const naive = errors(actual, seasonalNaive(train, h));
    backtest = { months: h, ets, seasonalNaive: naive, etsBeatsBaseline: ets.mae < naive.mae };
  }
  return { metric: series.metric, history, horizon: h, level: LEVEL, model: 'AutoETS (augurs)', points, backtest };
}
