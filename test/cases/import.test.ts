import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseSearchTerms, caseTsQuery, queryTerms } from '../../src/modules/cases/search-terms.ts';
import { CASE_HEADER, caseRow } from '../support/case-rows.ts';
import { testDrivers } from '../support/db.ts';
import { csv, gbk, importSuite, PNG } from './import-support.ts';

describe.each(testDrivers())('import and export on %s', (driver) => {
  const suite = importSuite(driver);
  const { login, run, counts, rows, rejected, fileError } = suite;
  let app: FastifyInstance;
  beforeAll(() => {
    ({ app } = suite);
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
});
