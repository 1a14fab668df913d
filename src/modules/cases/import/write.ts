import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { copyInto } from '../../../db/copy.ts';
import { appendAudit } from '../../audit/index.ts';
import { applyDeferredRollups, deferRollups } from '../../stats/index.ts';
import { BULK_MIN_ROWS, type BulkState, estimatedRows, restoreIndexes, shouldUseBulk, suspendIndexes } from './bulk.ts';
import type { ImportJob } from './job.ts';
import { type RowRecord, rowsOf } from './kinds/shared.ts';
import { Spool } from './spool.ts';

/**
 * The write phase of one import: where checked batches go and how they are written.
 *
 * On a PostgreSQL server (`streaming`) each batch is written, in the import's one transaction, as soon
 * as it is checked (with COPY where the kind has it), so the database writes one batch while this
 * process reads, checks and encodes the next ones (the checks run on other pool connections and see
 * only committed rows, as before any write). At most one write is in flight: a batch's write starts
 * once the previous one has ended. Once a row is bad nothing more is written and the transaction rolls
 * back at the end. PGlite has a single connection, so there batches wait in the spool (as JSON) and
 * are written after the last check (`writeSpooled`).
 */
export class ImportWriter {
  private readonly spool = new Spool();
  private readonly bulkRows: number;
  private bulk: BulkState | null = null;
  private bulkDecided: boolean;
  private written = 0;
  /** The streaming transaction, once open. */
  private tx: Tx | null = null;
  private aborted = false;
  /** The write in flight on the server (streaming), or the last one: awaited before the next starts, and at the end. */
  private writing: Promise<void> = Promise.resolve();
  /** The transaction's now() as the server prints it (for COPY rows; see CopyWriter). */
  private writeNow: string | null = null;

  constructor(private readonly job: ImportJob) {
    this.bulkRows = job.options.bulkRows ?? BULK_MIN_ROWS;
    this.bulkDecided = !job.handler.bulkTable || this.bulkRows <= 0;
  }

  /** Whether checked batches are still kept for writing: not on a dry run, nor once a row is bad or the import failed. */
  get keeping(): boolean {
    return this.job.sink.count === 0 && !this.job.dryRun && !this.aborted;
  }

  /** Streaming: the transaction the batches are written in, as they are checked. */
  async begin(tx: Tx): Promise<void> {
    this.tx = tx;
    await this.openWrite(tx);
    this.job.progress({ phase: 'write', done: 0, total: 0 });
  }

  /**
   * Rows that passed their own checks are prepared for writing before the batch's checks against the
   * database: in bulk mode those queue in the transaction behind the previous batch's write, and this
   * work is then done meanwhile (wasted only if a row turns out bad).
   */
  prepare(batch: RowRecord[]): void {
    if (this.keeping) this.job.handler.prepareWrite?.(batch);
  }

  /** A checked batch: written at once (streaming) or spooled; once any row is bad, nothing more is kept. */
  async keep(batch: RowRecord[]): Promise<void> {
    if (this.keeping) {
      if (this.tx) await this.startWrite(this.tx, batch);
      else await this.spool.add(JSON.stringify(batch), batch.length);
    } else if (this.spool.chunks) {
      this.spool.discard();
    }
  }

  /** Waits for the write in flight; its failure is the import's. */
  settle(): Promise<void> {
    return this.writing;
  }

  /** Stops keeping batches (the import failed); gives the failure of the write in flight, if any, once it has ended. */
  async stop(): Promise<unknown> {
    this.aborted = true;
    return this.writing.then(
      () => null,
      (e: unknown) => e,
    );
  }

  /** PGlite: the spooled batches, written in the given transaction after the last check. */
  async writeSpooled(tx: Tx): Promise<void> {
    await this.openWrite(tx);
    for await (const chunk of this.spool.read()) {
      await this.decideBulk(tx, this.job.counts.rows);
      await this.job.handler.write(tx, this.job.ctx, chunk.json);
      this.wrote(chunk.rows);
    }
  }

  /** The end of the write: rollups applied, indexes rebuilt (bulk mode), and the import's one audit entry. */
  async finish(tx: Tx): Promise<void> {
    const { options, source, progress } = this.job;
    const rows = this.job.counts.rows;
    if (options.deferRollups !== false) await applyDeferredRollups(tx);
    if (this.bulk) {
      progress({ phase: 'index', done: 0, total: 1 });
      await restoreIndexes(tx, this.bulk, this.job.onServer);
      progress({ phase: 'index', done: 1, total: 1 });
    }
    await appendAudit(tx, options.actor, {
      action: `import.${options.kind}`,
      entityType: 'import',
      entityId: source.sha256,
      jurisdictionCode: options.viewer?.jurisdictionCode ?? null,
      after: {
        fileName: options.fileName,
        rows,
        sha256: source.sha256,
        format: source.format,
        encoding: source.encoding,
        timeZone: this.job.timeZone,
      },
    });
  }

  close(): void {
    this.spool.close();
  }

  private async openWrite(tx: Tx): Promise<void> {
    if (this.job.options.deferRollups !== false) await deferRollups(tx);
  }

  /** Once the import is expected to be large, decides on bulk mode (before its first write, and before the next batch is checked). */
  private async decideBulk(tx: Tx, expectedRows: number): Promise<void> {
    if (this.bulkDecided || expectedRows < this.bulkRows) return;
    this.bulkDecided = true;
    const { handler, options, ctx } = this.job;
    const existing = await estimatedRows(tx, handler.bulkTable!);
    if (!shouldUseBulk(expectedRows, existing, this.bulkRows)) return;
    this.bulk = await suspendIndexes(tx, handler.bulkTable!);
    await handler.startBulk?.(tx, options.deferRollups !== false);
    // The table is now locked by this transaction: checks must run in it, or they would wait for it forever.
    // (They then also see the rows written so far; the kinds skip rows already reported as repeats in the file.)
    if (this.tx) ctx.db = tx as unknown as Db;
  }

  private wrote(count: number): void {
    this.written += count;
    this.job.progress({ phase: 'write', done: this.written, total: Math.max(this.job.counts.rows, this.written) });
  }

  /** Streaming: the batch's write, started once the previous one has ended (whose failure ends the import). */
  private async startWrite(tx: Tx, batch: RowRecord[]): Promise<void> {
    await this.decideBulk(tx, this.job.counts.expectedTotal());
    const { handler, options, ctx } = this.job;
    const copy = options.copy === false ? undefined : handler.copy;
    if (copy) this.writeNow ??= rowsOf<{ now: string }>(await tx.execute(sql`select now()::text as now`))[0]!.now;
    // Encoded while the previous batch is still being written.
    const encoded = copy ? copy.encode(ctx, batch, this.writeNow!) : { data: null, rest: batch };
    const json = encoded.rest.length ? JSON.stringify(encoded.rest) : null;
    await this.writing;
    if (this.aborted || this.job.sink.count > 0) return;
    this.writing = (async () => {
      if (encoded.data?.length) await copyInto(tx, copy!.table, copy!.columns, encoded.data);
      if (json) await handler.write(tx, ctx, json);
      this.wrote(batch.length);
    })();
    this.writing.catch(() => undefined); // awaited by the next batch and at the end; this only keeps Node from calling it unhandled meanwhile
  }
}
