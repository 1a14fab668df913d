import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { type ImportKind, type ImportOptions, importFile } from '../../src/modules/cases/import/index.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createTestDatabase, type TestDatabase, testDrivers } from '../support/db.ts';

const CLI = { userId: null, username: 'cli:test' };

function csv(rows: Array<Array<string | number>>): Buffer {
  const cell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return Buffer.from(rows.map((r) => r.map(cell).join(',')).join('\n') + '\n');
}

const CASE_HEADER = ['case_no', 'category', 'jurisdiction', 'title', 'occurred_at', 'reported_at', 'filed_at', 'solved_at', 'summary'];
const PARTY_HEADER = ['case_no', 'person_ref', 'role', 'name', 'arrested_at', 'prosecuted_at', 'wanted_since', 'captured_at'];
const PROPERTY_HEADER = ['case_no', 'kind', 'quantity', 'unit', 'action', 'at'];
const CATEGORIES = ['relic.excavation', 'fraud.telecom', 'violent.homicide', 'property.theft'];
const PLACES = ['150102', '150200', '150400', '150100', '150000'];
const day = (month: number, d: number, year = 2020) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Cases spread over categories, jurisdictions (city and below) and months; some solved, some cold homicides. */
function cases(prefix: string, n: number, offset = 0): Array<Array<string | number>> {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const month = 1 + (i % 12);
    const category = CATEGORIES[i % CATEGORIES.length]!;
    const cold = category === 'violent.homicide' && i % 3 === 0;
    const occurred = cold ? day(month, 2, 2000 + (i % 15)) : day(month, 2);
    return [
      `${prefix}-${i}`,
      category,
      PLACES[i % PLACES.length]!,
      `案件 ${prefix}-${i}`,
      occurred,
      day(month, 3),
      day(month, 4 + (i % 3)),
      i % 2 === 0 ? day(Math.min(12, month + (i % 2)), 20 + (i % 5)) : '',
      `青玉碗 ${i}`,
    ];
  });
}

function parties(prefix: string, n: number, offset = 0): Array<Array<string | number>> {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const month = 1 + (i % 12);
    const victim = i % 4 === 3;
    const fugitive = !victim && i % 5 === 1;
    return [
      `${prefix}-${i}`,
      `${prefix}-P-${i}`,
      victim ? 'victim' : 'suspect',
      `张某${i}`,
      victim ? '' : day(month, 10),
      i % 4 === 0 ? day(month, 15) : '',
      fugitive ? day(month, 5) : '',
      fugitive ? day(month, 25) : '',
    ];
  });
}

function property(prefix: string, n: number, offset = 0): Array<Array<string | number>> {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const month = 1 + (i % 12);
    return i % 2 === 0
      ? [`${prefix}-${i}`, 'cultural_relic', 1 + (i % 3), 'piece', 'recovered', day(month, 21)]
      : [`${prefix}-${i}`, 'funds', `${1000 + i}.25`, 'yuan', 'frozen', day(month, 22)];
  });
}

