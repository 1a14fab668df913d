import { DomainError } from '../../../core/errors.ts';
import type { Db } from '../../../db/client.ts';
import { HANDLERS, type ImportJob, prepareImport } from './job.ts';
import { readAndCheck } from './read.ts';
import type { ImportKind, ImportOptions, ImportReport, ImportWarning } from './types.ts';
import { ImportWriter } from './write.ts';

export { DEFAULT_TIME_ZONE } from './job.ts';

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
 * Steps: prepare (job.ts: options, file, kind) → read and check (read.ts) → write (write.ts): on a
 * PostgreSQL server the writes overlap the checks in one transaction; on PGlite they follow them.
 */
export async function importFile(db: Db, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const job = await prepareImport(db, options);
  const writer = new ImportWriter(job);
  const report = (imported: number, warnings: ImportWarning[]) => reportOf(job, imported, warnings, started);
  try {
    if (!job.dryRun && job.onServer) return await importStreaming(db, job, writer, report);
    const warnings = await readAndCheck(job, writer);
    if (job.sink.count > 0 || job.dryRun) return report(0, warnings);
    job.progress({ phase: 'write', done: 0, total: job.counts.rows });
    try {
      await db.transaction(async (tx) => {
        await writer.writeSpooled(tx);
        await writer.finish(tx);
      });
    } catch (error) {
      throw writeFailure(error);
    }
    return report(job.counts.rows, warnings);
  } finally {
    writer.close();
  }
}

/** On a PostgreSQL server: read, check and write in one transaction, rolled back if any row is bad. */
async function importStreaming(
  db: Db,
  job: ImportJob,
  writer: ImportWriter,
  report: (imported: number, warnings: ImportWarning[]) => ImportReport,
): Promise<ImportReport> {
  let warnings: ImportWarning[] = [];
  try {
    await db.transaction(async (tx) => {
      await writer.begin(tx);
      warnings = await readAndCheck(job, writer);
      if (job.sink.count > 0) throw new RolledBack();
      await writer.finish(tx);
    });
  } catch (error) {
    if (error instanceof RolledBack) return report(0, warnings);
    throw writeFailure(error);
  }
  return report(job.counts.rows, warnings);
}

function reportOf(job: ImportJob, imported: number, warnings: ImportWarning[], started: number): ImportReport {
  const { options, source, sink } = job;
  return {
    kind: options.kind,
    fileName: options.fileName,
    format: source.format,
    dryRun: job.dryRun,
    encoding: source.encoding,
    timeZone: job.timeZone,
    sha256: source.sha256,
    rows: job.counts.rows,
    imported,
    errors: sink.sorted(),
    errorCount: sink.count,
    warnings,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Thrown inside the streaming transaction to roll it back when a row was bad. */
class RolledBack extends Error {}

/** A DomainError as it is; anything else (e.g. the same case number filed meanwhile) as a conflict: the transaction rolled back. */
function writeFailure(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const detail = error instanceof Error ? ((error as { cause?: Error }).cause?.message ?? error.message) : String(error);
  return new DomainError('conflict', 'import.write_failed', undefined, { detail: detail.slice(0, 300) });
}
