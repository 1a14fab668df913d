import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRealData } from '../../src/modules/cases/import/index.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createTestDatabase, type TestDatabase, testDrivers } from '../support/db.ts';

// The real San Francisco and Chicago files live beside the repository and are never copied into it.
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.resolve(REPO, '..', 'shared', 'data', 'crime');
const SF = path.join(DATA, 'sf_crime_jul_dec2012.csv');
const CHICAGO = path.join(DATA, 'chicago_2016_01_01-03.csv');
const missing = [SF, CHICAGO].filter((f) => !fs.existsSync(f));
if (missing.length) console.log(`skipping the real-data import tests: ${missing.join(', ')} not found`);

/** Counted straight from the source files with a different CSV parser, not through the mapping. */
function sourceCounts() {
  const sf = parse(fs.readFileSync(SF), { columns: true, bom: true }) as Array<Record<string, string>>;
  const chicago = parse(fs.readFileSync(CHICAGO), { columns: true, bom: true }) as Array<Record<string, string>>;
  const count = <T>(rows: T[], test: (r: T) => boolean) => rows.filter(test).length;
  return {
    sf: {
      total: sf.length,
      solved: count(sf, (r) => r.Resolution === 'ARREST, BOOKED' || r.Resolution === 'ARREST, CITED'),
      robbery: count(sf, (r) => r.Category === 'ROBBERY'),
      theft: count(sf, (r) => ['LARCENY/THEFT', 'VEHICLE THEFT', 'BURGLARY'].includes(r.Category!)),
      drugs: count(sf, (r) => r.Category === 'DRUG/NARCOTIC'),
      incidents: new Set(sf.map((r) => r.IncidntNum)).size,
    },
    chicago: {
      total: chicago.length,
      solved: count(chicago, (r) => r.Arrest === 'true'),
      theft: count(chicago, (r) => ['THEFT', 'MOTOR VEHICLE THEFT', 'BURGLARY'].includes(r['Primary Type']!)),
      injury: count(chicago, (r) => ['BATTERY', 'ASSAULT'].includes(r['Primary Type']!)),
      fraud: count(chicago, (r) => r['Primary Type'] === 'DECEPTIVE PRACTICE'),
    },
  };
}

describe.skipIf(missing.length > 0).each(testDrivers())('real SF and Chicago data imported as test cases on %s', (driver) => {
  let target: TestDatabase;
  const actor = { userId: null, username: 'test:realdata' };

  beforeAll(async () => {
    target = await createTestDatabase(driver);
    await seedDemo(target.database.db, 'test', { cases: false });
  });
  afterAll(() => target?.dispose());

  async function tally(prefix: string) {
    const result = await target.database.db.execute(sql`
      select count(*)::int as total,
        count(*) filter (where status = 'solved')::int as solved,
        count(*) filter (where status = 'filed' and solved_at is null and filed_at = reported_at)::int as filed,
        count(*) filter (where status = 'solved' and filed_at = solved_at and solved_at = reported_at)::int as solved_same_day,
        count(*) filter (where category_code = 'violent.robbery')::int as robbery,
        count(*) filter (where category_code = 'property.theft')::int as theft,
        count(*) filter (where category_code = 'drugs.other')::int as drugs,
        count(*) filter (where category_code = 'violent.injury')::int as injury,
        count(*) filter (where category_code = 'property.fraud')::int as fraud,
        count(distinct jurisdiction_code)::int as jurisdictions,
        count(*) filter (where summary like '[测试数据 test data]%')::int as marked,
        count(distinct split_part(case_no, '-', 2))::int as incidents
      from cases where case_no like ${`${prefix}%`}`);
    return (result as unknown as { rows: Array<Record<string, number>> }).rows[0]!;
  }

  it('imports every row of both files, with solved counts equal to the arrests in the sources', async () => {
    const expected = sourceCounts();
    const sf = await importRealData(target.database.db, { source: 'sf', path: SF, actor });
    expect(sf.errors).toEqual([]);
    expect(sf).toMatchObject({ rows: expected.sf.total, imported: expected.sf.total });
    const chicago = await importRealData(target.database.db, { source: 'chicago', path: CHICAGO, actor });
    expect(chicago.errors).toEqual([]);
    expect(chicago).toMatchObject({ rows: expected.chicago.total, imported: expected.chicago.total });

    const sfCases = await tally('SF-');
    expect(sfCases).toMatchObject({
      total: expected.sf.total,
      solved: expected.sf.solved,
      robbery: expected.sf.robbery,
      theft: expected.sf.theft,
      drugs: expected.sf.drugs,
      jurisdictions: 1,
      marked: expected.sf.total,
      incidents: expected.sf.incidents,
    });
    expect(sfCases.solved_same_day).toBe(expected.sf.solved);
    expect(sfCases.filed).toBe(expected.sf.total - expected.sf.solved);

    const chiCases = await tally('CHI-');
    expect(chiCases).toMatchObject({
      total: expected.chicago.total,
      solved: expected.chicago.solved,
      theft: expected.chicago.theft,
      injury: expected.chicago.injury,
      fraud: expected.chicago.fraud,
      jurisdictions: 1,
      marked: expected.chicago.total,
    });
    expect(chiCases.filed).toBe(expected.chicago.total - expected.chicago.solved);

    // Local times in the cities' own zones: Chicago's HZ103159, 01/03/2016 11:57:00 PM CST, is 05:57 UTC the next day;
    // SF dates (no usable time in the file) are midnight Pacific time.
    const at = async (caseNo: string) => {
      const result = await target.database.db.execute(sql`select reported_at as at from cases where case_no = ${caseNo}`);
      return new Date((result as unknown as { rows: Array<{ at: string | Date }> }).rows[0]!.at).toISOString();
    };
    expect(await at('CHI-HZ103159')).toBe('2016-01-04T05:57:00.000Z');
    expect(await at('SF-120522283-1')).toBe('2012-07-02T07:00:00.000Z');
  });

  it('imports nothing when run again (every case number is taken), and says so for every row', async () => {
    const again = await importRealData(target.database.db, { source: 'chicago', path: CHICAGO, actor });
    expect(again.imported).toBe(0);
    expect(again.errorCount).toBe(sourceCounts().chicago.total);
    expect(new Set(again.errors.map((e) => e.code))).toEqual(new Set(['import.case_no_exists']));
  });
});
