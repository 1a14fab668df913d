import { csvRows } from './csv.ts';
import { digestAndEncoding, formatOf } from './detect.ts';
import { type Input, inputOf } from './input.ts';
import { tabularError } from './messages.ts';
import type { TabularFile, TabularRow } from './types.ts';
import { xlsxRows } from './xlsx.ts';
import { checkXlsxSizes } from './xlsx-limits.ts';

const mib = (n: number) => `${Math.round(n / 1024 ** 2)} MiB`;

function isBlank(values: string[]): boolean {
  for (const v of values) if (v !== '' && v.trim() !== '') return false;
  return true;
}

/** Leaves out blank rows, and refuses a file without a data row once it has been read. */
async function* dataRows(rows: AsyncGenerator<TabularRow>): AsyncGenerator<TabularRow> {
  let records = 0;
  for await (const record of rows) {
    if (!record.malformed && isBlank(record.values)) continue;
    records++;
    yield record;
  }
  if (records < 2) throw tabularError('import.no_data_rows');
}

/**
 * Opens a CSV or XLSX file, given as bytes or a path, for reading as rows: one reader for every
 * import (cases and their kinds, the registry, screening listings). Decides what the bytes are — XLSX
 * (a zip: PK…; refused from its zip directory if it would expand past XLSX_LIMITS), CSV text in UTF-8
 * with or without BOM, UTF-16 with BOM, else GB18030/GBK (noted as `import.read_as_gbk`), or something
 * else: a 4xx DomainError saying what it looks like. Reads the bytes once for their sha256 (and, for
 * text, whether they are UTF-8); rows are then streamed.
 */
export async function openTabular(source: { bytes?: Uint8Array | undefined; path?: string | undefined }): Promise<TabularFile> {
  const input = inputOf(source.bytes, source.path);
  const kind = formatOf(await input.head(8192));
  if (kind.format === 'xlsx') {
    const verdict = await checkXlsxSizes(source, input.size);
    if (!verdict.ok) {
      throw verdict.reason === 'too_large'
        ? tabularError('import.file_too_large', { limit: mib(verdict.limitBytes) })
        : tabularError('import.xlsx_unreadable', { detail: verdict.detail });
    }
    const { sha256 } = await digestAndEncoding(input, null);
    return opened(input, 'xlsx', 'utf-8', sha256, []);
  }
  const { sha256, encoding } = await digestAndEncoding(input, kind.encoding);
  return opened(input, 'csv', encoding!, sha256, encoding === 'gb18030' ? ['import.read_as_gbk'] : []);
}

function opened(input: Input, format: 'csv' | 'xlsx', encoding: string, sha256: string, notes: string[]): TabularFile {
  return {
    format,
    encoding,
    size: input.size,
    sha256,
    notes,
    rows: (onBytes) => dataRows(format === 'xlsx' ? xlsxRows(input, notes, onBytes) : csvRows(input, encoding, onBytes)),
  };
}
