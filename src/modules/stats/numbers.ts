/** Rounds half away from zero (2.25 → 2.3, −2.25 → −2.3), as statistical reports do. */
export function roundHalfAway(value: number, digits: number): number {
  const f = 10 ** digits;
  const scaled = Math.abs(value) * f;
  // Decimal inputs such as 1.005 are stored just below the half; a relative nudge restores it.
  const rounded = Math.floor(scaled + 0.5 + scaled * 4 * Number.EPSILON) / f;
  return value < 0 ? -rounded : rounded;
}

export interface Rounding {
  changePct: number;
  rate: number;
  amount: number;
}
export const DEFAULT_ROUNDING: Rounding = { changePct: 1, rate: 2, amount: 2 };

/** Percentage change from previous to current; null when there is nothing to compare with. */
export function changePercent(current: number, previous: number, digits: number): number | null {
  if (previous === 0) return null;
  return roundHalfAway(((current - previous) / previous) * 100, digits);
}
