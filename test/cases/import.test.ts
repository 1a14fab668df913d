import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadConfig } from '../../src/config.ts';
import { DomainError } from '../../src/core/errors.ts';
import type { Db } from '../../src/db/client.ts';
import { buildApp } from '../../src/http/app.ts';
import { type ImportKind, type ImportOptions, importFile } from '../../src/modules/cases/import/index.ts';
import { caseSearchTerms, caseTsQuery, queryTerms } from '../../src/modules/cases/search-terms.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { runCli } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase, testDrivers } from '../support/db.ts';

const CLI = { userId: null, username: 'cli:test' };

/** CSV text from rows of cells (quoted where needed). */
function csv(rows: Array<Array<string | number>>): Buffer {
  const cell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return Buffer.from(rows.map((r) => r.map(cell).join(',')).join('\n') + '\n');
}

/** GBK bytes for a text, built by inverting Node's GBK decoder (Node has no GBK encoder). */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fcffff3f0300050001a5f645400000000049454e44ae426082',
  'hex',
);

interface Session {
  cookie: string;
  csrfToken: string;
}

/** The app, for the export routes (imports over HTTP are jobs: test/api/imports.test.ts). */
async function importTestApp(target: TestDatabase): Promise<FastifyInstance> {
  const config = loadConfig(
    { NODE_ENV: 'test' },
    { login: { rateLimitMax: 1000, rateLimitWindowMs: 60_000, lockoutThreshold: 5, lockoutMinutes: 15 } },
  );
  const app = await buildApp(config, target.database);
  await app.ready();
  return app;
}

