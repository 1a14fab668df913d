import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.ts';
import type { Db } from '../../src/db/client.ts';
import { type ImportOptions, importFile } from '../../src/modules/cases/import/index.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createTestDatabase, type TestDatabase, testDrivers } from '../support/db.ts';

// On a PostgreSQL server the cases importer writes with COPY (db/copy.ts); PGlite keeps the JSON
// statement, which these tests take as the reference.
const onServer = testDrivers().includes('postgres');
if (!onServer) console.log('skipping the COPY import tests: COPY is the PostgreSQL server path, and no server is in this run');

const CLI = { userId: null, username: 'cli:test' };
const HEADER = [
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
  'dismissed_at',
  'dismissal_reason',
];

function csv(rows: string[][]): Buffer {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from(rows.map((r) => r.map(cell).join(',')).join('\n') + '\n');
}

/** Text COPY's format must escape (tab, newline, carriage return, backslash, a literal \N), quotes, commas, CJK, other scripts. */
const TEXTS = [
  '青玉双耳碗\t盗掘案',
  '第一行\n第二行\r\n第三行',
  'C:\\文物\\库房\\N 与 \\t 字面',
  '\\N',
  '他说："还我国宝"，\'单引号\'，逗号, 分号;',
  'Café ÉTÉ ① naïve 東京',
  '𠀀 罕用字 🏺 emoji 混排',
  '{大括号,数组} "引号" \\ 反斜杠',
];

/** The texts in cases numbered prefix-1, prefix-2, …; `copies` times over. */
function rowsFor(prefix: string, copies = 1): string[][] {
  return Array.from({ length: TEXTS.length * copies }, (_, i) => {
    const text = TEXTS[i % TEXTS.length]!;
    const row: Record<string, string> = {
      case_no: `${prefix}-${i + 1}`,
      category: i % 2 ? 'fraud.telecom' : 'relic.excavation',
      jurisdiction: ['150100', '150102', '150200'][i % 3]!,
      title: `${text} 标题`,
      reported_at: '2020-06-03T10:20:30.123',
      summary: i === 3 ? '' : `摘要：${text}`,
      supervision: ['', 'province', 'ministry'][i % 3]!,
      loss_amount: i % 2 ? '1,234.56' : '',
      campaigns: i % 3 === 0 ? 'ZX2020;ZX-2021' : '',
    };
    if (i % TEXTS.length === 0) row.occurred_at = '1000-01-01'; // before 1970, and in UTC still year 999
    if (i % 4 === 1)
      Object.assign(row, {
        filed_at: '2020-06-04',
        solved_at: '2020-07-01 08:00',
        prosecuted_at: '2020-08-01',
        closed_at: '2021-01-01T23:59:59+08:00',
      });
    if (i % 4 === 2) Object.assign(row, { dismissed_at: '2020-06-05', dismissal_reason: `撤案理由\t${text}` });
    return HEADER.map((c) => row[c] ?? '');
  });
}

