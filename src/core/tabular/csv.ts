import { parse } from 'csv-parse';
import type { Input } from './input.ts';
import { tabularError } from './messages.ts';
import type { TabularRow } from './types.ts';

/** Line breaks inside a record's fields (CRLF once): how many lines past its first the record runs. */
function breaksIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.indexOf('\n') < 0 && f.indexOf('\r') < 0) continue;
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c === 10 || (c === 13 && f.charCodeAt(i + 1) !== 10)) n++;
    }
  }
  return n;
}

/**
 * CSV records through csv-parse, each with the line it starts on (counted here: csv-parse counts a CRLF
 * inside quotes as two lines). Accepts CRLF, LF or CR line ends, mixed too; quotes inside an unquoted
 * field and text after a closing quote are kept as text (relax_quotes; a strict reader would lose every
 * following record to one stray quote). A quote never closed makes the last record malformed.
 */
export async function* csvRows(input: Input, encoding: string, onBytes?: (done: number) => void): AsyncGenerator<TabularRow> {
  const ready: TabularRow[] = [];
  let line = 1;
  let failure: unknown = null;
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    // Records are taken here as they are parsed (nothing queues in the stream), so each write below
    // gives back the records it completed.
    on_record: (fields: string[]) => {
      const row = line;
      line += 1 + breaksIn(fields);
      ready.push({ row, values: fields, malformed: false });
      return null;
    },
    on_skip: () => {
      ready.push({ row: line, values: [], malformed: true });
      return undefined;
    },
  });
  parser.on('error', (error) => (failure ??= error));
  const check = () => {
    if (failure) throw tabularError('import.csv_unreadable', { detail: failure instanceof Error ? failure.message : String(failure) });
  };
  // UTF-8 goes to csv-parse as bytes (it decodes each field); other encodings are decoded here first.
  const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding, { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder!.decode(chunk, { stream: true }) : decoder!.decode();
    } catch {
      throw tabularError('import.unknown_encoding');
    }
  };
  let done = 0;
  for await (const chunk of input.chunks()) {
    done += chunk.byteLength;
    parser.write(decoder ? decode(chunk) : chunk);
    check();
    yield* ready.splice(0);
    onBytes?.(done);
  }
  if (decoder) parser.write(decode());
  await new Promise<void>((resolve) => {
    parser.once('error', () => resolve());
    parser.end(() => resolve());
  });
  check();
  yield* ready.splice(0);
}
