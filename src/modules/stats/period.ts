import { DomainError, invalid } from '../../core/errors.ts';

/** A period of whole days in Beijing time, both ends included, written YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

export const COMPARISONS = ['prev', 'yoy', 'mom', 'ytd', 'd28'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const STATS_TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
const MAX_YEARS = 50;

function parseDay(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return formatDay(t) === value ? t : null;
}

export function formatDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Checks a period given by a user: valid dates, in order, not absurdly long. Field names as given. */
export function checkPeriod(period: Period, fields: { from: string; to: string } = { from: '/from', to: '/to' }): Period {
  const from = parseDay(period.from);
  const to = parseDay(period.to);
  const bad = [];
  if (from === null) bad.push({ path: fields.from, message: 'stats.bad_date' });
  if (to === null) bad.push({ path: fields.to, message: 'stats.bad_date' });
  if (bad.length) throw invalid(bad);
  if (from! > to!)
    throw new DomainError('validation', 'stats.period_reversed', [{ path: fields.from, message: 'stats.period_reversed' }], {
      from: period.from,
      to: period.to,
    });
  if (to! - from! > MAX_YEARS * 366 * DAY_MS) throw new DomainError('validation', 'stats.period_too_long', undefined, { years: MAX_YEARS });
  return period;
}

export function days(period: Period): number {
  return Math.round((parseDay(period.to)! - parseDay(period.from)!) / DAY_MS) + 1;
}

export function shiftDays(day: string, n: number): string {
  return formatDay(parseDay(day)! + n * DAY_MS);
}

/** Same calendar day `months` later (earlier if negative), clamped to the month's last day. */
export function shiftMonths(day: string, months: number, endOfMonth = false): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  const lastOfSource = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const nd = endOfMonth && d === lastOfSource ? last : Math.min(d, last);
  return formatDay(Date.UTC(ny, nm, nd));
}

/** The period a comparison looks at, and (for ytd and d28) the current period it replaces. */
export function comparisonPeriods(period: Period, kind: Comparison): { current: Period; previous: Period } {
  switch (kind) {
    case 'prev': {
      const n = days(period);
      return { current: period, previous: { from: shiftDays(period.from, -n), to: shiftDays(period.from, -1) } };
    }
    case 'yoy':
      return { current: period, previous: { from: shiftMonths(period.from, -12), to: shiftMonths(period.to, -12, true) } };
    case 'mom':
      return { current: period, previous: { from: shiftMonths(period.from, -1), to: shiftMonths(period.to, -1, true) } };
    case 'ytd': {
      const current = { from: `${period.to.slice(0, 4)}-01-01`, to: period.to };
      return { current, previous: { from: shiftMonths(current.from, -12), to: shiftMonths(current.to, -12, true) } };
    }
    case 'd28': {
      const current = { from: shiftDays(period.to, -27), to: period.to };
      return { current, previous: { from: shiftDays(current.from, -28), to: shiftDays(current.from, -1) } };
    }
  }
}

/** The instant a Beijing-time day starts. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}
