import { describe, expect, it } from 'vitest';
import { seasonalNaive } from './forecast.ts';
import { changePercent, roundHalfAway } from './numbers.ts';
import { checkPeriod, comparisonPeriods } from './period.ts';
import { monthsOf } from './series.ts';
import { poissonTest, proportionTest } from './significance.ts';

describe('rounding and change', () => {
  it('rounds half away from zero, also for decimals stored just below the half', () => {
    expect([roundHalfAway(2.25, 1), roundHalfAway(-2.25, 1), roundHalfAway(1.005, 2), roundHalfAway(0.125, 2), roundHalfAway(-0.5, 0)]).toEqual([
      2.3, -2.3, 1.01, 0.13, -1,
    ]);
  });
  it('gives the seed 003 changes', () => {
    expect(changePercent(3181, 1469, 1)).toBe(116.5);
    expect(changePercent(5260, 955, 1)).toBe(450.8);
    expect(roundHalfAway((3313 / 4362) * 100, 2)).toBe(75.95);
    expect(changePercent(5, 0, 1)).toBeNull();
  });
});

describe('significance', () => {
  it('calls a doubling of hundreds of cases real and 10 against 9 noise', () => {
    expect(poissonTest(3181, 1469, 366, 365).significant).toBe(true);
    expect(poissonTest(10, 9, 365, 365).significant).toBe(false);
    expect(poissonTest(0, 0, 30, 30)).toMatchObject({ significant: false, pValue: 1 });
  });
  it('gives the exact two-sided p of the conditional binomial test', () => {
    // 10 vs 2 over equal periods: P(X ≥ 10 or X ≤ 2 | n=12, p=½) = 2 × 79/4096.
    expect(poissonTest(10, 2, 30, 30).pValue).toBeCloseTo((2 * 79) / 4096, 10);
  });
  it('uses the normal approximation for very large counts', () => {
    const p = poissonTest(1_000_000, 1_000_000, 365, 365).pValue!;
    expect(p).toBeGreaterThan(0.9);
  });
  it('compares two proportions', () => {
    expect(proportionTest(3313, 4362, 300, 3086).significant).toBe(true);
    expect(proportionTest(50, 100, 51, 100).significant).toBe(false);
    expect(proportionTest(1, 0, 1, 2).significant).toBeNull();
  });
});

describe('periods', () => {
  it('derives the comparison periods', () => {
    const year = { from: '2020-01-01', to: '2020-12-31' };
    expect(comparisonPeriods(year, 'yoy').previous).toEqual({ from: '2019-01-01', to: '2019-12-31' });
    expect(comparisonPeriods(year, 'prev').previous).toEqual({ from: '2018-12-31', to: '2019-12-31' });
    expect(comparisonPeriods({ from: '2020-03-01', to: '2020-03-31' }, 'mom').previous).toEqual({ from: '2020-02-01', to: '2020-02-29' });
    expect(comparisonPeriods({ from: '2020-02-01', to: '2020-02-29' }, 'yoy').previous).toEqual({ from: '2019-02-01', to: '2019-02-28' });
    expect(comparisonPeriods({ from: '2020-05-01', to: '2020-06-17' }, 'ytd')).toEqual({
      current: { from: '2020-01-01', to: '2020-06-17' },
      previous: { from: '2019-01-01', to: '2019-06-17' },
    });
    expect(comparisonPeriods({ from: '2020-01-01', to: '2020-03-31' }, 'd28')).toEqual({
      current: { from: '2020-03-04', to: '2020-03-31' },
      previous: { from: '2020-02-05', to: '2020-03-03' },
    });
  });
  it('refuses reversed periods and impossible dates', () => {
    expect(() => checkPeriod({ from: '2020-12-31', to: '2020-01-01' })).toThrow('stats.period_reversed');
    expect(() => checkPeriod({ from: '2021-02-29', to: '2021-03-01' })).toThrow('validation_failed');
  });
  it('cuts a period into calendar months', () => {
    expect(monthsOf({ from: '2020-01-15', to: '2020-03-10' })).toEqual([
      { from: '2020-01-15', to: '2020-01-31' },
      { from: '2020-02-01', to: '2020-02-29' },
      { from: '2020-03-01', to: '2020-03-10' },
    ]);
  });
});

describe('seasonal naive baseline', () => {
  it('repeats the same month of last year', () => {
    const y = Array.from({ length: 24 }, (_, i) => i);
    expect(seasonalNaive(y, 3)).toEqual([12, 13, 14]);
    expect(seasonalNaive([1, 2, 3], 2)).toEqual([3, 3]);
  });
});
