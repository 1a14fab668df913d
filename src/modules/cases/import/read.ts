import type { TabularRow } from '../../../core/tabular/index.ts';
import type { ImportJob } from './job.ts';
import type { KindHandler, RowRecord } from './kinds/shared.ts';
import { importFileError } from './messages.ts';
import { Header, RowCheck, warningOf } from './rows.ts';
import type { ImportWarning } from './types.ts';
import type { ImportWriter } from './write.ts';

/**
 * The read and check phases of one import, overlapped: rows are read and get their own checks, in
 * batches; one batch is checked against the database (and handed to the writer) while the next is
 * read — at most one in flight. Returns the warnings about the file once every row has been read.
 */
export async function readAndCheck(job: ImportJob, writer: ImportWriter): Promise<ImportWarning[]> {
  const { source, sink, handler, ctx, counts, progress } = job;
  const warnings: ImportWarning[] = [];
  let header: Header | null = null;
  let pending: RowRecord[] = [];
  let inFlight: Promise<void> = Promise.resolve();

  const check = async (batch: RowRecord[]) => {
    writer.prepare(batch);
    await handler.checkBatch(ctx, batch);
    counts.validated += batch.length;
    progress({ phase: 'validate', done: counts.validated, total: counts.rows });
    await writer.keep(batch);
  };
  const flush = () => {
    if (pending.length) {
      const batch = pending;
      pending = [];
      inFlight = inFlight.then(() => check(batch));
      inFlight.catch(() => undefined); // awaited below; this only keeps Node from calling it unhandled meanwhile
    }
    return inFlight;
  };
  const onBytes = (done: number) => {
    counts.bytesRead = done;
    progress({ phase: 'parse', done, total: source.size });
  };

  try {
    for await (const record of source.rows(onBytes)) {
      if (!header) {
        header = readHeader(record, handler, warnings);
        continue;
      }
      counts.rows++;
      pending.push(handler.checkRow(rowCheck(job, record, header)));
      if (pending.length >= job.batchSize) {
        await inFlight;
        void flush();
      }
    }
    progress({ phase: 'parse', done: source.size, total: source.size });
    await flush();
    await writer.settle();
  } catch (error) {
    // Nothing may reach the transaction after it ends: let the batch and the write in flight finish first.
    const stopped = writer.stop();
    await inFlight.catch(() => undefined);
    // A failed write is the cause (a check queued behind it on the transaction only sees it aborted).
    throw (await stopped) ?? error;
  }
  for (const note of source.notes) warnings.push(warningOf(note));
  warnings.push(...(handler.finish?.(ctx) ?? []));
  if (sink.count > sink.issues.length) warnings.push(warningOf('import.errors_truncated', { total: sink.count, shown: sink.issues.length }));
  return warnings;
}

/** A row's checks that are the same for every kind: quotes never closed, more fields than the header has. */
function rowCheck(job: ImportJob, record: TabularRow, header: Header): RowCheck {
  const row = new RowCheck(job.sink, record.row, record.values, header, job.ctx.clock, job.ctx.now);
  if (record.malformed) row.fail(null, null, 'import.malformed_quotes');
  const extra = record.values.length - header.names.length;
  if (extra > 0 && record.values.slice(header.names.length).some((v) => v.trim() !== '')) {
    row.fail(null, null, 'import.too_many_fields', { count: record.values.length, columns: header.names.length });
  }
  return row;
}

function readHeader(record: TabularRow, handler: KindHandler, warnings: ImportWarning[]): Header {
  const names = record.values.map((v) => v.replace(/^\uFEFF/, '').trim());
  const header = new Header(names);
  const repeated = [...new Set(names.filter((n, i) => n !== '' && names.indexOf(n) !== i))];
  if (repeated.length) throw importFileError('import.duplicate_columns', { columns: repeated.join(', ') });
  const missing = handler.required.filter((c) => !header.index.has(c));
  if (missing.length) throw importFileError('import.missing_columns', { columns: missing.join(', ') });
  const unknown = names.filter((n) => n !== '' && !handler.columns.includes(n));
  if (unknown.length) warnings.push(warningOf('import.unknown_columns', { columns: unknown.join(', ') }));
  return header;
}
