// npm run bench -- cases-list [--driver postgres|pglite] [--cases N] [--runs 200] [--warmup 5] [--only REGEX] [--url URL | --data DIR] [--live] [--keep] [--explain]
//
// A database with N synthetic cases (default 1,000,000 on PostgreSQL, 100,000 on PGlite; or an
// existing one from `gen --keep` via --url/--data), ANALYZEd, then p50/p95 of the case list
// (listCases from src/modules/cases: one page of 50 and its total, exact or estimated) for every viewer
// level (national, province, city, county) with no filter, one filter and a text search, and for
// filters combined as before issue 13; then link suggestions from shared identifiers. --only runs
// the list scenarios whose name matches (and no link suggestions). EXPLAIN ANALYZE of each list
// statement sent outside a transaction is included to explain a missed target (a text search that
// gathers its matches runs in one, with bitmap scans only: not shown). The load average at the
// start and end is printed: the machine is shared.
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import { type CaseFilters, cases, listCases, suggestLinks } from '../src/modules/cases/index.ts';
import { scopeCondition, type Viewer } from '../src/modules/org/index.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { benchTarget, databaseBytes, flag, loadCases, option, rowsOf, viewerOf } from './gen.ts';
import { percentile, round } from './support.ts';

interface Captured {
  text: string;
  params: unknown[];
}

/** Records the statements the driver sends while `fn` runs (the same for pg and PGlite). */
async function capture<T>(db: Db, fn: () => Promise<T>): Promise<Captured[]> {
  const client = (db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
  const original = client.query;
  const seen: Captured[] = [];
  client.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text: string };
    seen.push({ text: typeof first === 'string' ? first : first.text, params: (args[1] as unknown[] | undefined) ?? [] });
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    client.query = original;
  }
  return seen;
}

async function explain(db: Db, statement: Captured): Promise<string[]> {
  const client = (db as unknown as { $client: { query: (text: string, params: unknown[]) => Promise<{ rows: Row[] }> } }).$client;
  const result = await client.query(`explain (analyze, buffers) ${statement.text}`, statement.params);
  return result.rows.map((r) => String(r['QUERY PLAN']));
}

type Row = Record<string, unknown>;

function summary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { runs: ms.length, p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)), maxMs: round(sorted[sorted.length - 1]!) };
}

async function time(runs: number, warmup: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return ms;
}

