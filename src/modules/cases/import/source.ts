import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DomainError } from '../../../core/errors.ts';
import { CsvReader } from './csv.ts';
import { checkXlsxSizes } from '../../../core/xlsx-limits.ts';

/** One record of the file: the header is the first (row 1 in a normal file). */
export interface SourceRow {
  row: number;
  values: string[];
  malformed: boolean;
}

export type FileFormat = 'csv' | 'xlsx';

export interface OpenedSource {
  format: FileFormat;
  encoding: string;
  size: number;
  sha256: string;
  /** Header first, then data rows; blank rows are left out. `onBytes` reports bytes read so far. */
  rows(onBytes?: (done: number) => void): AsyncGenerator<SourceRow>;
  /** Set while reading XLSX when the workbook has more than one worksheet. */
  readonly notes: string[];
}

export const importFileError = (code: string, params: Record<string, string | number> = {}) =>
  new DomainError('validation', code, undefined, params);

const CHUNK = 1 << 20;

interface Input {
  size: number;
  head(bytes: number): Promise<Uint8Array>;
  chunks(): AsyncGenerator<Uint8Array>;
  stream(): Readable;
}

function inputOf(bytes: Uint8Array | undefined, path: string | undefined): Input {
  if (bytes) {
    return {
      size: bytes.byteLength,
      head: async (n) => bytes.subarray(0, n),
      async *chunks() {
        for (let i = 0; i < bytes.byteLength; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
      },
      stream: () => Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
    };
  }
  if (!path) throw importFileError('import.no_input');
  const size = fs.statSync(path).size;
  return {
    size,
    async head(n) {
      const handle = await fs.promises.open(path, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(n, size));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    async *chunks() {
      for await (const chunk of fs.createReadStream(path, { highWaterMark: CHUNK })) yield chunk as Buffer;
    },
    stream: () => fs.createReadStream(path, { highWaterMark: CHUNK }),
  };
}

const mib = (n: number) => `${Math.round(n / 1024 ** 2)} MiB`;

const startsWith = (head: Uint8Array, ...bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** What a binary file that is not a spreadsheet probably is, for the error message. */
function binaryKind(head: Uint8Array): string | null {
  if (startsWith(head, 0x89, 0x50, 0x4e, 0x47)) return 'PNG';
  if (startsWith(head, 0xff, 0xd8, 0xff)) return 'JPEG';
  if (startsWith(head, 0x47, 0x49, 0x46, 0x38)) return 'GIF';
  if (startsWith(head, 0x25, 0x50, 0x44, 0x46)) return 'PDF';
  if (startsWith(head, 0x1f, 0x8b)) return 'gzip';
  if (startsWith(head, 0x52, 0x61, 0x72, 0x21)) return 'RAR';
  if (startsWith(head, 0x37, 0x7a, 0xbc, 0xaf)) return '7z';
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'binary';
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > head.length / 100 ? 'binary' : null;
}

/**
 * Decides what the bytes are — XLSX (a zip: PK…), CSV text in UTF-8 (with or without BOM),
 * UTF-16 with BOM or GB18030/GBK, or something else (a clear error) — and reads them as rows.
 */
export async function openSource(options: { bytes?: Uint8Array | undefined; path?: string | undefined }): Promise<OpenedSource> {
  const input = inputOf(options.bytes, options.path);
  const head = await input.head(8192);
  const hash = createHash('sha256');

  if (startsWith(head, 0x50, 0x4b, 0x03, 0x04)) {
    const verdict = await checkXlsxSizes(options, input.size);
    if (!verdict.ok) {
      throw verdict.reason === 'too_large'
        ? importFileError('import.file_too_large', { limit: mib(verdict.limitBytes) })
        : importFileError('import.xlsx_unreadable', { detail: verdict.detail });
    }
    for await (const chunk of input.chunks()) hash.update(chunk);
    return xlsxSource(input, hash.digest('hex'));
  }
  if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0)) throw importFileError('import.xls_not_supported');
  if (startsWith(head, 0x50, 0x4b)) throw importFileError('import.not_csv_or_xlsx', { detected: 'zip' });

  let encoding: string;
  if (startsWith(head, 0xff, 0xfe)) encoding = 'utf-16le';
  else if (startsWith(head, 0xfe, 0xff)) encoding = 'utf-16be';
  else {
    const kind = binaryKind(head);
    if (kind) throw importFileError('import.not_csv_or_xlsx', { detected: kind });
    encoding = 'utf-8';
  }
  // One quick pass: the digest, and whether the text is valid UTF-8 (else it is read as GB18030).
  let utf8: TextDecoder | null = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : null;
  for await (const chunk of input.chunks()) {
    hash.update(chunk);
    if (utf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        utf8 = null;
        encoding = 'gb18030';
      }
    }
  }
  if (utf8) {
    try {
      utf8.decode();
    } catch {
      encoding = 'gb18030';
    }
  }
  return csvSource(input, encoding, hash.digest('hex'));
}

function csvSource(input: Input, encoding: string, sha256: string): OpenedSource {
  return {
    format: 'csv', encoding, size: input.size, sha256, notes: [],
    async *rows(onBytes) {
      // TextDecoder drops a leading BOM (UTF-8 or UTF-16) by itself.
      const decoder = new TextDecoder(encoding, { fatal: true });
      const reader = new CsvReader();
      let done = 0;
      const toRows = (records: ReturnType<CsvReader['push']>): SourceRow[] =>
        records.map((r) => ({ row: r.line, values: r.fields, malformed: r.malformed }));
      const decode = (chunk?: Uint8Array) => {
        try {
          return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
        } catch {
          throw importFileError('import.unknown_encoding');
        }
      };
      for await (const chunk of input.chunks()) {
        done += chunk.byteLength;
        yield* toRows(reader.push(decode(chunk)));
        onBytes?.(done);
      }
      yield* toRows(reader.push(decode()));
      yield* toRows(reader.end());
    },
  };
}

/** A cell as text: dates become wall-clock ISO text (read in the import's zone), formulas their result. */
function cellText(value: ExcelJS.CellValue): string {
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

function xlsxSource(input: Input, sha256: string): OpenedSource {
  const notes: string[] = [];
  return {
    format: 'xlsx', encoding: 'utf-8', size: input.size, sha256, notes,
    async *rows(onBytes) {
      const stream = input.stream();
      let done = 0;
      stream.on('data', (chunk: Buffer) => {
        done += chunk.length;
        onBytes?.(done);
      });
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
      let sheets = 0;
      try {
        for await (const sheet of reader) {
          if (++sheets > 1) {
            if (sheets === 2) notes.push('import.other_sheets_ignored');
            // Read the other sheets through rather than break off: stopping the zip stream mid-entry
            // made the reader fail now and then, which turned a good file into "unreadable".
            for await (const _row of sheet) { /* skipped */ }
            continue;
          }
          for await (const row of sheet) {
            const cells = row.values as ExcelJS.CellValue[];
            const values: string[] = [];
            // row.values is 1-based and sparse.
            for (let c = 1; c < cells.length; c++) values.push(cellText(cells[c]));
            if (values.every((v) => v.trim() === '')) continue;
            yield { row: row.number, values, malformed: false };
          }
        }
      } catch (error) {
        if (error instanceof DomainError) throw error;
        throw importFileError('import.xlsx_unreadable', { detail: error instanceof Error ? error.message : String(error) });
      } finally {
        stream.destroy();
      }
    },
  };
}
