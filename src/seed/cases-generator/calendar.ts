// Time for the cases generator: epoch seconds; the period is in Beijing time (UTC+8), data as of
// mid-2021. Maps a uniform draw to a report time with seasonality, holidays and office hours.
import { localDate } from '../cases-generator-text.ts';

export const DAY = 86_400;
export const HOUR = 3600;
const START = Date.UTC(2019, 0, 1) / 1000 - 8 * HOUR;
const DAYS = 731;
const AS_OF = Date.UTC(2021, 5, 30, 16) / 1000 - 1; // 2021-06-30 23:59:59 +08:00
const SPRING_FESTIVAL = [Date.UTC(2019, 1, 4) / 1000, Date.UTC(2020, 0, 24) / 1000];
const COVID = [Date.UTC(2020, 0, 24) / 1000, Date.UTC(2020, 2, 15) / 1000];
const MONTH_FACTOR = [0.85, 0.78, 0.95, 1, 1.05, 1.1, 1.15, 1.15, 1.05, 1, 0.95, 0.95];
const HOUR_WEIGHTS = [0.3, 0.2, 0.15, 0.12, 0.12, 0.2, 0.4, 0.7, 1, 1.2, 1.25, 1.2, 1.1, 1.1, 1.2, 1.2, 1.2, 1.15, 1.1, 1.05, 1, 0.9, 0.7, 0.5];

/** Maps u ∈ [0,1) monotonically to a report time with seasonality, holidays and office hours. */
export class Calendar {
  private readonly dayCum = new Float64Array(DAYS + 1);
  private readonly hourCum = new Float64Array(25);

  constructor() {
    for (let d = 0; d < DAYS; d++) {
      const utcMidnight = Date.UTC(2019, 0, 1) / 1000 + d * DAY;
      const date = new Date(utcMidnight * 1000);
      let w = MONTH_FACTOR[date.getUTCMonth()]! * (date.getUTCFullYear() === 2020 ? 1.05 : 1);
      if (date.getUTCDay() === 0 || date.getUTCDay() === 6) w *= 0.9;
      if (SPRING_FESTIVAL.some((s) => utcMidnight >= s && utcMidnight < s + 7 * DAY)) w *= 0.6;
      if (utcMidnight >= COVID[0]! && utcMidnight < COVID[1]!) w *= 0.55;
      this.dayCum[d + 1] = this.dayCum[d]! + w;
    }
    for (let h = 0; h < 24; h++) this.hourCum[h + 1] = this.hourCum[h]! + HOUR_WEIGHTS[h]!;
  }

  at(u: number): number {
    const x = u * this.dayCum[DAYS]!;
    const d = search(this.dayCum, x, DAYS);
    const f = (x - this.dayCum[d]!) / (this.dayCum[d + 1]! - this.dayCum[d]!);
    const y = f * this.hourCum[24]!;
    const h = search(this.hourCum, y, 24);
    const hf = (y - this.hourCum[h]!) / (this.hourCum[h + 1]! - this.hourCum[h]!);
    return Math.floor(START + d * DAY + (h + hf) * HOUR);
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
export const cap = (sec: number | null) => (sec !== null && sec <= AS_OF ? sec : null);
