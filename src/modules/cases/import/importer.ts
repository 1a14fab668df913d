import { CLOCK_SKEW_MS } from '../dates.ts';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Db, Tx } from '../../../db/client.ts';
import { copyInto } from '../../../db/copy.ts';
import { DomainError } from '../../../core/errors.ts';
import { appendAudit } from '../../audit/index.ts';
import { isValidTimeZone, ZonedClock } from './dates.ts';
import { Header, IssueSink, RowCheck, warningOf } from './rows.ts';
import { openTabular, type TabularRow } from '../../../core/tabular/index.ts';
import { importFileError } from './messages.ts';
import { Spool } from './spool.ts';
import { BULK_MIN_ROWS, estimatedRows, restoreIndexes, shouldUseBulk, suspendIndexes, type BulkState } from './bulk.ts';
import { applyDeferredRollups, deferRollups } from '../../stats/index.ts';
import { casesHandler } from './kinds/cases.ts';
import { partiesHandler } from './kinds/parties.ts';
import { propertyHandler } from './kinds/property.ts';
import { gangsHandler } from './kinds/gangs.ts';
import { rowsOf, type KindContext, type KindHandler, type RowRecord } from './kinds/shared.ts';
import { isImportKind, type ImportKind, type ImportOptions, type ImportReport, type ImportWarning } from './types.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const DEFAULT_MAX_ERRORS = 100_000;
const DEFAULT_BATCH = 20_000;

const HANDLERS: Record<ImportKind, () => KindHandler> = {
  cases: casesHandler as () => KindHandler,
  parties: partiesHandler as () => KindHandler,
  property: propertyHandler as () => KindHandler,
  gangs: gangsHandler as () => KindHandler,
};

/** The columns each kind reads (for documentation and templates). */
export function importColumns(kind: ImportKind): { columns: readonly string[]; required: readonly string[] } {
  const handler = HANDLERS[kind]();
  return { columns: handler.columns, required: handler.required };
}

/**
 * Imports one CSV or XLSX file of cases, parties, property or gangs, all or nothing: every row is
 * read and checked first (its own cells, repeats within the file, and set-based queries against the
 * database per batch), every bad cell is reported, and only a file without any is written — in one
 * transaction, one set-based statement per chunk, with one audit entry. A dry run stops before writing.
 */
