import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, type ImportKind } from '../../src/modules/cases/import/index.ts';
import { computeFigure, figureFor, findMetric, resolveScope } from '../../src/modules/stats/index.ts';
import { CLI_VIEWER } from '../../src/modules/cases/export.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';
import { buildSeed003, SEED003_JURISDICTION } from '../fixtures/seed003.ts';

const CLI = { userId: null, username: 'cli:test' };
const year2020 = { from: '2020-01-01', to: '2020-12-31' };

describe.each(testDrivers())('seed 003 acceptance (%s)', (driver) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi(driver);
    const files = buildSeed003();
    for (const kind of ['cases', 'gangs', 'parties'] as ImportKind[]) {
      const report = await importFile(api.db.database.db, { kind, fileName: `seed003-${kind}.csv`, bytes: Buffer.from(files[kind as keyof typeof files]), actor: CLI });
      expect(report.errors.slice(0, 3), kind).toEqual([]);
      expect(report.imported).toBeGreaterThan(0);
    }
  }, 180_000);
  afterAll(async () => api?.close());

  const figure = (metric: string, extra: Record<string, string> = {}) =>
    computeFigure(api.db.database.db, CLI_VIEWER, { metric, jurisdiction: SEED003_JURISDICTION, ...year2020, compare: 'yoy', ...extra });

  it('telecom-fraud cases solved: 3181 against 1469 last year, 1712 more, up 116.5%, a real change', async () => {
    const f = await figure('cases_solved', { category: 'fraud.telecom' });
    expect([f.value, f.comparison?.previous, f.comparison?.difference, f.comparison?.changePct]).toEqual([3181, 1469, 1712, 116.5]);
    expect(f.comparison?.significance.significant).toBe(true);
  });

  it('suspects arrested in telecom fraud: 5260 against 955, up 450.8%', async () => {
    const f = await figure('suspects_arrested', { category: 'fraud.telecom' });
    expect([f.value, f.comparison?.previous, f.comparison?.difference, f.comparison?.changePct]).toEqual([5260, 955, 4305, 450.8]);
  });

  it('fugitives: 3313 captured of 4362 wanted at some time in 2020, capture rate 75.95%', async () => {
    const captured = await figure('fugitives_captured');
    expect(captured.value).toBe(3313);
    const rate = await figure('capture_rate');
    expect([rate.value, rate.numerator, rate.denominator]).toEqual([75.95, 3313, 4362]);
  });

  it('gangs dismantled over 2018–2020 by kind: 63 + 150 + 220 + 779 = 1212', async () => {
    const f = await figure('gangs_dismantled', { from: '2018-01-01', to: '2020-12-31' });
    expect(f.value).toBe(1212);
    expect(Object.fromEntries(f.breakdown.map((b) => [b.dim, b.value]))).toEqual({ criminal_organisation: 63, evil_force_group: 150, evil_force_gang: 220, other: 779 });
  });

  it('cold homicides solved in 2020 by age: 6 / 63 / 52 / 14 = 135', async () => {
    const f = await figure('cold_cases_solved');
    expect(f.value).toBe(135);
    expect(f.breakdown.map((b) => [b.dim, b.value])).toEqual([['ge30', 6], ['20_30', 63], ['10_20', 52], ['lt10', 14]]);
    const all = await figure('cases_solved', { category: 'violent.homicide' });
    expect(all.value).toBe(135 + 197);
  });

  it('the rollup and the records give the same figures', async () => {
    const db = api.db.database.db;
    const scope = await resolveScope(db, CLI_VIEWER, { jurisdiction: SEED003_JURISDICTION });
    for (const code of ['cases_solved', 'suspects_arrested', 'capture_rate', 'gangs_dismantled', 'cold_cases_solved']) {
      const metric = findMetric(code)!;
      const fast = await figureFor(db, scope, metric, year2020, 'yoy');
      const plain = await figureFor(db, scope, metric, year2020, 'yoy', undefined, { plain: true });
      expect(fast.fromRollup).toBe(true);
      expect(plain.fromRollup).toBe(false);
      expect({ ...fast, fromRollup: null }).toEqual({ ...plain, fromRollup: null });
    }
  });
});