describe.skipIf(!onServer)('cases import with COPY on the PostgreSQL server', () => {
  let target: TestDatabase;
  let db: Db;
  const run = (bytes: Buffer, extra: Partial<ImportOptions> = {}) =>
    importFile(db, { kind: 'cases', fileName: 'cases.csv', bytes, actor: CLI, ...extra });

  async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  }

  /** Every column a write fills, but the case number's prefix, the id and the times of the writing transaction. */
  async function written(prefix: string) {
    return rows<{ n: string; row: string; set_at_is_now: boolean | null }>(sql`
      select split_part(case_no, '-', 2) as n,
        (to_jsonb(c) - 'id' - 'case_no' - 'created_at' - 'updated_at' - 'supervision_set_at')::text as row,
        case when supervision <> 'none' then supervision_set_at = created_at end as set_at_is_now
      from cases c where case_no like ${`${prefix}-%`} order by split_part(case_no, '-', 2)::int`);
  }

  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    db = target.database.db;
    await seedDemo(db, 'test', { cases: false });
  });
  afterAll(async () => {
    await target?.dispose();
  });

  it('writes the same rows as the JSON statement, byte for byte, with text that needs escaping intact', async () => {
    const reference = await run(csv([HEADER, ...rowsFor('J')]), { copy: false });
    expect(reference).toMatchObject({ imported: TEXTS.length, errorCount: 0 });
    // Several COPY batches, and (B) bulk mode with its indexes rebuilt, as a large import runs.
    expect(await run(csv([HEADER, ...rowsFor('C')]), { batchSize: 3 })).toMatchObject({ imported: TEXTS.length, errorCount: 0 });
    expect(await run(csv([HEADER, ...rowsFor('B')]), { batchSize: 2, bulkRows: 1 })).toMatchObject({ imported: TEXTS.length, errorCount: 0 });

    const json = await written('J');
    expect(json).toHaveLength(TEXTS.length);
    expect(await written('C')).toEqual(json);
    expect(await written('B')).toEqual(json);
    // The text as the file has it, not only equal between the two paths.
    const stored = await rows<{
      title: string;
      summary: string;
      reason: string | null;
      occurred: string | null;
      reported: string;
      campaigns: string[];
    }>(sql`
      select title, summary, dismissal_reason as reason, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') as occurred,
        to_char(reported_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') as reported, campaign_codes as campaigns
      from cases where case_no like 'C-%' order by split_part(case_no, '-', 2)::int`);
    expect(stored.map((r) => r.title)).toEqual(TEXTS.map((t) => `${t} 标题`));
    expect(stored.map((r) => r.summary)).toEqual(TEXTS.map((t, i) => (i === 3 ? '' : `摘要：${t}`)));
    expect(stored[2]!.reason).toBe(`撤案理由\t${TEXTS[2]}`);
    expect(stored[0]!.occurred!.startsWith('0999-12-31 ')).toBe(true); // Shanghai midnight, 1000-01-01 (in local mean time), is still year 999 in UTC
    expect(stored[0]!.reported).toBe('2020-06-03 02:20:30.123');
    expect(stored[0]!.campaigns).toEqual(['ZX2020', 'ZX-2021']);
    // Supervision is stamped with the importing transaction's time, as the JSON statement's now() does.
    expect((await written('C')).filter((r) => r.set_at_is_now !== null).every((r) => r.set_at_is_now)).toBe(true);
    // Found by the search terms of a hand-entered case, whichever path built them.
    const found = await rows<{ case_no: string }>(
      sql`select case_no from cases where search_terms @@ to_tsquery('simple', '双耳 & 盗掘') order by case_no`,
    );
    expect(found.map((r) => r.case_no)).toEqual(['B-1', 'C-1', 'J-1']);
  });

  it('writes nothing when a bad row comes after batches already copied', async () => {
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from cases`);
    // (large enough against the table for bulk mode, where the checks run in the import's transaction behind the writes)
    const file = csv([
      HEADER,
      ...rowsFor('X', 5),
      HEADER.map(
        (c) =>
          (
            ({ case_no: 'X-99', category: 'relic.excavation', jurisdiction: '999999', title: '坏行', reported_at: '2020-06-03' }) as Record<
              string,
              string
            >
          )[c] ?? '',
      ),
    ]);
    for (const bulkRows of [0, 1]) {
      const report = await run(file, { batchSize: 2, bulkRows });
      expect(report.imported).toBe(0);
      // (rows are numbered by file line, and some texts span lines: the bad row is the file's last line)
      expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([
        [file.toString().trimEnd().split('\n').length, 'jurisdiction', 'import.unknown_jurisdiction'],
      ]);
      expect(await rows<{ n: number }>(sql`select count(*)::int as n from cases`)).toEqual(before);
    }
  });

  it('rolls back the batches already copied when the server refuses a later one, and says why', async () => {
    // A rule the checks do not know: the server refuses the row at write time, in the third batch (and in
    // bulk mode the checks of the next batch, queued behind it in the transaction, fail too: the report names the cause).
    await db.execute(sql`alter table cases add constraint test_refuse_title check (title <> 'REFUSED')`);
    try {
      const before = await rows<{ n: number }>(sql`select count(*)::int as n from cases`);
      const file = csv([HEADER, ...rowsFor('R', 5).map((r, i) => (i === 5 ? r.map((v, c) => (HEADER[c] === 'title' ? 'REFUSED' : v)) : r))]);
      for (const bulkRows of [0, 1]) {
        const error = await run(file, { batchSize: 2, bulkRows }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('import.write_failed');
        expect(JSON.stringify((error as DomainError).params)).toContain('test_refuse_title');
        expect(await rows<{ n: number }>(sql`select count(*)::int as n from cases`)).toEqual(before);
      }
    } finally {
      await db.execute(sql`alter table cases drop constraint test_refuse_title`);
    }
  });
});
