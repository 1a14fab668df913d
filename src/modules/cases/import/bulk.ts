import { sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { rowsOf } from './kinds/shared.ts';

/**
 * Bulk mode for a large import: inside the import's transaction, the table's secondary indexes
 * (every index that backs no constraint: the GIN search index, the list indexes) and its foreign
 * keys are dropped, the rows are written, and then the indexes are built again in one pass and the
 * foreign keys added again (which checks every row of the table at once). Building a GIN index
 * once is several times cheaper than adding tens of entries to it per row, and one set-based key
 * check is far cheaper than three per-row trigger look-ups.
 *
 * All of it is transactional on PostgreSQL (and PGlite): if anything fails, or the import rolls
 * back because a row is bad, the drops roll back too and the table keeps every index and key.
 * The cost is the lock: DROP INDEX takes an ACCESS EXCLUSIVE lock on the table, so from the moment
 * bulk mode starts until the import commits, every other reader and writer of the table waits.
 * That is why it starts only for imports large against the table (see `shouldUseBulk`).
 *
 * The DDL replayed comes from the catalog (pg_get_indexdef, pg_get_constraintdef), never from the
 * imported file.
 */
export interface BulkState {
  table: string;
  indexes: Array<{ name: string; def: string }>;
  foreignKeys: Array<{ name: string; def: string }>;
}

/** At least this many rows, and at least this share of the rows already in the table. */
export const BULK_MIN_ROWS = 100_000;
export const BULK_MIN_SHARE = 0.5;

/** Whether an import of about `rows` rows into a table holding about `existing` should use bulk mode. */
export function shouldUseBulk(rows: number, existing: number, minRows = BULK_MIN_ROWS): boolean {
  return rows >= minRows && rows >= existing * BULK_MIN_SHARE;
}

/** The planner's row estimate for a table (no scan). */
export async function estimatedRows(tx: Tx, table: string): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await tx.execute(sql`select greatest(reltuples, 0)::float8 as n from pg_class where oid = to_regclass(${table})`),
  );
  return Number(row?.n ?? 0);
}

export async function suspendIndexes(tx: Tx, table: string): Promise<BulkState> {
  const indexes = rowsOf<{ name: string; def: string }>(
    await tx.execute(sql`
    select i.relname as name, pg_get_indexdef(i.oid) as def
    from pg_index x join pg_class i on i.oid = x.indexrelid
    where x.indrelid = to_regclass(${table}) and not x.indisunique and not x.indisprimary
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
    order by i.relname`),
  );
  const foreignKeys = rowsOf<{ name: string; def: string }>(
    await tx.execute(sql`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = to_regclass(${table}) and contype = 'f' order by conname`),
  );
  for (const fk of foreignKeys) await tx.execute(sql`alter table ${sql.identifier(table)} drop constraint ${sql.identifier(fk.name)}`);
  for (const index of indexes) await tx.execute(sql`drop index ${sql.identifier(index.name)}`);
  return { table, indexes, foreignKeys };
}

/** Builds the indexes again and re-adds the foreign keys (checking every row); memory for the sorts is raised for this transaction only. */
export async function restoreIndexes(tx: Tx, state: BulkState, raiseMemory: boolean): Promise<void> {
  // (not on PGlite, whose memory is the process's own WebAssembly heap)
  if (raiseMemory) await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
  // Catalog text (see above), replayed verbatim.
  for (const index of state.indexes) await tx.execute(sql.raw(index.def));
  for (const fk of state.foreignKeys) {
    await tx.execute(sql`alter table ${sql.identifier(state.table)} add constraint ${sql.identifier(fk.name)} ${sql.raw(fk.def)}`);
  }
  // The table has at least doubled: without fresh statistics the planner keeps the old row counts and
  // value spread (a search it thinks matches 225 cases matches 4,413) until autovacuum gets to it,
  // and PGlite has no autovacuum. Committed with the rows.
  await tx.execute(sql`analyze ${sql.identifier(state.table)}`);
}