export async function importFile(db: Db, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  if (!isImportKind(options.kind)) throw importFileError('import.unknown_kind', { kind: String(options.kind) });
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) throw importFileError('import.invalid_time_zone', { timeZone });
  const dryRun = Boolean(options.dryRun);
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const progress = options.onProgress ?? (() => undefined);

  if (options.defaultAgencyId && !options.viewer) {
    const found = rowsOf(await db.execute(sql`select 1 from agencies where id::text = ${options.defaultAgencyId.toLowerCase()}`));
    if (!found.length) throw new DomainError('validation', 'validation_failed', [{ path: '/defaultAgencyId', message: 'import.unknown_agency' }]);
  }

  const source = await openTabular(options);
  const sink = new IssueSink(options.maxErrors ?? DEFAULT_MAX_ERRORS);
  const handler = HANDLERS[options.kind]();
  const ctx: KindContext = {
    db, viewer: options.viewer, actor: options.actor, clock: new ZonedClock(timeZone), now: Date.now() + CLOCK_SKEW_MS, sink,
    defaultAgencyId: options.defaultAgencyId?.toLowerCase(),
  };
  await handler.prepare(ctx);

  const warnings: ImportWarning[] = [];
  const spool = new Spool();
  let header: Header | null = null;
  let rows = 0;
  let validated = 0;
  let bytesRead = 0;
  let pending: RowRecord[] = [];
  const report = (imported: number): ImportReport => ({
    kind: options.kind, fileName: options.fileName, format: source.format, dryRun, encoding: source.encoding, timeZone,
    sha256: source.sha256, rows, imported, errors: sink.sorted(), errorCount: sink.count, warnings,
    durationMs: Math.round(performance.now() - started),
  });

  // On a PostgreSQL server each batch is written, in the import's one transaction, as soon as it is
  // checked (with COPY where the kind has it), so the database writes one batch while this process
  // reads, checks and encodes the next ones (the checks run on other pool connections and see only
  // committed rows, as before any write). At most one write is in flight: a batch's write starts
  // once the previous one has ended. Once a row is bad nothing more is written and the transaction
  // rolls back at the end. PGlite has a single connection, so there batches wait in the spool (as
  // JSON) and are written after the last check.
  const streaming = !dryRun && onServer(db);
  const bulkRows = options.bulkRows ?? BULK_MIN_ROWS;
  let bulk: BulkState | null = null;
  let bulkDecided = !handler.bulkTable || bulkRows <= 0;
  let written = 0;
  let stream: Tx | null = null;
  let aborted = false;
  /** The write in flight on the server (streaming), or the last one: awaited before the next starts, and at the end. */
  let writing: Promise<void> = Promise.resolve();
  /** The transaction's now() as the server prints it (for COPY rows; see CopyWriter). */
  let writeNow: string | null = null;

  /** Once the import is expected to be large, decides on bulk mode (before its first write, and before the next batch is checked). */
  const decideBulk = async (tx: Tx, expectedRows: number) => {
    if (!bulkDecided && expectedRows >= bulkRows) {
      bulkDecided = true;
      const existing = await estimatedRows(tx, handler.bulkTable!);
      if (shouldUseBulk(expectedRows, existing, bulkRows)) {
        bulk = await suspendIndexes(tx, handler.bulkTable!);
        await handler.startBulk?.(tx, options.deferRollups !== false);
        // The table is now locked by this transaction: checks must run in it, or they would wait for it forever.
        // (They then also see the rows written so far; the kinds skip rows already reported as repeats in the file.)
        if (stream) ctx.db = tx as unknown as Db;
      }
    }
  };
  const wrote = (count: number) => {
    written += count;
    progress({ phase: 'write', done: written, total: Math.max(rows, written) });
  };
  /** Writes one chunk of JSON with the kind's `write` (PGlite, and rows a COPY writer leaves). */
  const writeChunk = async (tx: Tx, json: string, count: number, expectedRows: number) => {
    await decideBulk(tx, expectedRows);
    await handler.write(tx, ctx, json);
    wrote(count);
  };
  /** Streaming: the batch's write, started once the previous one has ended (whose failure ends the import). */
  const startWrite = async (tx: Tx, batch: RowRecord[]) => {
    await decideBulk(tx, expectedTotal());
    const copy = options.copy === false ? undefined : handler.copy;
    if (copy) writeNow ??= rowsOf<{ now: string }>(await tx.execute(sql`select now()::text as now`))[0]!.now;
    // Encoded while the previous batch is still being written.
    const encoded = copy ? copy.encode(ctx, batch, writeNow!) : { data: null, rest: batch };
    const json = encoded.rest.length ? JSON.stringify(encoded.rest) : null;
    await writing;
    if (aborted || sink.count > 0) return;
    writing = (async () => {
      if (encoded.data?.length) await copyInto(tx, copy!.table, copy!.columns, encoded.data);
      if (json) await handler.write(tx, ctx, json);
      wrote(batch.length);
    })();
    writing.catch(() => undefined); // awaited by the next batch and at the end; this only keeps Node from calling it unhandled meanwhile
  };
  const openWrite = async (tx: Tx) => {
    if (options.deferRollups !== false) await deferRollups(tx);
  };
  const finishWrite = async (tx: Tx) => {
    if (options.deferRollups !== false) await applyDeferredRollups(tx);
    if (bulk) {
      progress({ phase: 'index', done: 0, total: 1 });
      await restoreIndexes(tx, bulk, onServer(db));
      progress({ phase: 'index', done: 1, total: 1 });
    }
    await appendAudit(tx, options.actor, {
      action: `import.${options.kind}`, entityType: 'import', entityId: source.sha256,
      jurisdictionCode: options.viewer?.jurisdictionCode ?? null,
      after: { fileName: options.fileName, rows, sha256: source.sha256, format: source.format, encoding: source.encoding, timeZone },
    });
  };
  /** Rows the whole file will have, from the share of its bytes read so far. */
  const expectedTotal = () => (bytesRead > 0 && source.size > bytesRead ? Math.round((rows * source.size) / bytesRead) : rows);

  const check = async (batch: RowRecord[]) => {
    // Rows that passed their own checks are prepared for writing before the batch's checks against
    // the database: in bulk mode those queue in the transaction behind the previous batch's write,
    // and this work is then done meanwhile (wasted only if a row turns out bad).
    if (sink.count === 0 && !dryRun && !aborted) handler.prepareWrite?.(batch);
    await handler.checkBatch(ctx, batch);
    validated += batch.length;
    progress({ phase: 'validate', done: validated, total: rows });
    // Once any row is bad nothing will be written: keep checking, stop keeping (a dry run keeps nothing).
    if (sink.count === 0 && !dryRun && !aborted) {
      if (stream) await startWrite(stream, batch);
      else await spool.add(JSON.stringify(batch), batch.length);
    } else if (spool.chunks) {
      spool.discard();
    }
  };
  // One batch is checked (and written) while the next is read: at most one in flight.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = () => {
    if (pending.length) {
      const batch = pending;
      pending = [];
      inFlight = inFlight.then(() => check(batch));
      inFlight.catch(() => undefined); // awaited below; this only keeps Node from calling it unhandled meanwhile
    }
    return inFlight;
  };

  const readAll = async () => {
    try {
      const onBytes = (done: number) => {
        bytesRead = done;
        progress({ phase: 'parse', done, total: source.size });
      };
      for await (const record of source.rows(onBytes)) {
        if (!header) {
          header = readHeader(record, handler, warnings);
          continue;
        }
        rows++;
        const row = new RowCheck(sink, record.row, record.values, header, ctx.clock, ctx.now);
        if (record.malformed) row.fail(null, null, 'import.malformed_quotes');
        const extra = record.values.length - header.names.length;
        if (extra > 0 && record.values.slice(header.names.length).some((v) => v.trim() !== '')) {
          row.fail(null, null, 'import.too_many_fields', { count: record.values.length, columns: header.names.length });
        }
        pending.push(handler.checkRow(row));
        if (pending.length >= batchSize) {
          await inFlight;
          void flush();
        }
      }
      progress({ phase: 'parse', done: source.size, total: source.size });
      await flush();
      await writing;
    } catch (error) {
      // Nothing may reach the transaction after it ends: let the batch and the write in flight finish first.
      aborted = true;
      await inFlight.catch(() => undefined);
      // A failed write is the cause (a check queued behind it on the transaction only sees it aborted).
      const writeError = await writing.then(() => null, (e: unknown) => e);
      throw writeError ?? error;
    }
    for (const note of source.notes) warnings.push(warningOf(note));
    warnings.push(...(handler.finish?.(ctx) ?? []));
    if (sink.count > sink.issues.length) warnings.push(warningOf('import.errors_truncated', { total: sink.count, shown: sink.issues.length }));
  };

  try {
    if (streaming) {
      try {
        await db.transaction(async (tx) => {
          stream = tx;
          await openWrite(tx);
          progress({ phase: 'write', done: 0, total: 0 });
          await readAll();
          if (sink.count > 0) throw new RolledBack();
          await finishWrite(tx);
        });
      } catch (error) {
        if (error instanceof RolledBack) return report(0);
        throw writeFailure(error);
      }
      return report(rows);
    }

    await readAll();
    if (sink.count > 0 || dryRun) return report(0);
    progress({ phase: 'write', done: 0, total: rows });
    try {
      await db.transaction(async (tx) => {
        await openWrite(tx);
        for await (const chunk of spool.read()) await writeChunk(tx, chunk.json, chunk.rows, rows);
        await finishWrite(tx);
      });
    } catch (error) {
      throw writeFailure(error);
    }
    return report(rows);
  } finally {
    spool.close();
  }
}

/** Thrown inside the streaming transaction to roll it back when a row was bad. */
class RolledBack extends Error {}

/** A DomainError as it is; anything else (e.g. the same case number filed meanwhile) as a conflict: the transaction rolled back. */
function writeFailure(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const detail = error instanceof Error ? ((error as { cause?: Error }).cause?.message ?? error.message) : String(error);
  return new DomainError('conflict', 'import.write_failed', undefined, { detail: detail.slice(0, 300) });
}

/** Whether the database is a PostgreSQL server's connection pool (not the single-connection PGlite). */
function onServer(db: Db): boolean {
  return (db as unknown as { $client?: unknown }).$client instanceof pg.Pool;
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
