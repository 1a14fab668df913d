import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';

/**
 * The statistics rollups of a large write (an import), applied once at the end of its transaction.
 *
 * Every write to cases, case_parties, fugitives, property_items and gangs runs this module's
 * statement-level rollup triggers, which upsert the statement's facts into stats_daily and, under
 * every ancestor jurisdiction, stats_monthly. For an import that is one upsert of ~30,000 keys per
 * 20,000-row chunk, and it was most of the write time. With deferral (the migration
 * stats_rollup_deferral), the triggers of this transaction only sum each statement's facts into a
 * session-local temporary table; at the end they are summed again over the whole write and folded
 * into the two rollup tables in two statements. Sums do not depend on order, so the rollups end
 * exactly as the triggers would have left them (test/cases/import-rollups.test.ts compares them
 * with a recount after imports).
 *
 * The switch is a transaction-local setting (set_config(…, true)): other sessions' writes keep
 * rolling up at once, and a rollback takes the collected facts back with the rows. Nothing is
 * locked that the triggers would not have locked; the rollup rows are locked for a shorter time.
 * Any module that writes many facts in one transaction may use it (the cases imports do).
 */
export async function deferRollups(tx: Tx): Promise<void> {
  await tx.execute(sql`select stats_defer_rollup()`);
}

/**
 * For a bulk import of cases, within deferred rollups: the cases rollup trigger skips the cases this
 * transaction inserts, and `applyDeferredRollups` collects their facts once from the rows themselves
 * (migration stats_import_case_facts). Only for a transaction that inserts cases and neither updates
 * nor deletes them, without savepoints, into a table it is most of (the collection scans the table).
 */
export async function deferCaseFacts(tx: Tx): Promise<void> {
  await tx.execute(sql`select stats_defer_case_facts()`);
}

/** Folds the collected facts into stats_daily and stats_monthly and stops deferring (same transaction). */
export async function applyDeferredRollups(tx: Tx): Promise<void> {
  await tx.execute(sql`select stats_apply_deferred()`);
}
