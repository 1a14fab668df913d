import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type DriverName, openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

export interface TestDatabase {
  driver: DriverName;
  database: Database;
  /** How a subprocess (the CLI) reaches the same data: a URL or a PGlite folder. */
  location: { databaseUrl?: string; dataDir?: string };
  /** Close (and for PostgreSQL drop) the throwaway database. */
  dispose(): Promise<void>;
}

/** The drivers this run tests: PGlite always, PostgreSQL when global setup found a server. */
export function testDrivers(): DriverName[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * A new, migrated, empty database: a PGlite folder in tmp, or a throwaway PostgreSQL database,
 * each a copy of the run's template (global-setup.ts). Migrating it again checks the copy is current.
 */
export async function createTestDatabase(driver: DriverName): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-test-'));
    fs.cpSync(inject('pgliteTemplateDir'), dataDir, { recursive: true });
    const database = await openDatabase({ dataDir });
    await migrateDatabase(database);
    return {
      driver,
      database,
      location: { dataDir },
      async dispose() {
        await database.close().catch(() => undefined);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject('postgresUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available in this run');
  const name = `lianfang_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
  await admin.end();
  const databaseUrl = withDatabaseName(adminUrl, name);
  const database = await openDatabase({ databaseUrl });
  await migrateDatabase(database);
  return {
    driver,
    database,
    location: { databaseUrl },
    async dispose() {
      await database.close().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
