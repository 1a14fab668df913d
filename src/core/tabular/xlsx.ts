import ExcelJS from 'exceljs';
import { DomainError } from '../errors.ts';
import type { Input } from './input.ts';
import { tabularError } from './messages.ts';
import type { TabularRow } from './types.ts';

/** A cell as text: dates become wall-clock ISO text (read in the importer's zone), formulas their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    // Excel stores wall-clock time; exceljs hands it over as if it were UTC.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, iso.endsWith('.000Z') ? 19 : 23);
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

/** The first worksheet's rows through exceljs's streaming reader; `notes` hears of further sheets. */
export async function* xlsxRows(input: Input, notes: string[], onBytes?: (done: number) => void): AsyncGenerator<TabularRow> {
  const stream = input.stream();
  let done = 0;
  stream.on('data', (chunk: Buffer) => {
    done += chunk.length;
    onBytes?.(done);
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      if (++sheets > 1) {
        if (sheets === 2) notes.push('import.other_sheets_ignored');
        // Read the other sheets through rather than break off: stopping the zip stream mid-entry
        // made the reader fail now and then, which turned a good file into "unreadable".
        for await (const _row of sheet) {
          /* skipped */
        }
        continue;
      }
      for await (const row of sheet) {
        const cells = row.values as ExcelJS.CellValue[];
        const values: string[] = [];
        // row.values is 1-based and sparse.
        for (let c = 1; c < cells.length; c++) values.push(cellText(cells[c]));
        yield { row: row.number, values, malformed: false };
      }
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw tabularError('import.xlsx_unreadable', { detail: error instanceof Error ? error.message : String(error) });
  } finally {
    stream.destroy();
  }
}
