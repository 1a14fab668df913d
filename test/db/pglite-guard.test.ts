// On PGlite a query made through the database while the same code's transaction is open waits for that
// transaction forever. The guard turns the hang into an immediate error; other requests still just wait.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { QueryOutsideTransactionError } from '../../src/db/pglite-guard.ts';

describe('PGlite: queries outside the open transaction', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({});
  });
  afterAll(() => database?.close());

  const valueOf = (result: unknown) => (result as { rows: Array<{ v: number }> }).rows[0]!.v;
  /** The guard's error, found where drizzle puts it (as the cause of its "Failed query" error). */
  const guardErrorOf = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    for (let e = error; e instanceof Error; e = e.cause) if (e instanceof QueryOutsideTransactionError) return e;
    throw new Error(`expected a QueryOutsideTransactionError, got ${String(error)}`);
  };

  it('fails at once, naming the mistake, and rolls the transaction back', async () => {
    const { db } = database;
    await db.execute(sql`create table guard_probe (v int)`);
    const attempt = db.transaction(async (tx) => {
      await tx.execute(sql`insert into guard_probe values (1)`);
      await db.execute(sql`select 1 as v`);
    });
    expect((await guardErrorOf(attempt)).message).toMatch(/use the transaction handle \(tx\)/);
    expect(valueOf(await db.execute(sql`select count(*)::int as v from guard_probe`))).toBe(0);
  });

  it('refuses a second transaction started inside the first', async () => {
    const { db } = database;
    await guardErrorOf(
      db.transaction(async () => {
        await db.transaction(async () => undefined);
      }),
    );
  });

  it('lets concurrent work outside the transaction wait its turn, and savepoints through tx still work', async () => {
    const { db } = database;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = db.transaction(async (tx) => {
      await tx.transaction(async (inner) => {
        await inner.execute(sql`select 1`);
      });
      await held;
      return valueOf(await tx.execute(sql`select 2 as v`));
    });
    const outside = db.execute(sql`select 3 as v`);
    release();
    expect(await transaction).toBe(2);
    expect(valueOf(await outside)).toBe(3);
  });

  it('lets work started inside a transaction query the database once the transaction has ended', async () => {
    const { db } = database;
    let later!: Promise<unknown>;
    let ended!: () => void;
    const transactionEnded = new Promise<void>((resolve) => {
      ended = resolve;
    });
    await db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      // Chained inside the transaction (so in its async context), run once it has ended.
      later = transactionEnded.then(() => db.execute(sql`select 4 as v`));
    });
    ended();
    expect(valueOf(await later)).toBe(4);
  });
});
