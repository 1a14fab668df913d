import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { guardNestedQueries } from './pglite-guard.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** One type for both drivers: every query and transaction is written once. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;
export type DriverName = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  driver: DriverName;
  /** Runs `work` while no other process runs exclusive work (server starts racing to migrate). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Reviewed SQL from a library that brings its own (pg-boss): parameters with `$1…`; without parameters the text may
   * hold several statements (the last one's rows are returned).
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
  close(): Promise<void>;
}

// Any constant works; every process of the installation uses the same one.
const EXCLUSIVE_LOCK_KEY = 7_460_230;

export interface DatabaseOptions {
  /** PostgreSQL server URL; when absent, PGlite stores its files under dataDir. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; `undefined` with no URL means in memory (tests). */
  dataDir?: string | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection the server drops (restart, failover, a dropped database) must not take the
    // process down: the pool replaces it on the next query, and the error is reported here.
    pool.on('error', (error) => {
      process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
    });
    // Fail at start, not at the first request, when the server is unreachable.
    await pool.query('select 1');
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    async function exclusive<T>(work: () => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [EXCLUSIVE_LOCK_KEY]);
        return await work();
      } finally {
        await client.query('select pg_advisory_unlock($1)', [EXCLUSIVE_LOCK_KEY]).catch(() => undefined);
        client.release();
      }
    }
    const executeSql = async (text: string, values?: unknown[]) => pool.query(text, values);
    return { db, driver: 'postgres', exclusive, executeSql, close: () => pool.end() };
  }
  let dataPath: string | undefined;
  if (options.dataDir) {
    dataPath = path.join(options.dataDir, 'pglite');
    fs.mkdirSync(dataPath, { recursive: true });
  }
  // pg_trgm: typo-tolerant search (the registry); the server ships it as a contrib extension.
  const client = await PGlite.create({ ...(dataPath ? { dataDir: dataPath } : {}), extensions: { pg_trgm } });
  guardNestedQueries(client);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  // PGlite's query() takes one statement; exec() takes several but no parameters.
  const executeSql = async (text: string, values?: unknown[]) => {
    if (values?.length) return client.query(text, values);
    const results = await client.exec(text);
    return results[results.length - 1] ?? { rows: [] };
  };
  // PGlite belongs to one process: there is nobody to exclude.
  return { db, driver: 'pglite', exclusive: (work) => work(), executeSql, close: () => client.close() };
}
