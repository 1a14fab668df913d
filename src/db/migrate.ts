import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { loadShippedCategories } from '../modules/cases/index.ts';
import { IMPORT_QUEUES } from '../modules/imports/index.ts';
import { installJobQueues } from '../modules/jobs/index.ts';
import { MATCHING_QUEUES } from '../modules/matching/index.ts';
import { loadJurisdictions } from '../modules/org/index.ts';
import type { Database } from './client.ts';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Schema migrations, pg-boss's schema and queues, then the reference data every installation needs (the division tree). */
export function migrateDatabase(database: Database): Promise<{ jurisdictionsLoaded: number }> {
  return database.exclusive(() => migrateNow(database));
}

async function migrateNow(database: Database): Promise<{ jurisdictionsLoaded: number }> {
  if (database.driver === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder });
  }
  // pg-boss keeps its own schema (`pgboss`) and creates or upgrades it itself; done here so that every database a
  // migration prepared (and the tests' template databases) has it, rather than each server's first start.
  await installJobQueues(database, [...IMPORT_QUEUES, ...MATCHING_QUEUES]);
  const jurisdictionsLoaded = await loadJurisdictions(database.db);
  await loadShippedCategories(database.db);
  return { jurisdictionsLoaded };
}
