import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_VIEWER } from '../../src/modules/cases/export.ts';
import { type ImportKind, importFile } from '../../src/modules/cases/import/index.ts';
import { buildReport, reportText } from '../../src/modules/reports/index.ts';
import { computeFigure, drilldown, figureFor, findMetric, forecastMetric, resolveScope } from '../../src/modules/stats/index.ts';
import { buildSeed003, SEED003_JURISDICTION } from '../fixtures/seed003.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { runCli } from '../support/cli.ts';
import { testDrivers } from '../support/db.ts';

const CLI = { userId: null, username: 'cli:test' };
const year2020 = { from: '2020-01-01', to: '2020-12-31' };

describe.each(testDrivers())('seed 003 acceptance (%s)', (driver) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi(driver);
    const files = buildSeed003();
    for (const kind of ['cases', 'gangs', 'parties'] as ImportKind[]) {
      const report = await importFile(api.db.database.db, {
        kind,
        fileName: `seed003-${kind}.csv`,
        bytes: Buffer.from(files[kind as keyof typeof files]),
        actor: CLI,
      });
      expect(report.errors.slice(0, 3), kind).toEqual([]);
      expect(report.imported).toBeGreaterThan(0);
    }
  }, 180_000);
  afterAll(async () => {
    await api?.app.close().catch(() => undefined);
    await api?.db.dispose();
  });

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
    expect(Object.fromEntries(f.breakdown.map((b) => [b.dim, b.value]))).toEqual({
      criminal_organisation: 63,
      evil_force_group: 150,
      evil_force_gang: 220,
      other: 779,
    });
  });

  it('cold homicides solved in 2020 by age: 6 / 63 / 52 / 14 = 135', async () => {
    const f = await figure('cold_cases_solved');
    expect(f.value).toBe(135);
    expect(f.breakdown.map((b) => [b.dim, b.value])).toEqual([
      ['ge30', 6],
      ['20_30', 63],
      ['10_20', 52],
      ['lt10', 14],
    ]);
    const all = await figure('cases_solved', { category: 'violent.homicide' });
    expect(all.value).toBe(135 + 197);
  });

  it('the rollup and the records give the same figures', async () => {
    const db = api.db.database.db;
    const scope = await resolveScope(db, CLI_VIEWER, { jurisdiction: SEED003_JURISDICTION });
    for (const code of ['cases_solved', 'suspects_arrested', 'capture_rate', 'gangs_dismantled', 'cold_cases_solved']) {
      const metric = findMetric(code)!;
      // Whole years, and periods with odd edges (months from one rollup, edge days from the other).
      for (const [period, compare] of [
        [year2020, 'yoy'],
        [{ from: '2020-02-15', to: '2020-11-10' }, 'yoy'],
        [{ from: '2020-03-03', to: '2020-03-20' }, 'prev'],
        [{ from: '2020-01-01', to: '2020-06-17' }, 'ytd'],
        [{ from: '2020-01-01', to: '2020-08-31' }, 'd28'],
      ] as const) {
        const fast = await figureFor(db, scope, metric, period, compare);
        const plain = await figureFor(db, scope, metric, period, compare, undefined, { plain: true });
        expect(fast.fromRollup).toBe(true);
        expect(plain.fromRollup).toBe(false);
        expect({ ...fast, fromRollup: null }, `${code} ${period.from} ${compare}`).toEqual({ ...plain, fromRollup: null });
      }
    }
  });

  it('lists the records behind each figure: as many as the figure counts', async () => {
    const db = api.db.database.db;
    const totalOf = async (request: Parameters<typeof drilldown>[2]) => (await drilldown(db, CLI_VIEWER, request)).total;
    const base = { jurisdiction: SEED003_JURISDICTION, ...year2020 };
    expect(await totalOf({ ...base, metric: 'suspects_arrested', category: 'fraud.telecom' })).toBe(5260);
    expect(await totalOf({ ...base, metric: 'suspects_arrested', category: 'fraud.telecom', compare: 'yoy', side: 'previous' })).toBe(955);
    expect(await totalOf({ ...base, metric: 'cold_cases_solved', dim: '20_30' })).toBe(63);
    expect(await totalOf({ ...base, metric: 'capture_rate', part: 'denominator' })).toBe(4362);
    expect(await totalOf({ ...base, metric: 'capture_rate' })).toBe(3313);
    expect(await totalOf({ ...base, metric: 'gangs_dismantled', from: '2018-01-01' })).toBe(1212);
    const page = await drilldown(db, CLI_VIEWER, {
      ...base,
      metric: 'cases_solved',
      category: 'fraud.telecom',
      campaign: 'YJ2020',
      page: 2,
      pageSize: 50,
    });
    expect([page.total, page.items.length]).toEqual([3181, 50]);
    expect(page.items[0]!.caseNo).toMatch(/^NM-TF-2020-/);
  });

  it('forecasts six months of telecom-fraud solved cases with an interval, a backtest and the seasonal-naive baseline', async () => {
    const f = await forecastMetric(api.db.database.db, CLI_VIEWER, {
      metric: 'cases_solved',
      category: 'fraud.telecom',
      jurisdiction: SEED003_JURISDICTION,
      to: '2020-12-31',
      horizon: 6,
    });
    expect(f.history).toHaveLength(24);
    expect(f.points.map((p) => p.month)).toEqual(['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06']);
    for (const p of f.points) expect(p.lower <= p.value && p.value <= p.upper).toBe(true);
    expect(f.points[0]!.baseline).toBe(f.history[12]!.value);
    expect(f.backtest).toMatchObject({ months: 6 });
    expect(f.backtest!.ets.mae).toBeGreaterThanOrEqual(0);
    await expect(forecastMetric(api.db.database.db, CLI_VIEWER, { metric: 'cases_solved', to: '2020-12-31', horizon: 13 })).rejects.toThrow(
      'stats.bad_horizon',
    );
  });

  it('writes the report text in both languages, phrased as a person would', async () => {
    const report = await buildReport(api.db.database.db, CLI_VIEWER, { jurisdiction: SEED003_JURISDICTION, ...year2020 });
    const zh = reportText(report, 'zh');
    const en = reportText(report, 'en');
    expect(zh).toContain('共破获电信网络诈骗案件3181起，较去年同期（1469起）增加1712起，同比上升116.5%');
    expect(zh).toContain('抓获犯罪嫌疑人5260名，较去年同期（955名）增加4305名，同比上升450.8%');
    expect(zh).toContain('2018年至2020年共打掉黑恶违法犯罪团伙1212个，其中涉黑犯罪组织63个、恶势力犯罪集团150个、恶势力团伙220个、其他涉恶团伙779个');
    expect(zh).toContain('侦破命案积案135起，其中30年前命案积案6起、20年至30年命案积案63起、10年至20年命案积案52起、近10年命案积案14起');
    expect(zh).toContain('共抓获网上逃犯3313名，抓获率达75.95%');
    expect(zh).toContain('内蒙古自治区');
    expect(en).toContain('3,181 telecom-fraud cases were solved, up from 1,469 in the same period last year, an increase of 1,712 (116.5%)');
    expect(en).toContain('5,260 suspects were arrested, up from 955 in the same period last year, an increase of 4,305 (450.8%)');
    expect(en).toContain(
      'From 2018 to 2020, 1,212 gangs were dismantled: 63 mafia-type organisations, 150 "evil force" criminal groups, 220 "evil force" gangs and 779 other gangs',
    );
    expect(en).toContain(
      '135 cold homicides were solved: 6 from 30 or more years ago, 63 from 20 to 30 years ago, 52 from 10 to 20 years ago and 14 from the last 10 years',
    );
    expect(en).toContain('3,313 fugitives were captured, a capture rate of 75.95%');
  });

  it('renders the report over HTTP as HTML and XLSX with every figure and its definition, and publishes it without personal data', async () => {
    const commander = await api.login('nmg.commander');
    const body = { from: '2020-01-01', to: '2020-12-31' };
    const html = await api.request({
      method: 'POST',
      url: '/api/reports/render',
      session: commander,
      payload: { ...body, lang: 'zh', format: 'html' },
    });
    expect(html.statusCode, html.body).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('同比上升116.5%');
    const xlsx = await api.request({
      method: 'POST',
      url: '/api/reports/render',
      session: commander,
      payload: { ...body, lang: 'en', format: 'xlsx' },
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Figures')!;
    const rows = sheet
      .getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).slice(1));
    const telecom = rows.find((r) => r[0] === 'telecom_solved')!;
    expect(telecom.slice(1, 3)).toEqual(['cases_solved', 'Cases solved']);
    expect(telecom[5]).toBe('Telecom-network fraud'); // the category by name, not fraud.telecom
    expect(telecom[8]).toBe(3181);
    expect(telecom[13]).toBe(1469);
    expect(telecom[15]).toBe(116.5);
    expect(String(telecom[20])).toContain('solving date');

    const missing = await api.request({
      method: 'POST',
      url: '/api/reports/preview',
      session: commander,
      payload: {
        ...body,
        definition: {
          version: 1,
          title: { zh: '通报', en: 'Report' },
          compare: 'yoy',
          figures: { a: { metric: 'cases_solved' } },
          sections: [{ id: 's1', heading: { zh: '一', en: 'One' }, paragraphs: [{ zh: '破案{a}起，抓获{b}名', en: '{a} solved' }] }],
        },
      },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('reports.missing_figure');
    expect(missing.json().error.message).toContain('b');

    const investigator = await api.login('hohhot.investigator');
    expect((await api.request({ method: 'POST', url: '/api/reports/publish', session: investigator, payload: body })).statusCode).toBe(403);
    const published = await api.request({ method: 'POST', url: '/api/reports/publish', session: commander, payload: body });
    expect(published.statusCode, published.body).toBe(201);
    const list = (await api.request({ method: 'GET', url: '/api/public/reports' })).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].textZh).toContain('3181起');
    expect(list.items[0].figures.find((f: { key: string }) => f.key === 'telecom_solved').name).toEqual({
      zh: '破案数（电信网络诈骗）',
      en: 'Cases solved (Telecom-network fraud)',
    });
    // Aggregates only: no person's name (嫌疑人N / 逃犯N in the data), reference or case number.
    expect(JSON.stringify(list)).not.toMatch(/NM-[A-Z]+-|嫌疑人\d+(?![\d名])|逃犯\d+(?![\d名])/);
  });

  it('answers `lianfang stats` and `lianfang report` on the command line', async () => {
    const location = api.db.location;
    // The CLI opens the database itself; PGlite allows one process at a time.
    await api.app.close();
    await api.db.database.close();
    const stats = await runCli(
      [
        'stats',
        '--metric',
        'cases_solved',
        '--category',
        'fraud.telecom',
        '--jurisdiction',
        '150000',
        '--from',
        '2020-01-01',
        '--to',
        '2020-12-31',
        '--compare',
        'yoy',
        '--format',
        'json',
      ],
      location,
    );
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toEqual({
      metric: 'cases_solved',
      scope: { jurisdiction: '150000', category: 'fraud.telecom', campaign: null, from: '2020-01-01', to: '2020-12-31' },
      value: 3181,
      unit: 'case',
      previous: 1469,
      difference: 1712,
      change_pct: 116.5,
      significant: true,
    });
    const text = await runCli(
      ['stats', '--metric', 'capture_rate', '--jurisdiction', '150000', '--from', '2020-01-01', '--to', '2020-12-31', '--format', 'text'],
      location,
    );
    expect(text.stdout).toContain('75.95 %');
    const reversed = await runCli(['stats', '--metric', 'cases_solved', '--from', '2020-12-31', '--to', '2020-01-01'], location);
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toContain('The period starts (2020-12-31) after it ends (2020-01-01)');
    const report = await runCli(
      ['report', '--jurisdiction', '150000', '--from', '2020-01-01', '--to', '2020-12-31', '--lang', 'zh', '--format', 'text'],
      location,
    );
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain('共破获电信网络诈骗案件3181起');
    if (driver === 'pglite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-report-'));
      try {
        const out = path.join(dir, 'report.pdf');
        const pdf = await runCli(
          ['report', '--jurisdiction', '150000', '--from', '2020-01-01', '--to', '2020-12-31', '--lang', 'zh', '--format', 'pdf', '--out', out],
          location,
        );
        expect(pdf.code, pdf.stderr).toBe(0);
        const bytes = fs.readFileSync(out);
        expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
        // Chromium embeds the Chinese font it printed with.
        expect(bytes.toString('latin1')).toMatch(/FontFile2|WenQuanYi|wqy/i);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 120_000);
});