/** Three-month windows across 2019–2020, rotated through the runs so that not every run reads the same pages. */
function window(i: number): { from: string; to: string } {
  const m = i % 22;
  const start = new Date(Date.UTC(2019, m, 1));
  const end = new Date(Date.UTC(2019, m + 3, 0));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

/** Link suggestions: cases sharing identifiers with one case, most shared first (what suggestLinks does first). */
async function linkSuggestionFigures(db: Db, province: Viewer, runs: number, fullExplain: boolean) {
  const samples = rowsOf(
    await db.execute(sql`
    select distinct mine.case_id from case_identifiers mine
    join case_identifiers theirs on theirs.kind = mine.kind and theirs.value = mine.value and theirs.case_id <> mine.case_id
    join cases c on c.id = mine.case_id and c.jurisdiction_code like '15%'
    order by mine.case_id limit ${runs}`),
  ).map((r) => String(r.case_id));
  const scope = scopeCondition(province, { jurisdiction: cases.jurisdictionCode, agency: cases.agencyId, entityType: 'case', id: cases.id });
  let found = 0;
  const shared = samples.length
    ? await time(samples.length, 5, async (i) => {
        const rows = rowsOf(
          await db.execute(sql`
      select ${cases.id} as case_id, count(*)::int as n from case_identifiers mine
      join case_identifiers theirs on theirs.kind = mine.kind and theirs.value = mine.value and theirs.case_id <> mine.case_id
      join ${cases} on ${cases.id} = theirs.case_id
      where mine.case_id = ${samples[i % samples.length]!} and ${scope}
      group by ${cases.id} order by n desc limit 20`),
        );
        found += rows.length;
      })
    : [];
  const actor = { userId: province.userId, username: province.username };
  const fullRuns = Math.min(samples.length, 50);
  const full = fullRuns ? await time(fullRuns, 2, (i) => suggestLinks(db, province, actor, samples[i]!)) : [];
  const suggestStatements = samples.length ? await capture(db, () => suggestLinks(db, province, actor, samples[0]!)) : [];
  const suggestPlans = [];
  for (const statement of suggestStatements.filter((s) => /ts_rank|case_identifiers/.test(s.text))) {
    const plan = await explain(db, statement);
    suggestPlans.push(fullExplain ? plan : plan.filter((line, n) => n < 10 || /Execution Time/.test(line)));
  }

  return {
    sharedIdentifiers: {
      ...summary(shared),
      avgSuggestions: shared.length ? round(found / shared.length, 1) : 0,
      withinTarget: shared.length ? summary(shared).p95Ms < 200 : null,
    },
    suggestLinks: {
      note: 'the whole service call: scope check, shared identifiers, similar modus-operandi text (ts_rank), details, audit',
      ...summary(full),
      withinTarget: full.length ? summary(full).p95Ms < 200 : null,
    },
    explain: suggestPlans,
  };
}

export async function run(args: string[]) {
  const runs = Number(option(args, 'runs') ?? 200);
  const only = option(args, 'only') ? new RegExp(option(args, 'only')!) : undefined;
  const warmup = Number(option(args, 'warmup') ?? 5);
  const loadAtStart = os.loadavg().map((n) => round(n, 2));
  const { existing, driver, wanted, keep, bench } = await benchTarget(args);
  try {
    const db = bench.database.db;
    const setup: Record<string, unknown> = {};
    if (!existing) {
      await seedDemo(db, 'development');
      const load = await loadCases(db, { cases: wanted, bulk: !flag(args, 'live') });
      setup.generated = load.counts;
      setup.loadMs = round(load.loadMs, 0);
      setup.loadCasesPerSecond = Math.round(load.counts.cases / (load.loadMs / 1000));
    }
    const t = performance.now();
    await db.execute(sql`analyze`);
    setup.analyzeMs = round(performance.now() - t, 0);
    const [totals] = rowsOf(
      await db.execute(sql`select (select count(*) from cases)::int as cases, (select count(*) from case_parties)::int as parties,
      (select count(*) from property_items)::int as property, (select count(*) from case_identifiers)::int as identifiers`),
    );
    setup.rows = totals;
    setup.databaseMB = round((await databaseBytes(bench)) / 1e6, 0);

    const national = await viewerOf(db, 'admin');
    const province = await viewerOf(db, 'nmg.commander');
    const city = await viewerOf(db, 'chifeng.investigator');
    const baotou = await viewerOf(db, 'baotou.investigator');
    // The demo has no county user: Baotou's investigator placed in Kundulun district (150203) stands for one.
    const county: Viewer = { ...baotou, username: 'county viewer 150203 (bench)', jurisdictionCode: '150203', jurisdictionLevel: 'county' };
    const page = { page: 1, pageSize: 50 };
    const all: Array<{ name: string; viewer: Viewer; filters: (i: number) => CaseFilters }> = [
      // Every viewer level with no filter, one filter and a text search (issue 13, item 12): the first page of
      // the list as it opens, newest first.
      { name: 'national user 100000: no filter, newest first', viewer: national, filters: () => ({ sort: '-reported_at' }) },
      {
        name: 'national user 100000: jurisdiction subtree 150203 (a district), newest first',
        viewer: national,
        filters: () => ({ jurisdiction: '150203', sort: '-reported_at' }),
      },
      { name: 'national user 100000: text 盗掘, newest first', viewer: national, filters: () => ({ q: '盗掘', sort: '-reported_at' }) },
      { name: 'province user 150000: no filter, newest first', viewer: province, filters: () => ({ sort: '-reported_at' }) },
      { name: 'province user 150000: status filed, newest first', viewer: province, filters: () => ({ status: ['filed'], sort: '-reported_at' }) },
      { name: 'province user 150000: text 盗掘, newest first', viewer: province, filters: () => ({ q: '盗掘', sort: '-reported_at' }) },
      { name: 'city user 150200: no filter, newest first', viewer: baotou, filters: () => ({ sort: '-reported_at' }) },
      {
        name: 'city user 150200: jurisdiction subtree 150203, newest first',
        viewer: baotou,
        filters: () => ({ jurisdiction: '150203', sort: '-reported_at' }),
      },
      { name: 'city user 150200: text 盗掘, newest first', viewer: baotou, filters: () => ({ q: '盗掘', sort: '-reported_at' }) },
      { name: 'county user 150203: no filter, newest first', viewer: county, filters: () => ({ sort: '-reported_at' }) },
      { name: 'county user 150203: status filed, newest first', viewer: county, filters: () => ({ status: ['filed'], sort: '-reported_at' }) },
      { name: 'county user 150203: text 盗掘, newest first', viewer: county, filters: () => ({ q: '盗掘', sort: '-reported_at' }) },
      // Filters combined (the scenarios measured before issue 13).
      {
        name: 'province user 150000: category relic.* + status filed|solved, newest first',
        viewer: province,
        filters: () => ({ category: 'relic', status: ['filed', 'solved'], sort: '-reported_at' }),
      },
      {
        name: 'province user 150000: jurisdiction subtree 150400 + reported_at 3-month window, newest first',
        viewer: province,
        filters: (i) => ({ jurisdiction: '150400', dateField: 'reported_at', ...window(i), sort: '-reported_at' }),
      },
      {
        name: 'city user 150400: category relic.* + status filed|solved, newest first',
        viewer: city,
        filters: () => ({ category: 'relic', status: ['filed', 'solved'], sort: '-reported_at' }),
      },
      {
        name: 'city user 150400: jurisdiction subtree 150402 + reported_at 3-month window, newest first',
        viewer: city,
        filters: (i) => ({ jurisdiction: '150402', dateField: 'reported_at', ...window(i), sort: '-reported_at' }),
      },
      // Full-text search (the case vector holds pairs, and a character alone only where it begins no pair):
      // a two-character query is one index term, a one-character query a prefix scan over the pairs it begins.
      {
        name: 'province user 150000: text 盗掘 (a pair) + status filed|solved, newest first',
        viewer: province,
        filters: () => ({ q: '盗掘', status: ['filed', 'solved'], sort: '-reported_at' }),
      },
      {
        name: 'province user 150000: text 墓 (one character: prefix 墓:*) + status filed|solved, newest first',
        viewer: province,
        filters: () => ({ q: '墓', status: ['filed', 'solved'], sort: '-reported_at' }),
      },
    ];
    const scenarios = all.filter((s) => !only || only.test(s.name));
    const listTarget = driver === 'postgres' ? 100 : 200;
    const results = [];
    for (const s of scenarios) {
      let total = 0;
      let totalIsEstimate = false;
      const ms = await time(runs, warmup, async (i) => {
        ({ total, totalIsEstimate } = await listCases(db, s.viewer, s.filters(i), page));
      });
      const statements = await capture(db, () => listCases(db, s.viewer, s.filters(0), page));
      const plans = [];
      // The page and the count (listCases also looks up codes, and asks the planner for its estimate).
      for (const statement of statements.filter((st) => /count\(\*\)|order by/i.test(st.text) && !/^explain/i.test(st.text))) {
        const plan = await explain(db, statement);
        plans.push(flag(args, 'explain') ? plan : plan.filter((line, n) => n < 14 || /Execution Time/.test(line)));
      }
      const stats = summary(ms);
      results.push({ scenario: s.name, ...stats, total, totalIsEstimate, withinTarget: stats.p95Ms < listTarget, explain: plans });
    }

    const links = only ? undefined : await linkSuggestionFigures(db, province, runs, flag(args, 'explain'));

    return {
      driver,
      cases: Number((totals as Row | undefined)?.cases ?? 0),
      setup,
      listQuery:
        'listCases (src/modules/cases/queries.ts): page of 50; total counted up to 10,000 (text search: when gathered), else the planner estimate (totalIsEstimate)',
      list: results,
      ...(links ? { linkSuggestions: links } : {}),
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((n) => round(n, 2)) },
      targets: {
        list: `p95 < ${listTarget} ms (${driver === 'postgres' ? 'PostgreSQL, 1M cases' : 'PGlite, 100k cases'})`,
        linkSuggestions: '< 200 ms',
      },
      ...(keep && !existing ? { kept: bench.location } : {}),
    };
  } finally {
    await bench.dispose(keep);
  }
}
