import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { type PropertyKind, type PropertyUnit, UNITS_BY_KIND } from '../../src/modules/cases/index.ts';
import {
  type GeneratedCounts,
  generateCases,
  idCheckDigit,
  periodEndingOn,
  seedDemoCases,
  yesterdayInBeijing,
} from '../../src/seed/cases-generator.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createTestDatabase, type TestDatabase, testDrivers } from '../support/db.ts';

type Row = Record<string, unknown>;
const rows = async (db: Db, query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
const one = async (db: Db, query: ReturnType<typeof sql>) => (await rows(db, query))[0]!;
/** A row of counts as numbers (the pg driver returns bigint as a string). */
const numbers = async (db: Db, query: ReturnType<typeof sql>) =>
  Object.fromEntries(Object.entries(await one(db, query)).map(([k, v]) => [k, Number(v)]));

/** A digest of every generated row, with random agency ids replaced by the agency's name. */
async function digest(db: Db, prefix: string) {
  const mine = sql.raw(`(select id from cases where case_no like '${prefix}%')`);
  const part = async (query: ReturnType<typeof sql>) => String((await one(db, query)).d);
  return {
    cases:
      await part(sql`select md5(string_agg(((to_jsonb(c) - 'agency_id') || jsonb_build_object('agency', a.name_zh))::text, E'\n' order by c.case_no)) as d
      from cases c join agencies a on a.id = c.agency_id where c.id in ${mine}`),
    persons: await part(sql`select md5(string_agg(to_jsonb(p)::text, E'\n' order by p.id)) as d from persons p
      where p.id in (select person_id from case_parties where case_id in ${mine}) or p.id in (select person_id from gang_members)`),
    parties: await part(
      sql`select md5(string_agg(to_jsonb(x)::text, E'\n' order by x.case_id, x.person_id, x.role)) as d from case_parties x where x.case_id in ${mine}`,
    ),
    property: await part(sql`select md5(string_agg(to_jsonb(x)::text, E'\n' order by x.id)) as d from property_items x where x.case_id in ${mine}`),
    identifiers: await part(
      sql`select md5(string_agg(to_jsonb(x)::text, E'\n' order by x.case_id, x.kind, x.value)) as d from case_identifiers x where x.case_id in ${mine}`,
    ),
    events: await part(sql`select md5(string_agg(to_jsonb(x)::text, E'\n' order by x.id)) as d from case_events x where x.case_id in ${mine}`),
    fugitives:
      await part(sql`select md5(string_agg(((to_jsonb(x) - 'capturing_agency_id') || jsonb_build_object('agency', a.name_zh))::text, E'\n' order by x.id)) as d
      from fugitives x left join agencies a on a.id = x.capturing_agency_id where x.case_id in ${mine}`),
    gangs: await part(sql`select md5(string_agg(((to_jsonb(g) - 'agency_id') || jsonb_build_object('agency', a.name_zh, 'cases',
        (select string_agg(case_id::text, ',' order by case_id) from gang_cases where gang_id = g.id),
        'members', (select string_agg(person_id::text || is_leader::text, ',' order by person_id) from gang_members where gang_id = g.id)))::text, E'\n' order by g.id)) as d
      from gangs g left join agencies a on a.id = g.agency_id where g.gang_ref like ${`${prefix}-G%`}`),
  };
}

describe.each(testDrivers())('synthetic case generator on %s', (driver) => {
  const databases: TestDatabase[] = [];
  let first: Db;
  let counts: GeneratedCounts;

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const t = await createTestDatabase(driver);
      databases.push(t);
      await seedDemo(t.database.db, 'test', { cases: false });
    }
    first = databases[0]!.database.db;
    counts = await generateCases(first, { cases: 500, seed: 42, prefix: 'T', batchSize: 200 });
  });

  afterAll(async () => {
    for (const t of databases) await t.dispose();
  });

  it('gives identical rows for the same seed in two fresh databases', async () => {
    const second = databases[1]!.database.db;
    const again = await generateCases(second, { cases: 500, seed: 42, prefix: 'T', batchSize: 300 });
    expect(again).toEqual(counts);
    expect(counts.cases).toBe(500);
    const expected = await digest(first, 'T');
    for (const value of Object.values(expected)) expect(value).toMatch(/^[0-9a-f]{32}$/);
    expect(await digest(second, 'T')).toEqual(expected);
    // Another seed gives other cases.
    const other = await generateCases(second, { cases: 50, seed: 43, prefix: 'U' });
    expect(other.cases).toBe(50);
    const [a, b] = [
      await rows(first, sql`select title from cases where case_no like 'T%' order by case_no limit 20`),
      await rows(second, sql`select title from cases where case_no like 'U%' order by case_no limit 20`),
    ];
    expect(a).not.toEqual(b);
  });

  it('keeps statuses, dates, parties, fugitives and timelines consistent', async () => {
    const bad = await numbers(
      first,
      sql`select
      count(*) filter (where status <> case when dismissed_at is not null then 'dismissed' when closed_at is not null then 'closed'
        when prosecuted_at is not null then 'prosecuted' when solved_at is not null then 'solved' when filed_at is not null then 'filed' else 'reported' end) as status,
      count(*) filter (where dismissed_at is not null and (dismissed_at < coalesce(filed_at, reported_at) or dismissal_reason is null or solved_at is not null)) as dismissed,
      count(*) filter (where closed_at is not null and closed_at < coalesce(prosecuted_at, solved_at)) as closed,
      count(*) filter (where occurred_at > reported_at) as occurred,
      count(*) filter (where (supervision <> 'none') <> (supervision_reason is not null) or supervision_set_at < filed_at) as supervision,
      count(*) filter (where case_no !~ '^T[0-9]{6}-[0-9]{4}-[0-9]{6}$' or left(substr(case_no, 2), 6) <> jurisdiction_code) as case_no,
      count(*) filter (where search_terms is null or title !~ '[一-龥]' or length(summary) < 20) as text,
      count(*) filter (where updated_at < created_at or created_at <> reported_at) as stamps
      from cases`,
    );
    expect(bad).toEqual({ status: 0, dismissed: 0, closed: 0, occurred: 0, supervision: 0, case_no: 0, text: 0, stamps: 0 });

    const parties = await numbers(
      first,
      sql`select
      count(*) filter (where p.arrested_at < c.reported_at or p.detained_at < p.arrested_at) as arrest_dates,
      count(*) filter (where p.prosecuted_at is not null and p.prosecuted_at <> c.prosecuted_at) as prosecution_dates,
      count(*) filter (where p.status = 'prosecuted' and p.prosecuted_at is null) as prosecuted,
      count(*) filter (where p.status in ('arrested', 'detained', 'released') and p.arrested_at is null) as arrested,
      count(*) filter (where p.status = 'at_large' and p.arrested_at is not null) as at_large,
      count(*) filter (where p.role <> 'suspect' and p.status <> 'none') as non_suspects
      from case_parties p join cases c on c.id = p.case_id`,
    );
    expect(parties).toEqual({ arrest_dates: 0, prosecution_dates: 0, prosecuted: 0, arrested: 0, at_large: 0, non_suspects: 0 });

    const fugitives = await numbers(
      first,
      sql`select count(*)::int as n,
      count(*) filter (where f.wanted_since < c.reported_at) as early,
      count(*) filter (where f.captured_at is not null and p.arrested_at is distinct from f.captured_at) as capture_mismatch,
      count(*) filter (where p.role is distinct from 'suspect') as not_suspect
      from fugitives f join cases c on c.id = f.case_id left join case_parties p on p.case_id = f.case_id and p.person_id = f.person_id and p.role = 'suspect'`,
    );
    expect(fugitives).toMatchObject({ early: 0, capture_mismatch: 0, not_suspect: 0 });
    expect(fugitives.n).toBeGreaterThan(0);

    // The timeline has exactly one event per lifecycle date, at that date.
    const timeline = await one(
      first,
      sql`select count(*) as n from cases c where
      (select string_agg(kind || '@' || extract(epoch from at)::bigint, ',' order by at, kind) from case_events e where e.case_id = c.id)
      is distinct from
      (select string_agg(k || '@' || extract(epoch from t)::bigint, ',' order by t, k) from (values ('reported', c.reported_at), ('filed', c.filed_at),
        ('solved', c.solved_at), ('prosecuted', c.prosecuted_at), ('closed', c.closed_at), ('dismissed', c.dismissed_at)) v(k, t) where t is not null)`,
    );
    expect(Number(timeline.n)).toBe(0);

    const solved = await one(
      first,
      sql`select avg((solved_at is not null)::int)::float as share, avg((supervision <> 'none')::int)::float as supervised from cases`,
    );
    expect(Number(solved.share)).toBeGreaterThan(0.55);
    expect(Number(solved.share)).toBeLessThan(0.85);
  });

  it('makes valid ID numbers, phones, property units and shared identifiers', async () => {
    const persons = await rows(first, sql`select id_number, phone, jurisdiction_code from persons`);
    expect(persons.length).toBe(counts.persons);
    for (const p of persons) {
      const id = String(p.id_number);
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect(id.slice(17)).toBe(idCheckDigit(id.slice(0, 17)));
      expect(id.slice(0, 6)).toBe(p.jurisdiction_code);
      if (p.phone !== null) expect(String(p.phone)).toMatch(/^1[3-9]\d{9}$/);
    }
    for (const item of await rows(first, sql`select distinct kind, unit from property_items`)) {
      expect(UNITS_BY_KIND[item.kind as PropertyKind]).toContain(item.unit as PropertyUnit);
    }
    // A gang's cases share its phones and accounts, so link suggestions have something to find.
    const showcase = await one(
      first,
      sql`select g.name, (select count(*) from gang_members m where m.gang_id = g.id)::int as members,
        (select count(*) from gang_cases x where x.gang_id = g.id)::int as cases,
        (select count(*) from gang_members m where m.gang_id = g.id and m.is_leader)::int as leaders
      from gangs g order by 3 desc limit 1`,
    );
    expect(showcase).toMatchObject({ members: 8, leaders: 1 });
    expect(Number(showcase.cases)).toBeGreaterThanOrEqual(30);
    const shared = await one(
      first,
      sql`select count(*)::int as n from (select kind, value from case_identifiers group by 1, 2 having count(*) >= 5) x`,
    );
    expect(Number(shared.n)).toBeGreaterThan(3);
  });

  it('covers every leaf category in 2,000 cases, with cold homicides and relic cases where expected', async () => {
    await generateCases(first, { cases: 2000, seed: 7, prefix: 'C' });
    const missing = await rows(
      first,
      sql`select code from case_categories k
      where not exists (select 1 from case_categories child where child.parent_code = k.code)
        and not exists (select 1 from cases c where c.category_code = k.code and c.case_no like 'C%')`,
    );
    expect(missing).toEqual([]);
    const relic = await one(
      first,
      sql`select count(*) filter (where left(jurisdiction_code, 2) in ('15', '61'))::float / count(*) as share
      from cases where category_code like 'relic.%' and case_no like 'C%'`,
    );
    expect(Number(relic.share)).toBeGreaterThan(0.85);
    const cold = await one(
      first,
      sql`select count(*)::int as n from cases
      where category_code = 'violent.homicide' and reported_at < '2010-01-01' and solved_at >= '2019-01-01'`,
    );
    expect(Number(cold.n)).toBeGreaterThan(0);
  });

  it('seeds the demo cases once', async () => {
    const db = databases[1]!.database.db;
    const before = Number((await one(db, sql`select count(*)::int as n from cases where case_no like 'A%'`)).n);
    const added = await seedDemoCases(db, { cases: 200 });
    const again = await seedDemoCases(db, { cases: 200 });
    expect(again.cases).toBe(0);
    const after = Number((await one(db, sql`select count(*)::int as n from cases where case_no like 'A%'`)).n);
    expect(after).toBe(before + added.cases);
    expect(after).toBeGreaterThan(0);
  });

  it('the demo is alive on the day it is loaded: its two years end yesterday, nothing lies in the future, same data for the same day', async () => {
    const db = databases[1]!.database.db;
    // A fixed clock: the demo loaded on 2026-12-07 (Beijing) covers 2024-12-08 … 2026-12-06.
    const counts = await generateCases(db, { cases: 600, seed: 99, prefix: 'D', period: periodEndingOn('2026-12-06') });
    expect(counts.cases).toBe(600);
    // Cold homicides were reported years ago and are solved in the period: the only reports before it.
    const span = await one(
      db,
      sql`select min(reported_at) filter (where category_code <> 'violent.homicide') as first, max(reported_at) as last,
      max(greatest(reported_at, filed_at, solved_at, prosecuted_at, closed_at, dismissed_at)) as latest,
      count(*) filter (where reported_at >= '2025-12-31T16:00:00Z')::int as this_year,
      count(*) filter (where reported_at >= '2024-12-31T16:00:00Z' and reported_at < '2025-12-31T16:00:00Z')::int as last_year,
      count(*) filter (where reported_at >= '2026-11-08T16:00:00Z')::int as last_28_days,
      count(*) filter (where solved_at >= '2025-12-31T16:00:00Z')::int as solved_this_year
      from cases where case_no like 'D%'`,
    );
    expect(new Date(span.first as string).getTime()).toBeGreaterThanOrEqual(Date.parse('2024-12-07T16:00:00Z'));
    expect(new Date(span.last as string).getTime()).toBeLessThan(Date.parse('2026-12-06T16:00:00Z'));
    expect(new Date(span.latest as string).getTime()).toBeLessThan(Date.parse('2026-12-06T16:00:00Z'));
    expect(Number(span.this_year)).toBeGreaterThan(200);
    expect(Number(span.last_year)).toBeGreaterThan(200);
    expect(Number(span.last_28_days)).toBeGreaterThan(10);
    expect(Number(span.solved_this_year)).toBeGreaterThan(50);
    expect(yesterdayInBeijing(new Date('2026-12-07T15:30:00Z'))).toBe('2026-12-06');
    expect(yesterdayInBeijing(new Date('2026-12-07T16:30:00Z'))).toBe('2026-12-07');
  });
});
