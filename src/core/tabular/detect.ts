import { createHash } from 'node:crypto';
import type { Input } from './input.ts';
import { tabularError } from './messages.ts';

export type TabularFormat = 'csv' | 'xlsx';

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
 * XLSX (a zip: PK…), or text for CSV with the encoding its BOM names (UTF-16) or `utf-8` to be
 * confirmed by `digestAndEncoding`; anything else is refused with what it looks like.
 */
export function formatOf(head: Uint8Array): { format: 'xlsx' } | { format: 'csv'; encoding: string } {
  if (startsWith(head, 0x50, 0x4b, 0x03, 0x04)) return { format: 'xlsx' };
  if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0)) throw tabularError('import.xls_not_supported');
  if (startsWith(head, 0x50, 0x4b)) throw tabularError('import.not_csv_or_xlsx', { detected: 'zip' });
  if (startsWith(head, 0xff, 0xfe)) return { format: 'csv', encoding: 'utf-16le' };
  if (startsWith(head, 0xfe, 0xff)) return { format: 'csv', encoding: 'utf-16be' };
  const kind = binaryKind(head);
  if (kind) throw tabularError('import.not_csv_or_xlsx', { detected: kind });
  return { format: 'csv', encoding: 'utf-8' };
}

/**
 * One quick pass over the bytes: their sha256 and, for text taken as UTF-8, whether it is valid
 * UTF-8 — if not it is read as GB18030 (a superset of GBK and GB2312, what Chinese Excel saves).
 */
export async function digestAndEncoding(input: Input, encoding: string | null): Promise<{ sha256: string; encoding: string | null }> {
  const hash = createHash('sha256');
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
  return { sha256: hash.digest('hex'), encoding };
}
