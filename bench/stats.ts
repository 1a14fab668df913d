// npm run bench -- stats [--driver postgres|pglite] [--cases N] [--runs 30] [--plain-runs 3] [--url URL | --data DIR] [--keep]
//
// A database with N synthetic cases (default 1,000,000 on PostgreSQL, 100,000 on PGlite; or an
// existing one from `gen --keep`), bulk-loaded (triggers off, so the rollup is rebuilt once with
// stats_rebuild_rollup(), timed), ANALYZEd. Then, for the Inner Mongolia commander, 2020 against 2019:
// - a dashboard of 20 figures with YoY comparison from the daily rollup: p50/p95;
// - the same 20 figures counted by plain GROUP BY over the base tables (the view stats_facts): p50, and the ratio;
// - the whole dashboard call (20 figures + child-jurisdiction, category and campaign breakdowns);
// - the choropleth's figure per child jurisdiction with YoY (rollup vs plain), and the campaign breakdown;
// - drill-down first page (50 records and the total) of cases solved and of suspects arrested;
// - a full public report (every figure of the shipped definition, text in both languages), and one PDF.
// Targets (issue 4): dashboard p95 < 200 ms, ≥ 50× faster than plain; drill-down < 200 ms; report < 2 s.
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { buildReport, reportPdf, reportText } from '../src/modules/reports/index.ts';
import { dashboard, drilldown, figureFor, findMetric, groupFigures, type ResolvedScope, resolveScope } from '../src/modules/stats/index.ts';
import { closePdfRenderer } from '../src/pdf/renderer.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { benchTarget, databaseBytes, loadCases, option, rowsOf, viewerOf } from './gen.ts';
import { percentile, round } from './support.ts';

const PERIOD = { from: '2020-01-01', to: '2020-12-31' };

/** The 20 figures of the benchmark dashboard: metric and optional category. */
const FIGURES: Array<[string, string?]> = [
  ['cases_filed'],
  ['cases_solved'],
  ['solve_rate'],
  ['suspects_arrested'],
  ['persons_prosecuted'],
  ['gangs_dismantled'],
  ['fugitives_captured'],
  ['capture_rate'],
  ['cold_cases_solved'],
  ['relics_recovered'],
  ['funds_stopped'],
  ['funds_frozen'],
  ['cases_solved', 'fraud.telecom'],
  ['suspects_arrested', 'fraud.telecom'],
  ['cases_filed', 'violent'],
  ['cases_solved', 'violent.homicide'],
  ['funds_returned'],
  ['drugs_seized'],
  ['fugitives_wanted'],
  ['cases_solved', 'relic'],
];

async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number; runs: number }> {
  await fn(); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(times[times.length - 1]!), runs };
}

async function twentyFigures(db: Db, scopes: Map<string, ResolvedScope>, plain: boolean) {
  return Promise.all(
    FIGURES.map(([metric, category]) => figureFor(db, scopes.get(category ?? '')!, findMetric(metric)!, PERIOD, 'yoy', undefined, { plain })),
  );
}

