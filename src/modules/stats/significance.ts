// Is a change beyond normal variation? Counts are modelled as Poisson: given the total of both
// periods, the current count is binomial with p = its share of the time (the conditional, exact
// test for two Poisson rates). Rates compare two proportions. Sums of amounts are not tested.

export interface Significance {
  significant: boolean | null;
  pValue: number | null;
  test: 'poisson_conditional' | 'two_proportion' | 'none';
}

const ALPHA = 0.05;

function logFactorialTable(n: number): Float64Array {
  const t = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) t[i] = t[i - 1]! + Math.log(i);
  return t;
}

function normalTwoSided(z: number): number {
  // Abramowitz–Stegun 7.1.26 for erfc, accurate to 1e-7.
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return Math.min(1, erfc);
}

/** Two-sided exact p-value of x1 against x0, the counts of periods of t1 and t0 days. */
export function poissonTest(x1: number, x0: number, t1: number, t0: number): Significance {
  const n = x1 + x0;
  if (n === 0) return { significant: false, pValue: 1, test: 'poisson_conditional' };
  const p = t1 / (t1 + t0);
  let pValue: number;
  if (n <= 20_000) {
    const lf = logFactorialTable(n);
    const logPmf = (k: number) => lf[n]! - lf[k]! - lf[n - k]! + k * Math.log(p) + (n - k) * Math.log1p(-p);
    const observed = logPmf(x1);
    let sum = 0;
    for (let k = 0; k <= n; k++) {
      const lp = logPmf(k);
      if (lp <= observed + 1e-7) sum += Math.exp(lp);
    }
    pValue = Math.min(1, sum);
  } else {
    const z = (Math.abs(x1 - n * p) - 0.5) / Math.sqrt(n * p * (1 - p));
    pValue = normalTwoSided(Math.max(0, z));
  }
  return { significant: pValue < ALPHA, pValue, test: 'poisson_conditional' };
}

/** Two-sided z-test of two proportions k1/n1 and k0/n0. */
export function proportionTest(k1: number, n1: number, k0: number, n0: number): Significance {
  if (n1 === 0 || n0 === 0) return { significant: null, pValue: null, test: 'two_proportion' };
  const pooled = (k1 + k0) / (n1 + n0);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  if (se === 0) return { significant: false, pValue: 1, test: 'two_proportion' };
  const pValue = normalTwoSided((k1 / n1 - k0 / n0) / se);
  return { significant: pValue < ALPHA, pValue, test: 'two_proportion' };
}

export const NOT_TESTED: Significance = { significant: null, pValue: null, test: 'none' };
