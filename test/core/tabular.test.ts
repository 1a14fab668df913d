import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTabular, type TabularRow } from '../../src/core/tabular/index.ts';
import { readListings } from '../../src/modules/matching/index.ts';

/** Issue 15, item 4: one reader for every tabular import (cases and their kinds, the registry, screening listings). */

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

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function readAll(source: {
  bytes?: Uint8Array;
  path?: string;
}): Promise<{ rows: TabularRow[]; notes: string[]; encoding: string; format: string }> {
  const file = await openTabular(source);
  const rows: TabularRow[] = [];
  for await (const row of file.rows()) rows.push(row);
  return { rows, notes: file.notes, encoding: file.encoding, format: file.format };
}

const read = async (text: string | Buffer) => (await readAll({ bytes: Buffer.from(text) })).rows;

describe('tabular reader', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-tabular-test-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a GBK-encoded screening listings file with its Chinese intact, and says it was read as GBK', async () => {
    const text = 'source,reference,title,description,images\n闲鱼,item-1,清代青花瓷碗,"品相完好，疑似馆藏",img/碗.jpg\n';
    const file = path.join(dir, 'listings-gbk.csv');
    fs.writeFileSync(file, gbk(text));
    const { listings, issues } = await readListings(file);
    expect(issues).toEqual([]);
    expect(listings).toEqual([
      expect.objectContaining({
        row: 2,
        source: '闲鱼',
        reference: 'item-1',
        title: '清代青花瓷碗',
        description: '品相完好，疑似馆藏',
        images: ['img/碗.jpg'],
      }),
    ]);
    const opened = await readAll({ path: file });
    expect(opened).toMatchObject({ format: 'csv', encoding: 'gb18030', notes: ['import.read_as_gbk'] });
  });

  it('reads UTF-8 with or without a BOM alike (the BOM is not part of the first column name)', async () => {
    const body = '名称,数量\n青铜鼎,1\n';
    const withBom = await readAll({ bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]) });
    const without = await readAll({ bytes: Buffer.from(body) });
    expect(withBom).toEqual(without);
    expect(withBom).toMatchObject({
      encoding: 'utf-8',
      notes: [],
      rows: [
        { row: 1, values: ['名称', '数量'] },
        { row: 2, values: ['青铜鼎', '1'] },
      ],
    });
  });

  it('reads the first worksheet of an XLSX file: dates as the wall-clock time Excel stores, numbers, formula results, rich text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('清单');
    sheet.addRow(['ref', 'at', 'day', 'amount', 'sum', 'note']);
    sheet.addRow([
      'A-1',
      new Date(Date.UTC(2020, 5, 3, 14, 0)),
      new Date(Date.UTC(2020, 5, 3)),
      12000.5,
      { formula: 'D2*2', result: 24001 },
      { richText: [{ text: '青' }, { text: '铜' }] },
    ]);
    sheet.addRow([]);
    sheet.addRow(['A-2', '2020-06-05', '', 3, '', "'=SUM(1)"]);
    workbook.addWorksheet('notes').addRow(['not read']);
    const { rows, notes, format } = await readAll({ bytes: Buffer.from(await workbook.xlsx.writeBuffer()) });
    expect(format).toBe('xlsx');
    expect(rows).toEqual([
      { row: 1, values: ['ref', 'at', 'day', 'amount', 'sum', 'note'], malformed: false },
      { row: 2, values: ['A-1', '2020-06-03T14:00:00', '2020-06-03', '12000.5', '24001', '青铜'], malformed: false },
      // The blank row 3 is left out; row 4 keeps its number. A formula guard stays as text (the import checks strip it).
      { row: 4, values: ['A-2', '2020-06-05', '', '3', '', "'=SUM(1)"], malformed: false },
    ]);
    expect(notes).toEqual(['import.other_sheets_ignored']);
  });

  it('numbers rows by the line they start on: quoted fields over several lines (LF, CRLF or CR), blank lines, mixed line ends', async () => {
    const text = 'a,b\r\n1,2\n\n"multi\nline",3\r\n"say ""hi""",4\n   \n"crlf\r\ninside\rand cr",5\r\n6,\n5" vase,"x"y\n';
    expect(await read(text)).toEqual([
      { row: 1, values: ['a', 'b'], malformed: false },
      { row: 2, values: ['1', '2'], malformed: false },
      { row: 4, values: ['multi\nline', '3'], malformed: false },
      { row: 6, values: ['say "hi"', '4'], malformed: false },
      { row: 8, values: ['crlf\r\ninside\rand cr', '5'], malformed: false },
      { row: 11, values: ['6', ''], malformed: false },
      // Stray quotes are kept as text rather than lose the records after them.
      { row: 12, values: ['5" vase', '"x"y'], malformed: false },
    ]);
  });

  it('gives the same rows however the file is cut into chunks (a field over a chunk boundary, a character split across it)', async () => {
    // The reader takes a file in 1 MiB chunks: put a multi-line field and a three-byte character across the first boundary.
    const filler = `${'x'.repeat(60)}\n`;
    const lead = `${filler.slice(0, -1)},1\n`;
    let text = `h1,h2\n${lead.repeat(Math.floor(((1 << 20) - 40) / lead.length))}`;
    text += `"跨越\n块边界的字段${'界'.repeat(20)}",2\nlast,3\n`;
    const file = path.join(dir, 'chunks.csv');
    fs.writeFileSync(file, text);
    const { rows } = await readAll({ path: file });
    const lines = text.split('\n').length - 1;
    expect(rows.at(-2)).toEqual({ row: lines - 2, values: [`跨越\n块边界的字段${'界'.repeat(20)}`, '2'], malformed: false });
    expect(rows.at(-1)).toEqual({ row: lines, values: ['last', '3'], malformed: false });
    expect(rows).toEqual((await readAll({ bytes: Buffer.from(text) })).rows);
  });

  it('marks a row whose quote is never closed as malformed, with the line it starts on', async () => {
    expect(await read('a,b\n1,2\n"open,3\n4,5\n')).toEqual([
      { row: 1, values: ['a', 'b'], malformed: false },
      { row: 2, values: ['1', '2'], malformed: false },
      { row: 3, values: [], malformed: true },
    ]);
  });

  it('refuses with a 4xx error and a code: a file neither CSV nor XLSX, old Excel, a broken workbook, an empty file, a header alone', async () => {
    const refusal = async (bytes: Buffer) => {
      try {
        await readAll({ bytes });
      } catch (error) {
        return error;
      }
      throw new Error('read without refusal');
    };
    expect(await refusal(PNG)).toMatchObject({ kind: 'validation', code: 'import.not_csv_or_xlsx', params: { detected: 'PNG' } });
    expect(await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toMatchObject({
      kind: 'validation',
      code: 'import.xls_not_supported',
    });
    expect(await refusal(Buffer.from('PK\u0003\u0004 not really a workbook'))).toMatchObject({ kind: 'validation', code: 'import.xlsx_unreadable' });
    expect(await refusal(Buffer.alloc(0))).toMatchObject({ kind: 'validation', code: 'import.no_data_rows' });
    expect(await refusal(Buffer.from('a,b\n'))).toMatchObject({ kind: 'validation', code: 'import.no_data_rows' });
    expect(await refusal(Buffer.from('a,b\n\n , \n'))).toMatchObject({ kind: 'validation', code: 'import.no_data_rows' });
  });

  it('answers a screening with its own codes for an empty or unreadable listings file', async () => {
    const empty = path.join(dir, 'header-only.csv');
    fs.writeFileSync(empty, 'source,reference,images\n');
    await expect(readListings(empty)).rejects.toMatchObject({ kind: 'validation', code: 'matching.listings_empty' });
    const png = path.join(dir, 'listings.png');
    fs.writeFileSync(png, PNG);
    await expect(readListings(png)).rejects.toMatchObject({ kind: 'validation', code: 'matching.listings_unreadable' });
  });
});