describe.each(testDrivers())('import rollups on %s', (driver) => {
  let target: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    target = await createTestDatabase(driver);
    db = target.database.db;
    await seedDemo(db, 'test', { cases: false });
  });
  afterAll(async () => {
    await target?.dispose();
  });

  const run = (kind: ImportKind, bytes: Buffer, extra: Partial<ImportOptions> = {}) =>
    importFile(db, { kind, fileName: `${kind}.csv`, bytes, actor: CLI, ...extra });
  const bulk = { bulkRows: 1, batchSize: 7 };

  async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  }

  /** The rollup tables, in a fixed order. */
  async function rollups() {
    const daily = await rows<Record<string, string>>(sql`
      select metric, day::text as day, jurisdiction_code, category_code, dim, n::text as n, total::numeric(24, 3)::text as total
        from stats_daily order by 1, 2, 3, 4, 5`);
    const monthly = await rows<Record<string, string>>(sql`
      select metric, month::text as month, jurisdiction_code, category_code, dim, n::text as n, total::numeric(24, 3)::text as total
        from stats_monthly order by 1, 2, 3, 4, 5`);
    return { daily, monthly };
  }

  /** The rollups recounted from the records, as stats_rebuild_rollup() would write them. */
  async function recount() {
    const daily = await rows<Record<string, string>>(sql`
      select metric, stats_day(at)::text as day, jurisdiction_code, category_code, dim, count(*)::text as n, sum(value)::numeric(24, 3)::text as total
        from stats_facts group by metric, stats_day(at), jurisdiction_code, category_code, dim order by 1, 2, 3, 4, 5`);
    const monthly = await rows<Record<string, string>>(sql`
      select f.metric, date_trunc('month', stats_day(f.at))::date::text as month, a.ancestor_code as jurisdiction_code, f.category_code, f.dim,
             count(*)::text as n, sum(f.value)::numeric(24, 3)::text as total
        from stats_facts f join jurisdiction_ancestors a on a.descendant_code = f.jurisdiction_code
       group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`);
    return { daily, monthly };
  }

  async function tableCounts() {
    const [row] = await rows<Record<string, number>>(sql`select
      (select count(*) from cases)::int as cases, (select count(*) from persons)::int as persons,
      (select count(*) from case_parties)::int as parties, (select count(*) from fugitives)::int as fugitives,
      (select count(*) from property_items)::int as property, (select count(*) from audit_log)::int as audit`);
    return row!;
  }

  it('a bulk import of cases, parties and property leaves the rollups exactly as a recount of the records', async () => {
    // Rollup rows already there (written by the triggers one statement at a time) that the bulk import adds to.
    const first = await run('cases', csv([CASE_HEADER, ...cases('R', 20)]), { deferRollups: false });
    expect(first.errors.map((e) => [e.row, e.column, e.code, e.value])).toEqual([]);
    expect(first).toMatchObject({ imported: 20, errorCount: 0 });
    const firstParties = await run('parties', csv([PARTY_HEADER, ...parties('R', 20)]), { deferRollups: false });
    expect(firstParties.errors.map((e) => [e.row, e.column, e.code, e.value])).toEqual([]);
    expect(firstParties).toMatchObject({ imported: 20, errorCount: 0 });
    const before = await rollups();
    expect(before).toEqual(await recount());

    expect(await run('cases', csv([CASE_HEADER, ...cases('R', 60, 20)]), bulk)).toMatchObject({ imported: 60, errorCount: 0 });
    expect(await run('parties', csv([PARTY_HEADER, ...parties('R', 60, 20)]), bulk)).toMatchObject({ imported: 60, errorCount: 0 });
    expect(await run('property', csv([PROPERTY_HEADER, ...property('R', 80)]), bulk)).toMatchObject({ imported: 80, errorCount: 0 });

    const after = await rollups();
    expect(after).toEqual(await recount());
    // The imports did move the figures: every kind of fact is there, under every level of jurisdiction.
    const metrics = new Set(after.daily.map((r) => r.metric));
    for (const metric of [
      'cases_filed',
      'cases_solved',
      'cold_cases_solved',
      'suspects_arrested',
      'persons_prosecuted',
      'fugitives_wanted',
      'fugitives_captured',
      'property',
    ]) {
      expect(metrics, metric).toContain(metric);
    }
    const filed = (r: { daily: Array<Record<string, string>> }) =>
      r.daily.filter((x) => x.metric === 'cases_filed').reduce((s, x) => s + Number(x.n), 0);
    expect(filed(after) - filed(before)).toBe(60);
    expect(new Set(after.monthly.map((r) => r.jurisdiction_code))).toEqual(new Set(['100000', '150000', '150100', '150102', '150200', '150400']));
  });

  it('a bulk import that fails writes nothing: rows and rollups unchanged', async () => {
    const before = { rollups: await rollups(), counts: await tableCounts() };
    // The bad rows come last: on a server the first chunks (and their deferred facts) are written before they are found.
    const badCases = await run(
      'cases',
      csv([CASE_HEADER, ...cases('F', 30), ['F-bad', 'relic.excavation', '999999', '案件', '', '2020-06-03', '', '', '']]),
      bulk,
    );
    expect(badCases).toMatchObject({ imported: 0, errorCount: 1 });
    expect(badCases.errors.map((e) => [e.column, e.code])).toEqual([['jurisdiction', 'import.unknown_jurisdiction']]);
    const badProperty = await run(
      'property',
      csv([PROPERTY_HEADER, ...property('R', 30), ['R-1', 'funds', '-5', 'yuan', 'frozen', '2020-06-01']]),
      bulk,
    );
    expect(badProperty).toMatchObject({ imported: 0, errorCount: 1 });
    expect(badProperty.errors.map((e) => [e.row, e.column])).toEqual([[32, 'quantity']]);
    expect({ rollups: await rollups(), counts: await tableCounts() }).toEqual(before);
  });

  it("deferring holds a transaction's facts until applied, and a commit without applying still applies them", async () => {
    const solvedBefore = await rows<{ n: string }>(sql`select coalesce(sum(n), 0)::text as n from stats_daily where metric = 'cases_solved'`);
    const unsolved = await rows<{ case_no: string }>(
      sql`select case_no from cases where solved_at is null and case_no like 'R-%' order by case_no limit 3`,
    );
    expect(unsolved).toHaveLength(3);
    const list = unsolved.map((r) => r.case_no);
    await db.transaction(async (tx) => {
      await tx.execute(sql`select stats_defer_rollup()`);
      await tx.execute(
        sql`update cases set status = 'solved', solved_at = filed_at + interval '30 days' where case_no in (${sql.join(
          list.map((c) => sql`${c}`),
          sql`, `,
        )})`,
      );
      const during = (
        (await tx.execute(sql`select coalesce(sum(n), 0)::text as n from stats_daily where metric = 'cases_solved'`)) as unknown as {
          rows: Array<{ n: string }>;
        }
      ).rows;
      expect(during).toEqual(solvedBefore);
      if (driver === 'postgres') {
        // Another session (another pool connection) is not deferring.
        const other = await rows<{ v: string | null }>(sql`select current_setting('lianfang.rollup_deferred', true) as v`);
        expect(other[0]!.v ?? '').not.toBe('on');
      }
    });
    const solvedAfter = await rows<{ n: string }>(sql`select coalesce(sum(n), 0)::text as n from stats_daily where metric = 'cases_solved'`);
    expect(Number(solvedAfter[0]!.n) - Number(solvedBefore[0]!.n)).toBe(3);
    expect(await rollups()).toEqual(await recount());
  });
});
