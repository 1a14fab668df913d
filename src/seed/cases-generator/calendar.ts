// Time for the cases generator: epoch seconds in Beijing time (UTC+8). A period is two years of reports and the moment
// the data is "as of" (later events — filings, solves, captures — are not yet known). Maps a uniform draw to a report
// time with seasonality, holidays and office hours.
import { localDate } from '../cases-generator-text.ts';

export const DAY = 86_400;
export const HOUR = 3600;
const BEIJING = 8 * HOUR;

export interface Period {
  /** First second of the first day (Beijing midnight). */
  start: number;
  days: number;
  /** Last second whose events are known. */
  asOf: number;
}

/** The benchmark and test period: reports over 2019–2020, data as of mid-2021 (the seed reports' years). */
export const SEED_PERIOD: Period = { start: Date.UTC(2019, 0, 1) / 1000 - BEIJING, days: 731, asOf: Date.UTC(2021, 5, 30, 16) / 1000 - 1 };

/**
 * The 730 days up to and including `lastDay` (a Beijing date, YYYY-MM-DD), data as of that day's end: a demo that
 * looks alive on the day it is loaded (every default period — this year, last year, the last 28 days — has records),
 * the same for the same day.
 */
export function periodEndingOn(lastDay: string): Period {
  const [y, m, d] = lastDay.split('-').map(Number) as [number, number, number];
  const end = Date.UTC(y, m - 1, d + 1) / 1000 - BEIJING;
  return { start: end - 730 * DAY, days: 730, asOf: end - 1 };
}

/** Yesterday in Beijing, YYYY-MM-DD. */
export function yesterdayInBeijing(now = new Date()): string {
  const { y, m, d } = localDate(Math.floor(now.getTime() / 1000) - DAY);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Spring Festival (first day), UTC midnight of the Beijing date; a week of fewer reports follows.
const SPRING_FESTIVAL = [
  '2019-02-05',
  '2020-01-25',
  '2021-02-12',
  '2022-02-01',
  '2023-01-22',
  '2024-02-10',
  '2025-01-29',
  '2026-02-17',
  '2027-02-06',
  '2028-01-26',
  '2029-02-13',
  '2030-02-03',
].map((s) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 1000 - DAY);
const COVID = [Date.UTC(2020, 0, 24) / 1000, Date.UTC(2020, 2, 15) / 1000];
const MONTH_FACTOR = [0.85, 0.78, 0.95, 1, 1.05, 1.1, 1.15, 1.15, 1.05, 1, 0.95, 0.95];
const HOUR_WEIGHTS = [0.3, 0.2, 0.15, 0.12, 0.12, 0.2, 0.4, 0.7, 1, 1.2, 1.25, 1.2, 1.1, 1.1, 1.2, 1.2, 1.2, 1.15, 1.1, 1.05, 1, 0.9, 0.7, 0.5];

/** Maps u ∈ [0,1) monotonically to a report time with seasonality, holidays and office hours. */
export class Calendar {
  private readonly dayCum: Float64Array;
  private readonly hourCum = new Float64Array(25);

  constructor(readonly period: Period = SEED_PERIOD) {
    this.dayCum = new Float64Array(period.days + 1);
    for (let d = 0; d < period.days; d++) {
      const utcMidnight = period.start + BEIJING + d * DAY;
      const date = new Date(utcMidnight * 1000);
      // The second year a little busier than the first, as in the seed reports.
      let w = MONTH_FACTOR[date.getUTCMonth()]! * (this.yearIndex(period.start + d * DAY) === 1 ? 1.05 : 1);
      if (date.getUTCDay() === 0 || date.getUTCDay() === 6) w *= 0.9;
      if (SPRING_FESTIVAL.some((s) => utcMidnight >= s && utcMidnight < s + 7 * DAY)) w *= 0.6;
      if (utcMidnight >= COVID[0]! && utcMidnight < COVID[1]!) w *= 0.55;
      this.dayCum[d + 1] = this.dayCum[d]! + w;
    }
    for (let h = 0; h < 24; h++) this.hourCum[h + 1] = this.hourCum[h]! + HOUR_WEIGHTS[h]!;
  }

  at(u: number): number {
    const days = this.period.days;
    const x = u * this.dayCum[days]!;
    const d = search(this.dayCum, x, days);
    const f = (x - this.dayCum[d]!) / (this.dayCum[d + 1]! - this.dayCum[d]!);
    const y = f * this.hourCum[24]!;
    const h = search(this.hourCum, y, 24);
    const hf = (y - this.hourCum[h]!) / (this.hourCum[h + 1]! - this.hourCum[h]!);
    return Math.floor(this.period.start + d * DAY + (h + hf) * HOUR);
  }

  /** 0 in the period's first 365 days, 1 after: which year's category mix applies (the seed reports' 2019 and 2020). */
  yearIndex(sec: number): 0 | 1 {
    return sec < this.period.start + 365 * DAY ? 0 : 1;
  }

  /** An event time, or null when it falls after the data's "as of" moment (not yet happened). */
  cap(sec: number | null): number | null {
    return sec !== null && sec <= this.period.asOf ? sec : null;
  }
}

/** Largest i < n with cumulative[i] ≤ x. */
function search(cumulative: Float64Array, x: number, n: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cumulative[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export const yearOf = (sec: number) => localDate(sec).y;
