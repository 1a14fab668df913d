import { sql } from 'drizzle-orm';
import pg from 'pg';
import { DomainError } from '../../../core/errors.ts';
import { openTabular, type TabularFile } from '../../../core/tabular/index.ts';
import type { Db } from '../../../db/client.ts';
import { CLOCK_SKEW_MS } from '../dates.ts';
import { isValidTimeZone, ZonedClock } from './dates.ts';
import { casesHandler } from './kinds/cases.ts';
import { gangsHandler } from './kinds/gangs.ts';
import { partiesHandler } from './kinds/parties.ts';
import { propertyHandler } from './kinds/property.ts';
import { type KindContext, type KindHandler, rowsOf } from './kinds/shared.ts';
import { importFileError } from './messages.ts';
import { IssueSink } from './rows.ts';
import { type ImportKind, type ImportOptions, type ImportProgress, isImportKind } from './types.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const DEFAULT_MAX_ERRORS = 100_000;
const DEFAULT_BATCH = 20_000;

export const HANDLERS: Record<ImportKind, () => KindHandler> = {
  cases: casesHandler as () => KindHandler,
  parties: partiesHandler as () => KindHandler,
  property: propertyHandler as () => KindHandler,
  gangs: gangsHandler as () => KindHandler,
};

/** How far reading has got: rows read (header and blanks not counted), checked, and bytes of the file read. */
export class ReadCounts {
  rows = 0;
  validated = 0;
  bytesRead = 0;

  constructor(private readonly size: number) {}

  /** Rows the whole file will have, from the share of its bytes read so far. */
  expectedTotal(): number {
    return this.bytesRead > 0 && this.size > this.bytesRead ? Math.round((this.rows * this.size) / this.bytesRead) : this.rows;
  }
}

/** One import under way: its options settled, its file opened, its kind's handler prepared. */
export interface ImportJob {
  options: ImportOptions;
  timeZone: string;
  dryRun: boolean;
  batchSize: number;
  progress: (progress: ImportProgress) => void;
  source: TabularFile;
  sink: IssueSink;
  handler: KindHandler;
  ctx: KindContext;
  /** On a PostgreSQL server's pool (not the single-connection PGlite): checked batches are written as they come. */
  onServer: boolean;
  counts: ReadCounts;
}

/** The options checked (kind, time zone, default agency), the file opened and the kind's handler prepared. */
export async function prepareImport(db: Db, options: ImportOptions): Promise<ImportJob> {
  if (!isImportKind(options.kind)) throw importFileError('import.unknown_kind', { kind: String(options.kind) });
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) throw importFileError('import.invalid_time_zone', { timeZone });
  if (options.defaultAgencyId && !options.viewer) {
    const found = rowsOf(await db.execute(sql`select 1 from agencies where id::text = ${options.defaultAgencyId.toLowerCase()}`));
    if (!found.length) throw new DomainError('validation', 'validation_failed', [{ path: '/defaultAgencyId', message: 'import.unknown_agency' }]);
  }

  const source = await openTabular(options);
  const sink = new IssueSink(options.maxErrors ?? DEFAULT_MAX_ERRORS);
  const handler = HANDLERS[options.kind]();
  const ctx: KindContext = {
    db,
    viewer: options.viewer,
    actor: options.actor,
    clock: new ZonedClock(timeZone),
    now: Date.now() + CLOCK_SKEW_MS,
    sink,
    defaultAgencyId: options.defaultAgencyId?.toLowerCase(),
  };
  await handler.prepare(ctx);
  return {
    options,
    timeZone,
    dryRun: Boolean(options.dryRun),
    batchSize: options.batchSize ?? DEFAULT_BATCH,
    progress: options.onProgress ?? (() => undefined),
    source,
    sink,
    handler,
    ctx,
    onServer: onServer(db),
    counts: new ReadCounts(source.size),
  };
}

/** Whether the database is a PostgreSQL server's connection pool (not the single-connection PGlite). */
function onServer(db: Db): boolean {
  return (db as unknown as { $client?: unknown }).$client instanceof pg.Pool;
}
