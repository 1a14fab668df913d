import { sql } from 'drizzle-orm';
import type { Executor, Tx } from './client.ts';

/**
 * Runs `work` in a transaction (a savepoint inside one) where the planner may read tables only
 * through bitmap scans. For "first N rows matching a full-text condition, in some order": with a
 * LIMIT and a low guess of how many rows match (prefix terms, alternatives, stale statistics) the
 * planner likes to walk an ordering index hoping to meet N matches early, and when they are rare or
 * sit at the far end it reads the whole table or subtree (measured 120–530 ms on 100k registry
 * objects, 2.2 s for a one-character case search at 1M cases). A GIN bitmap reads only the matches.
 */
export function withBitmapScansOnly<T>(db: Executor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`);
    return work(tx);
  });
}
