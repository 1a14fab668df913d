import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { createTestDatabase, testDrivers, type TestDatabase } from '../support/db.ts';

const postgresOnly = testDrivers().includes('postgres');
if (!postgresOnly) console.log('skipping concurrent-migration test: no PostgreSQL server in this run');

describe.skipIf(!postgresOnly)('migrations on a shared PostgreSQL server', () => {
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
});
