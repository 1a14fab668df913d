import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase, testDrivers } from '../support/db.ts';

const postgresOnly = testDrivers().includes('postgres');
if (!postgresOnly) console.log('skipping PostgreSQL driver tests: no PostgreSQL server in this run');

describe.skipIf(!postgresOnly)('the PostgreSQL driver', () => {
  let target: TestDatabase;
  afterAll(() => target?.dispose());

  it('lets two servers start at once against an empty database', async () => {
    target = await createTestDatabase('postgres');
    // Start from nothing, as a new installation would.
    await target.database.db.execute(sql`drop schema public cascade; drop schema if exists drizzle cascade; create schema public`);
    const [a, b] = await Promise.all([openDatabase(target.location), openDatabase(target.location)]);
    try {
      const results = await Promise.allSettled([migrateDatabase(a), migrateDatabase(b)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const count = await a.db.execute(sql`select count(*)::int as n from jurisdictions`);
      expect((count as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(3349);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('survives the server dropping an idle connection, and the next query works', async () => {
    const database = await openDatabase(target.location);
    try {
      const pidOf = async () =>
        Number(((await database.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: Array<{ pid: number }> }).rows[0]!.pid);
      const pid = await pidOf();
      // The pool reports a lost idle connection as a warning (an unhandled 'error' would crash the process instead).
      const lost = new Promise<Error>((resolve) => {
        const listener = (warning: Error) => {
          if (!warning.message.startsWith('PostgreSQL connection lost')) return;
          process.off('warning', listener);
          resolve(warning);
        };
        process.on('warning', listener);
      });
      const admin = await openDatabase(target.location);
      await admin.db.execute(sql`select pg_terminate_backend(${pid})`);
      await admin.close();
      expect((await lost).message).toBe('PostgreSQL connection lost: terminating connection due to administrator command');
      expect(await pidOf()).not.toBe(pid);
    } finally {
      await database.close();
    }
  });
});