describe.each(testDrivers())('import and export on %s', (driver) => {
  let target: TestDatabase;
  let db: Db;
  let app: FastifyInstance;
  const sessions = new Map<string, Session>();

  async function login(username: string): Promise<Session> {
    const known = sessions.get(username);
    if (known) return known;
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'lianfang_session')!;
    const session = { cookie: `lianfang_session=${cookie.value}`, csrfToken: response.json().csrfToken as string };
    sessions.set(username, session);
    return session;
  }

  const run = (kind: ImportKind, bytes: Buffer, extra: Partial<ImportOptions> = {}) =>
    importFile(db, { kind, fileName: `${kind}.csv`, bytes, actor: CLI, ...extra });

  async function counts() {
    const result = await db.execute(sql`select
      (select count(*) from cases)::int as cases, (select count(*) from persons)::int as persons,
      (select count(*) from case_parties)::int as parties, (select count(*) from fugitives)::int as fugitives,
      (select count(*) from property_items)::int as property, (select count(*) from gangs)::int as gangs,
      (select count(*) from gang_members)::int as members, (select count(*) from case_identifiers)::int as identifiers,
      (select count(*) from audit_log)::int as audit`);
    return (
      result as unknown as {
        rows: Array<Record<'cases' | 'persons' | 'parties' | 'fugitives' | 'property' | 'gangs' | 'members' | 'identifiers' | 'audit', number>>;
      }
    ).rows[0]!;
  }

  async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  }

  /** Runs an import that must be refused: nothing written, and the problems as [row, column, code]. */
  async function rejected(kind: ImportKind, bytes: Buffer, extra: Partial<ImportOptions> = {}): Promise<Array<[number, string | null, string]>> {
    const before = await counts();
    const report = await run(kind, bytes, extra);
    expect(report.imported).toBe(0);
    expect(report.errorCount).toBeGreaterThan(0);
    expect(report.errors.every((e) => e.reasonZh && e.reasonEn)).toBe(true);
    expect(await counts()).toEqual(before);
    return report.errors.map((e) => [e.row, e.column, e.code]);
  }

  async function fileError(kind: ImportKind, bytes: Buffer): Promise<string> {
    const before = await counts();
    const error = await run(kind, bytes).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(await counts()).toEqual(before);
    return (error as DomainError).code;
  }

  const CASE_HEADER = [
    'case_no',
    'category',
    'jurisdiction',
    'title',
    'occurred_at',
    'reported_at',
    'filed_at',
    'solved_at',
    'prosecuted_at',
    'closed_at',
    'supervision',
    'loss_amount',
    'campaigns',
    'summary',
  ];
  const caseRow = (caseNo: string, over: Partial<Record<string, string>> = {}) =>
    CASE_HEADER.map(
      (c) =>
        over[c] ??
        (
          {
            case_no: caseNo,
            category: 'relic.excavation',
            jurisdiction: '150100',
            title: `盗掘古墓葬案 ${caseNo}`,
            reported_at: '2020-06-03',
          } as Record<string, string>
        )[c] ??
        '',
    );

  beforeAll(async () => {
    target = await createTestDatabase(driver);
    db = target.database.db;
    await seedDemo(db, 'test', { cases: false }); // agencies and users only: each test builds the records it counts
    app = await importTestApp(target);
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await target?.dispose();
  });

  it('imports a good file of each kind: gangs, cases, parties, property', async () => {
    const before = await counts();
    const gangs = await run(
      'gangs',
      csv([
        ['gang_ref', 'kind', 'name', 'jurisdiction', 'dismantled_at'],
        ['G-1', 'evil_force_gang', '刘某某恶势力团伙', '150100', '2020-08-01'],
        ['G-2', 'criminal_organisation', '某涉黑组织', '150200', ''],
      ]),
    );
    expect(gangs).toMatchObject({ kind: 'gangs', rows: 2, imported: 2, errorCount: 0, encoding: 'utf-8', format: 'csv' });

    const cases = await run(
      'cases',
      csv([
        [...CASE_HEADER, 'remarks'],
        [
          'A-1',
          'relic.excavation',
          '150102',
          '盗掘古墓葬案',
          '2020-05-30',
          '2020-06-03T09:30',
          '2020-06-04',
          '2020-06-20',
          '2020-07-01',
          '2020-09-01',
          'province',
          '1,250,000.50',
          'ZX2020;HB2020',
          '青玉双耳碗被盗，嫌疑人张某',
          'x',
        ],
        ['A-2', 'fraud.telecom', '150200', '电信网络诈骗案', '', '2020-06-03T14:00+08:00', '2020-06-04', '', '', '', '', '', '', '', ''],
        ['A-3', 'property.theft', '150400', '入室盗窃案', '', '2020-06-05', '', '', '', '', 'none', '0', '', '', ''],
      ]),
    );
    expect(cases).toMatchObject({ rows: 3, imported: 3, errorCount: 0 });
    expect(cases.warnings.map((w) => w.code)).toEqual(['import.unknown_columns']);

    const parties = await run(
      'parties',
      csv([
        ['case_no', 'person_ref', 'role', 'name', 'id_number', 'phone', 'arrested_at', 'prosecuted_at', 'wanted_since', 'captured_at', 'gang_ref'],
        ['A-1', 'P-1', 'suspect', '张某', '15010219900101123x', '138 0000 0001', '2020-06-20', '2020-07-01', '', '', 'G-1'],
        ['A-1', 'P-2', 'victim', '李某', '', '', '', '', '', '', ''],
        ['A-2', 'P-1', 'suspect', '', '', '', '', '', '2020-06-05', '', ''],
        ['A-3', 'P-3', 'suspect', '王某', '', '+86-139-0000-0003', '', '', '2020-06-06', '2020-06-10', ''],
      ]),
    );
    expect(parties).toMatchObject({ rows: 4, imported: 4, errorCount: 0 });

    const property = await run(
      'property',
      csv([
        ['case_no', 'kind', 'quantity', 'unit', 'action', 'at', 'object_ref', 'description'],
        ['A-1', 'cultural_relic', '3', 'piece', 'recovered', '2020-06-20', 'OBJ-0001', '青玉双耳碗'],
        ['A-2', 'funds', '52000.5', 'yuan', 'frozen', '2020-06-06', '', ''],
        ['A-3', 'other', '1.25', 'kg', 'seized', '2020-06-10', '', ''],
      ]),
    );
    expect(property).toMatchObject({ rows: 3, imported: 3, errorCount: 0 });

    const after = await counts();
    expect({
      cases: after.cases - before.cases,
      persons: after.persons - before.persons,
      parties: after.parties - before.parties,
      fugitives: after.fugitives - before.fugitives,
      property: after.property - before.property,
      gangs: after.gangs - before.gangs,
      members: after.members - before.members,
      audit: after.audit - before.audit,
    }).toEqual({ cases: 3, persons: 3, parties: 4, fugitives: 2, property: 3, gangs: 2, members: 1, audit: 4 });

    const imported = await rows<{
      case_no: string;
      status: string;
      supervision: string;
      loss_amount: string | null;
      campaign_codes: string[];
      reported_at: Date | string;
      agency: string;
      matches: boolean;
    }>(sql`
      select c.case_no, c.status, c.supervision, c.loss_amount, c.campaign_codes, c.reported_at, a.name_zh as agency,
        c.search_terms @@ to_tsquery('simple', ${caseTsQuery(queryTerms('双耳 青玉 碗'))}) as matches
      from cases c join agencies a on a.id = c.agency_id where c.case_no like 'A-%' order by c.case_no`);
    expect(imported.map((c) => [c.case_no, c.status, c.supervision, c.loss_amount, c.campaign_codes])).toEqual([
      ['A-1', 'closed', 'province', '1250000.50', ['ZX2020', 'HB2020']],
      ['A-2', 'filed', 'none', null, []],
      ['A-3', 'reported', 'none', '0.00', []],
    ]);
    // No offset: Shanghai time. No agency column on the command line: the police agency at or above the jurisdiction.
    expect(new Date(imported[0]!.reported_at).toISOString()).toBe('2020-06-03T01:30:00.000Z');
    expect(imported.map((c) => c.agency)).toEqual(['呼和浩特市公安局新城区分局', '包头市公安局', '赤峰市公安局']);
    expect(imported[0]!.matches).toBe(true);

    const partyRows = await rows<{
      case_no: string;
      person_ref: string;
      role: string;
      status: string;
      name: string;
      id_number: string | null;
      phone: string | null;
    }>(sql`
      select c.case_no, p.person_ref, cp.role, cp.status, p.name, p.id_number, p.phone from case_parties cp
      join cases c on c.id = cp.case_id join persons p on p.id = cp.person_id where c.case_no like 'A-%' order by c.case_no, p.person_ref`);
    expect(partyRows.map((p) => [p.case_no, p.person_ref, p.role, p.status])).toEqual([
      ['A-1', 'P-1', 'suspect', 'prosecuted'],
      ['A-1', 'P-2', 'victim', 'none'],
      ['A-2', 'P-1', 'suspect', 'at_large'],
      ['A-3', 'P-3', 'suspect', 'arrested'],
    ]);
    expect(partyRows[0]).toMatchObject({ name: '张某', id_number: '15010219900101123X', phone: '13800000001' });
    const identifiers = await rows<{ case_no: string; kind: string; value: string }>(sql`
      select c.case_no, i.kind, i.value from case_identifiers i join cases c on c.id = i.case_id where c.case_no like 'A-%' order by 1, 2, 3`);
    expect(identifiers.map((i) => `${i.case_no} ${i.kind} ${i.value}`)).toEqual([
      'A-1 id_number 15010219900101123X',
      'A-1 object OBJ-0001',
      'A-1 phone 13800000001',
      'A-3 phone 8613900000003',
    ]);
    const audit = await rows<{ action: string; after: { fileName: string; rows: number; sha256: string } }>(sql`
      select action, after from audit_log where action like 'import.%' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['import.gangs', 'import.cases', 'import.parties', 'import.property']);
    expect(audit[1]!.after).toMatchObject({ fileName: 'cases.csv', rows: 3, sha256: cases.sha256 });
  });

  it('round-trips text that looks like a spreadsheet formula: guarded in CSV exports, unguarded on import', async () => {
    expect(await run('cases', csv([CASE_HEADER, caseRow('F-1', { title: '=HYPERLINK("http://x")', summary: "'-5 quoted" })]))).toMatchObject({
      imported: 1,
    });
    const [stored] = await rows<{ title: string; summary: string }>(sql`select title, summary from cases where case_no = 'F-1'`);
    expect(stored).toEqual({ title: '=HYPERLINK("http://x")', summary: '-5 quoted' });
    const session = await login('admin');
    const exported = (await app.inject({ method: 'GET', url: '/api/cases/export?q=F-1', headers: { cookie: session.cookie } })).rawPayload.toString(
      'utf8',
    );
    expect(exported).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(exported).toContain(`'-5 quoted`);
  });

  it('stores the same search terms as a hand-entered case would get, in any script', async () => {
    const texts: Array<[string, string]> = [
      ['ST-1', '青玉双耳碗 HZ103159 盗掘'],
      ['ST-2', 'Café ÉTÉ ① naïve 東京 abc中文'],
      ['ST-3', '!!!'],
    ];
    const report = await run('cases', csv([CASE_HEADER, ...texts.map(([no, title]) => caseRow(no, { title, summary: `${title} 摘要` }))]));
    expect(report.imported).toBe(3);
    for (const [no, title] of texts) {
      const [row] = await rows<{ same: boolean }>(
        sql`select search_terms = strip(to_tsvector('simple', ${caseSearchTerms(`${title} ${title} 摘要`)})) as same from cases where case_no = ${no}`,
      );
      expect(row!.same, no).toBe(true);
    }
  });

  it('rejects unknown categories and jurisdictions, naming row, column and value', async () => {
    const problems = await rejected(
      'cases',
      csv([
        CASE_HEADER,
        caseRow('B-1', { category: 'relic.nonsense' }),
        caseRow('B-2', { jurisdiction: '999999' }),
        caseRow('B-3', { jurisdiction: '15010' }),
      ]),
    );
    expect(problems).toEqual([
      [2, 'category', 'import.unknown_category'],
      [3, 'jurisdiction', 'import.unknown_jurisdiction'],
      [4, 'jurisdiction', 'import.invalid_jurisdiction'],
    ]);
  });

  it('rejects dates out of order and stages without the one before', async () => {
    const report = await run(
      'cases',
      csv([
        CASE_HEADER,
        caseRow('D-1', { reported_at: '2020-06-03', filed_at: '2020-06-01' }),
        caseRow('D-2', { filed_at: '2020-06-04', solved_at: '2020-06-10', prosecuted_at: '2020-06-09' }),
        caseRow('D-3', { solved_at: '2020-06-10' }),
        caseRow('D-4', { closed_at: '2020-05-01' }),
        caseRow('D-5', { reported_at: '2020-06-31' }),
        caseRow('D-6', { reported_at: '2999-01-01' }),
      ]),
    );
    expect(report.imported).toBe(0);
    expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'filed_at', 'import.date_before'],
      [3, 'prosecuted_at', 'import.date_before'],
      [4, 'solved_at', 'import.date_requires'],
      [5, 'closed_at', 'import.date_before'],
      [5, 'closed_at', 'import.date_requires'],
      [6, 'reported_at', 'import.invalid_date'],
      [7, 'reported_at', 'import.date_in_future'],
    ]);
    expect(report.errors[0]).toMatchObject({
      value: '2020-06-01',
      reasonEn: 'must not be before reported_at (2020-06-03)',
      reasonZh: '不能早于 reported_at（2020-06-03）',
    });
  });

  it('rejects a case number repeated within the file or already in the database', async () => {
    expect(await run('cases', csv([CASE_HEADER, caseRow('DUP-1')]))).toMatchObject({ imported: 1, errorCount: 0 });
    const problems = await rejected('cases', csv([CASE_HEADER, caseRow('E-1'), caseRow('DUP-1'), caseRow('E-1')]));
    expect(problems).toEqual([
      [3, 'case_no', 'import.case_no_exists'],
      [4, 'case_no', 'import.duplicate_in_file'],
    ]);
  });

  it('rejects quantities ≤ 0 and units that do not fit the kind', async () => {
    expect(await run('cases', csv([CASE_HEADER, caseRow('QTY-1')]))).toMatchObject({ imported: 1, errorCount: 0 });
    const problems = await rejected(
      'property',
      csv([
        ['case_no', 'kind', 'quantity', 'unit', 'action', 'at'],
        ['QTY-1', 'cultural_relic', '0', 'piece', 'seized', '2020-06-20'],
        ['QTY-1', 'cash', '-5', 'yuan', 'seized', '2020-06-20'],
        ['QTY-1', 'cultural_relic', '2', 'kg', 'seized', '2020-06-20'],
        ['QTY-1', 'drugs', 'lots', 'g', 'seized', '2020-06-20'],
        ['NOPE', 'vessel', '1', 'vessel', 'impounded', '2020-06-20'],
      ]),
    );
    expect(problems).toEqual([
      [2, 'quantity', 'import.quantity_not_positive'],
      [3, 'quantity', 'import.quantity_not_positive'],
      [4, 'unit', 'import.unit_invalid_for_kind'],
      [5, 'quantity', 'import.invalid_quantity'],
      [6, 'action', 'import.not_in_list'],
      [6, 'case_no', 'import.unknown_case'],
    ]);
  });

  it('rejects bad parties: unknown case and gang, repeats, new person without a name, suspect-only dates on a victim', async () => {
    // Its own two cases, one with a suspect already on it.
    expect(await run('cases', csv([CASE_HEADER, caseRow('PA-1'), caseRow('PA-3', { reported_at: '2020-06-05' })]))).toMatchObject({
      imported: 2,
      errorCount: 0,
    });
    expect(
      await run(
        'parties',
        csv([
          ['case_no', 'person_ref', 'role', 'name'],
          ['PA-1', 'PP-1', 'suspect', '张某'],
        ]),
      ),
    ).toMatchObject({ imported: 1, errorCount: 0 });
    const problems = await rejected(
      'parties',
      csv([
        ['case_no', 'person_ref', 'role', 'name', 'phone', 'arrested_at', 'wanted_since', 'captured_at', 'gang_ref'],
        ['PA-9', 'PP-9', 'suspect', '赵某', '', '', '', '', ''],
        ['PA-3', 'PP-10', 'suspect', '', '', '', '', '', 'G-9'],
        ['PA-3', 'PP-11', 'victim', '钱某', '', '2020-06-07', '', '', ''],
        ['PA-3', 'PP-12', 'suspect', '孙某', '12', '', '', '2020-06-08', ''],
        ['PA-1', 'PP-1', 'suspect', '', '', '', '', '', ''],
        ['PA-3', 'PP-13', 'witness', '周某', '', '', '', '', ''],
        ['PA-3', 'PP-13', 'witness', '吴某', '', '', '', '', ''],
      ]),
    );
    expect(problems).toEqual([
      [2, 'case_no', 'import.unknown_case'],
      [3, 'gang_ref', 'import.unknown_gang'],
      [3, 'name', 'import.name_required'],
      [4, 'arrested_at', 'import.suspects_only'],
      [5, 'phone', 'import.invalid_phone'],
      [5, 'captured_at', 'import.date_requires'],
      [6, 'person_ref', 'import.party_exists'],
      [8, 'person_ref', 'import.duplicate_in_file'],
      [8, 'name', 'import.person_conflict'],
    ]);
  });

  it('reads a GBK-encoded CSV and says so, with the Chinese intact', async () => {
    const text = `${CASE_HEADER.join(',')}\nGBK-1,relic.theft.museum,150100,博物馆馆藏青铜器被盗案,,2020-06-03,,,,,,,,嫌疑人翻窗入室\n`;
    const report = await run('cases', gbk(text));
    expect(report).toMatchObject({ encoding: 'gb18030', imported: 1, errorCount: 0 });
    const [stored] = await rows<{ title: string; summary: string }>(sql`select title, summary from cases where case_no = 'GBK-1'`);
    expect(stored).toEqual({ title: '博物馆馆藏青铜器被盗案', summary: '嫌疑人翻窗入室' });
  });

  it('reads UTF-8 with a BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv([CASE_HEADER, caseRow('BOM-1')])]);
    expect(await run('cases', bytes)).toMatchObject({ encoding: 'utf-8', imported: 1, warnings: [] });
  });

  it('refuses a file that is neither CSV nor XLSX, an empty file, a header without rows, and missing columns', async () => {
    expect(await fileError('cases', PNG)).toBe('import.not_csv_or_xlsx');
    expect(await fileError('cases', Buffer.from('PK\u0003\u0004 not really a workbook'))).toBe('import.xlsx_unreadable');
    expect(await fileError('cases', Buffer.alloc(0))).toBe('import.no_data_rows');
    expect(await fileError('cases', csv([CASE_HEADER]))).toBe('import.no_data_rows');
    expect(await fileError('cases', Buffer.from(`${CASE_HEADER.join(',')}\n\n,,,\n`))).toBe('import.no_data_rows');
    expect(
      await fileError(
        'property',
        csv([
          ['case_no', 'kind'],
          ['A-1', 'cash'],
        ]),
      ),
    ).toBe('import.missing_columns');
  });

  it('imports the first worksheet of an XLSX file, dates and numbers as Excel stores them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('案件');
    sheet.addRow(['case_no', 'category', 'jurisdiction', 'title', 'reported_at', 'filed_at', 'loss_amount']);
    sheet.addRow(['X-1', 'fraud.telecom', '150100', '冒充客服诈骗案', new Date(Date.UTC(2020, 5, 3, 14, 0)), '2020-06-04', 12000.5]);
    sheet.addRow(['X-2', 'fraud.telecom', 150100, '“民族资产解冻”诈骗案', '2020-06-05', '', '']);
    workbook.addWorksheet('notes').addRow(['ignored']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await run('cases', bytes, { fileName: 'cases.xlsx' });
    expect(report).toMatchObject({ format: 'xlsx', rows: 2, imported: 2, errorCount: 0 });
    expect(report.warnings.map((w) => w.code)).toEqual(['import.other_sheets_ignored']);
    const stored = await rows<{ case_no: string; reported_at: Date | string; status: string; loss_amount: string | null }>(sql`
      select case_no, reported_at, status, loss_amount from cases where case_no like 'X-%' order by case_no`);
    // A date cell holds wall-clock time: 14:00 in Shanghai.
    expect(new Date(stored[0]!.reported_at).toISOString()).toBe('2020-06-03T06:00:00.000Z');
    expect(stored.map((s) => [s.case_no, s.status, s.loss_amount])).toEqual([
      ['X-1', 'filed', '12000.50'],
      ['X-2', 'reported', null],
    ]);

    const bad = new ExcelJS.Workbook();
    bad
      .addWorksheet('s')
      .addRows([['case_no', 'category', 'jurisdiction', 'title', 'reported_at'], [], ['X-3', 'nope', '150100', 't', '2020-06-05']]);
    expect(await rejected('cases', Buffer.from(await bad.xlsx.writeBuffer()))).toEqual([[3, 'category', 'import.unknown_category']]);
  });

  it('writes nothing from a file mixing good and bad rows, and lists every bad row', async () => {
    const problems = await rejected(
      'cases',
      csv([
        CASE_HEADER,
        caseRow('M-1'),
        caseRow('M-2', { category: 'nope' }),
        caseRow('M-3'),
        caseRow('M-4', { title: '', reported_at: 'June 3rd' }),
        caseRow('M-5', { supervision: 'city', loss_amount: '-3' }),
        caseRow('M-6'),
      ]),
    );
    expect(problems).toEqual([
      [3, 'category', 'import.unknown_category'],
      [5, 'title', 'import.required'],
      [5, 'reported_at', 'import.invalid_date'],
      [6, 'supervision', 'import.not_in_list'],
      [6, 'loss_amount', 'import.invalid_amount'],
    ]);
    expect(await rows(sql`select 1 from cases where case_no like 'M-%'`)).toHaveLength(0);
  });

  it('counts rows by file line, so a quoted field over several lines keeps later rows numbered as an editor shows them', async () => {
    const text = `${CASE_HEADER.join(',')}\nQ-1,other,150100,"第一行\n第二行",,2020-06-03,,,,,,,,\nQ-2,nope,150100,t,,2020-06-03,,,,,,,,\n`;
    expect(await rejected('cases', Buffer.from(text))).toEqual([[4, 'category', 'import.unknown_category']]);
  });

  it('checks everything on a dry run and writes nothing', async () => {
    const before = await counts();
    const good = await run('cases', csv([CASE_HEADER, caseRow('DRY-1'), caseRow('DRY-2')]), { dryRun: true });
    expect(good).toMatchObject({ dryRun: true, rows: 2, imported: 0, errorCount: 0 });
    const bad = await run('cases', csv([CASE_HEADER, caseRow('DRY-1', { category: 'x' })]), { dryRun: true });
    expect(bad.errors.map((e) => e.code)).toEqual(['import.unknown_category']);
    expect(await counts()).toEqual(before);
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
