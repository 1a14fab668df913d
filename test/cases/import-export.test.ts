import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { caseTsQuery, queryTerms } from '../../src/modules/cases/search-terms.ts';
import { CASE_HEADER, caseRow } from '../support/case-rows.ts';
import { runCli } from '../support/cli.ts';
import { type TestDatabase, testDrivers } from '../support/db.ts';
import { csv, importSuite } from './import-support.ts';

describe.each(testDrivers())('export, bulk import and the command line on %s', (driver) => {
  const suite = importSuite(driver);
  const { login, run, rows, rejected } = suite;
  let target: TestDatabase;
  let db: Db;
  let app: FastifyInstance;
  beforeAll(() => {
    ({ target, db, app } = suite);
  });

  it('exports the filtered list as CSV with a BOM and as XLSX, in the import format, and the export imports again', async () => {
    // Its own cases (tagged EXPTEST in the title, so the export can be narrowed to them): relic cases inside and
    // outside Inner Mongolia, and others, so the filters and the scope each leave something out.
    const own = await run(
      'cases',
      csv([
        CASE_HEADER,
        [
          'EX-1',
          'relic.excavation',
          '150102',
          '盗掘古墓葬案 EXPTEST',
          '2020-05-30',
          '2020-06-03T09:30',
          '2020-06-04',
          '2020-06-20',
          '2020-07-01',
          '2020-09-01',
          'province',
          '1,250,000.50',
          'ZX2020;HB2020',
          '青玉双耳碗被盗',
        ],
        ['EX-2', 'relic.theft.museum', '150200', '博物馆文物被盗案 EXPTEST', '', '2020-07-01', '2020-07-02', '', '', '', '', '', '', ''],
        ['EX-3', 'fraud.telecom', '150200', '电信网络诈骗案 EXPTEST', '', '2020-06-03T14:00', '', '', '', '', '', '', '', ''],
        ['EX-4', 'relic.excavation', '610100', '盗掘古墓葬案 EXPTEST', '', '2020-06-05', '', '', '', '', '', '', '', ''],
      ]),
    );
    expect(own).toMatchObject({ imported: 4, errorCount: 0 });
    const session = await login('nmg.commander');
    const response = await app.inject({
      method: 'GET',
      url: '/api/cases/export?format=csv&category=relic&q=EXPTEST&sort=case_no',
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="cases-\d{8}-\d{4}\.csv"$/);
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    const exported = records.map((r) => r.case_no).sort();
    const expected = ['EX-1', 'EX-2'];
    expect(exported).toEqual(expected);
    const a1 = records.find((r) => r.case_no === 'EX-1')!;
    expect(a1).toMatchObject({
      category: 'relic.excavation',
      jurisdiction: '150102',
      reported_at: '2020-06-03T09:30:00+08:00',
      supervision: 'province',
      loss_amount: '1250000.50',
      campaigns: 'ZX2020;HB2020',
    });

    // The same rows under new case numbers import cleanly, with the same statuses.
    const renamed = Buffer.from(bytes.toString('utf8').replace(/\n([A-Z]+)-/g, '\nR$1-'));
    const again = await run('cases', renamed);
    expect(again).toMatchObject({ rows: expected.length, imported: expected.length, errorCount: 0 });
    const statuses = await rows<{ n: number }>(sql`select count(*)::int as n from cases a join cases b on b.case_no = 'R' || a.case_no
      where a.case_no like 'EX-%' and a.status = b.status and a.reported_at = b.reported_at and a.closed_at is not distinct from b.closed_at and a.category_code like 'relic%'`);
    expect(statuses[0]!.n).toBe(expected.length);

    const xlsx = await app.inject({
      method: 'GET',
      url: '/api/cases/export?format=xlsx&jurisdiction=150100&q=EXPTEST',
      headers: { cookie: session.cookie },
    });
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const header = (workbook.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['case_no', 'category', 'jurisdiction', 'title', 'occurred_at', 'reported_at']);

    const baotou = await login('baotou.investigator');
    const scoped = parse((await app.inject({ method: 'GET', url: '/api/cases/export?q=EXPTEST', headers: { cookie: baotou.cookie } })).rawPayload, {
      bom: true,
      columns: true,
    }) as Array<Record<string, string>>;
    expect(new Set(scoped.map((r) => r.jurisdiction))).toEqual(new Set(['150200']));
  });

  /** The cases table's indexes and foreign keys, as the catalog defines them. */
  async function casesStructure() {
    const indexes = await rows<{ def: string }>(
      sql`select pg_get_indexdef(indexrelid) as def from pg_index where indrelid = 'cases'::regclass order by 1`,
    );
    const keys = await rows<{ def: string }>(
      sql`select conname || ' ' || pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'cases'::regclass order by 1`,
    );
    return [...indexes.map((r) => r.def), ...keys.map((r) => r.def)];
  }

  it('imports in bulk mode (indexes and keys rebuilt once) with the same result, and a bad row later in the file still writes nothing', async () => {
    const structure = await casesStructure();
    expect(structure.some((d) => d.includes('cases_search_idx'))).toBe(true);
    expect(structure.some((d) => d.includes('FOREIGN KEY (category_code)'))).toBe(true);

    // A bad row in the last batch: on a PostgreSQL server the first batches are already written in the
    // transaction (and the indexes dropped) when it is found; everything rolls back, the indexes included.
    const good = Array.from({ length: 5 }, (_, i) => caseRow(`BULK-${i + 1}`, { summary: `青玉双耳碗 第${i + 1}件` }));
    const refused = await rejected('cases', csv([CASE_HEADER, ...good, caseRow('BULK-6', { jurisdiction: '999999' }), caseRow('BULK-1')]), {
      bulkRows: 1,
      batchSize: 2,
    });
    expect(refused).toEqual([
      [7, 'jurisdiction', 'import.unknown_jurisdiction'],
      [8, 'case_no', 'import.duplicate_in_file'],
    ]);
    expect(await casesStructure()).toEqual(structure);

    const report = await run('cases', csv([CASE_HEADER, ...good]), { bulkRows: 1, batchSize: 2 });
    expect(report).toMatchObject({ rows: 5, imported: 5, errorCount: 0 });
    expect(await casesStructure()).toEqual(structure);
    // Found through the rebuilt search index, as a hand-entered case would be.
    const found = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return (
        (await tx.execute(
          sql`select case_no from cases where search_terms @@ to_tsquery('simple', ${caseTsQuery(queryTerms('双耳 青玉 碗'))}) and case_no like 'BULK-%' order by case_no`,
        )) as unknown as { rows: Array<{ case_no: string }> }
      ).rows;
    });
    expect(found.map((r) => r.case_no)).toEqual(['BULK-1', 'BULK-2', 'BULK-3', 'BULK-4', 'BULK-5']);
    const audit = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'import.cases' and entity_id = ${report.sha256}`,
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('runs from the command line: prints the bad rows and exits 1, then imports and exports', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-import-cli-'));
    // The CLI opens the database itself; PGlite allows one process at a time.
    await app.close();
    await target.database.close();
    try {
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, csv([CASE_HEADER, caseRow('CLI-1'), caseRow('CLI-2', { category: 'nope' })]));
      const refused = await runCli(['import', 'cases', bad, '--lang', 'en'], target.location);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('rejected: 1 problem(s) in 2 rows of cases from bad.csv');
      expect(refused.stdout).toContain('3\tcategory\tnope\tno such case category code');

      const good = path.join(dir, 'good.csv');
      fs.writeFileSync(good, csv([CASE_HEADER, caseRow('CLI-1'), caseRow('CLI-2')]));
      const imported = await runCli(['import', 'cases', good, '--lang', 'en'], target.location);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain('imported 2 rows of cases from good.csv');
      expect(imported.stderr).toContain('wrote 2 rows');

      const out = path.join(dir, 'out.csv');
      const exported = await runCli(['export', 'cases', '--format', 'csv', '--out', out, '--q', 'CLI-1'], target.location);
      expect(exported.code, exported.stderr).toBe(0);
      expect(fs.readFileSync(out, 'utf8')).toContain('\nCLI-1,relic.excavation,150100,');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Three CLI processes, each opening and checking the database (and the job queue's schema) itself.
  }, 180_000);
});