export async function run(args: string[]) {
  const runs = Number(option(args, 'runs') ?? 30);
  const plainRuns = Number(option(args, 'plain-runs') ?? 3);
  const { existing, driver, wanted, keep, bench } = await benchTarget(args);
  try {
    const db = bench.database.db;
    const setup: Record<string, unknown> = { driver };
    if (existing) await migrateDatabase(bench.database);
    if (!existing) {
      await seedDemo(db, 'development');
      const load = await loadCases(db, { cases: wanted, bulk: true });
      setup.loadMs = round(load.loadMs, 0);
    }
    let t = performance.now();
    await db.execute(sql`select stats_rebuild_rollup()`);
    setup.rollupRebuildMs = round(performance.now() - t, 0);
    t = performance.now();
    await db.execute(sql`analyze`);
    setup.analyzeMs = round(performance.now() - t, 0);
    const [totals] = rowsOf(
      await db.execute(sql`select (select count(*) from cases)::int as cases, (select count(*) from case_parties)::int as parties,
      (select count(*) from fugitives)::int as fugitives, (select count(*) from gangs)::int as gangs, (select count(*) from property_items)::int as property,
      (select count(*) from stats_daily)::int as rollup_rows`),
    );
    setup.rows = totals;
    setup.databaseMB = round((await databaseBytes(bench)) / 1e6, 0);

    const viewer = await viewerOf(db, 'nmg.commander');
    const scopes = new Map<string, ResolvedScope>();
    for (const [, category] of FIGURES) {
      if (!scopes.has(category ?? '')) scopes.set(category ?? '', await resolveScope(db, viewer, { category }));
    }
    // Both paths must agree before either is timed.
    const fast = await twentyFigures(db, scopes, false);
    const slow = await twentyFigures(db, scopes, true);
    const mismatches = fast
      .filter((f, i) => JSON.stringify({ ...f, fromRollup: 0 }) !== JSON.stringify({ ...slow[i], fromRollup: 0 }))
      .map((f) => f.metric);
    if (mismatches.length) throw new Error(`rollup and plain GROUP BY disagree on ${mismatches.join(', ')}`);

    const rollup = await timeRuns(runs, () => twentyFigures(db, scopes, false));
    const plain = await timeRuns(plainRuns, () => twentyFigures(db, scopes, true));
    const fullDashboard = await timeRuns(Math.min(runs, 20), () => dashboard(db, viewer, { ...PERIOD, compare: 'yoy' }));
    // The choropleth: one metric for every child jurisdiction with YoY, in one query per fact.
    const childRequest = { metric: 'cases_solved', ...PERIOD, compare: 'yoy' as const };
    const childFast = await groupFigures(db, viewer, childRequest, 'children');
    const childSlow = await groupFigures(db, viewer, childRequest, 'children', undefined, { plain: true });
    if (JSON.stringify(childFast.items) !== JSON.stringify(childSlow.items))
      throw new Error('rollup and plain GROUP BY disagree on the figures per child jurisdiction');
    const byChild = await timeRuns(runs, () => groupFigures(db, viewer, childRequest, 'children'));
    const byChildRate = await timeRuns(runs, () => groupFigures(db, viewer, { ...childRequest, metric: 'solve_rate' }, 'children'));
    const byChildPlain = await timeRuns(plainRuns, () => groupFigures(db, viewer, childRequest, 'children', undefined, { plain: true }));
    const byCampaign = await timeRuns(Math.min(runs, 10), () => groupFigures(db, viewer, childRequest, 'campaigns'));
    const drillSolved = await timeRuns(runs, () => drilldown(db, viewer, { metric: 'cases_solved', ...PERIOD, page: 1, pageSize: 50 }));
    const drillArrested = await timeRuns(runs, () =>
      drilldown(db, viewer, { metric: 'suspects_arrested', ...PERIOD, category: 'fraud.telecom', page: 1, pageSize: 50 }),
    );
    const report = await timeRuns(Math.min(runs, 10), async () => {
      const r = await buildReport(db, viewer, { ...PERIOD });
      return [reportText(r, 'zh'), reportText(r, 'en')];
    });
    t = performance.now();
    const pdf = await reportPdf(await buildReport(db, viewer, { ...PERIOD }), 'zh').finally(closePdfRenderer);
    const pdfMs = round(performance.now() - t, 0);

    return {
      setup,
      sample: Object.fromEntries(
        fast.slice(0, 4).map((f) => [f.metric, { value: f.value, previous: f.comparison?.previous, changePct: f.comparison?.changePct }]),
      ),
      dashboard20FiguresYoY: { rollup, plainGroupBy: plain, speedupP50: round(plain.p50 / rollup.p50, 0), target: 'p95 < 200 ms, ≥ 50× plain' },
      dashboardWithBreakdowns: fullDashboard,
      byChildJurisdictionYoY: {
        children: childFast.items.length,
        casesSolved: byChild,
        solveRate: byChildRate,
        plainGroupBy: byChildPlain,
        speedupP50: round(byChildPlain.p50 / byChild.p50, 0),
      },
      byCampaignYoY: {
        campaigns: (await groupFigures(db, viewer, childRequest, 'campaigns')).items.length,
        casesSolved: byCampaign,
        note: 'campaigns are not in the rollups: counted from the records',
      },
      drilldownFirstPage: { casesSolved: drillSolved, telecomSuspectsArrested: drillArrested, target: '< 200 ms' },
      fullReportBothLanguages: { ...report, target: '< 2000 ms' },
      reportPdf: { ms: pdfMs, bytes: pdf.length },
    };
  } finally {
    await bench.dispose(keep);
  }
}
