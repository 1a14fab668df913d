// npm run bench -- gen [--cases 200000] [--driver postgres|pglite] [--bulk] [--keep] [--seed N] [--batch N]
//
// A throwaway database (PostgreSQL: a new database on the server at DATABASE_URL or
// postgres://postgres@127.0.0.1:5432/postgres; PGlite: a temp folder), migrated, with the demo
// agencies and users, then N synthetic cases from src/seed/cases-generator.ts; reports rows/s.
// --bulk loads the way pg_restore does: the generated tables' secondary indexes are dropped and
// their triggers (foreign-key checks) disabled during the load, then the indexes are rebuilt and
// every foreign key is checked with one anti-join each; the rates include the rebuild.
// --keep leaves the database in place and prints where it is (for `cases-list --url/--data`).

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, type Db, type DriverName, openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import type { Viewer } from '../src/modules/org/index.ts';
import { type GeneratedCounts, generateCases } from '../src/seed/cases-generator.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { option, round, tempDataDir } from './support.ts';

export const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Case-number prefix of benchmark cases (the demo's own cases use `A`). */
export const BENCH_PREFIX = 'B';

/** The tables the generator fills. */
export const GENERATED_TABLES = [
  'persons',
  'gangs',
  'gang_members',
  'cases',
  'case_parties',
  'fugitives',
  'gang_cases',
  'property_items',
  'case_identifiers',
  'case_events',
];

type Row = Record<string, unknown>;
export const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows;

/** A demo user as the services see them (no session needed in a benchmark). */
export async function viewerOf(db: Db, username: string): Promise<Viewer> {
  const [r] = rowsOf(
    await db.execute(sql`
    select u.id, u.username, u.roles, u.agency_id, a.kind, u.jurisdiction_code, j.level
    from users u join agencies a on a.id = u.agency_id join jurisdictions j on j.code = u.jurisdiction_code where u.username = ${username}`),
  );
  if (!r) throw new Error(`user ${username} is missing: load the demo set (seedDemo) into this database`);
  return {
    userId: String(r.id),
    username: String(r.username),
    roles: r.roles as Viewer['roles'],
    agencyId: String(r.agency_id),
    agencyKind: r.kind as Viewer['agencyKind'],
    jurisdictionCode: String(r.jurisdiction_code),
    jurisdictionLevel: r.level as Viewer['jurisdictionLevel'],
  };
}

export function flag(args: string[], name: string): boolean {
  return args.includes(`--${name}`);
}

export { option } from './support.ts';

export interface BenchDatabase {
  driver: DriverName;
  database: Database;
  location: { databaseUrl?: string; dataDir?: string };
  /** Close, and drop or delete unless kept. */
  dispose(keep: boolean): Promise<void>;
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A new, migrated database: a PGlite temp folder or a new database on the server. */
export async function createThrowawayDatabase(driver: DriverName): Promise<BenchDatabase> {
  if (driver === 'pglite') {
    const dataDir = tempDataDir();
    const database = await openDatabase({ dataDir });
    await migrateDatabase(database);
    return {
      driver,
      database,
      location: { dataDir },
      async dispose(keep) {
        await database.close().catch(() => undefined);
        if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `lianfang_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    // Another session creating a database at the same moment holds template1 (55006): wait and retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database ${name}`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 10) throw error;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const databaseUrl = withDatabaseName(ADMIN_URL, name);
  const database = await openDatabase({ databaseUrl });
  await migrateDatabase(database);
  return {
    driver,
    database,
    location: { databaseUrl },
    async dispose(keep) {
      await database.close().catch(() => undefined);
      if (keep) return;
      const cleanup = new pg.Client({ connectionString: ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * The database a read benchmark runs on: an existing one (--url/--data, kept) or a throwaway one of
 * --driver (kept with --keep), and how many cases it should hold (--cases; 1M on PostgreSQL, 100k on PGlite).
 */
export async function benchTarget(
  args: string[],
): Promise<{ existing: BenchDatabase | undefined; driver: DriverName; wanted: number; keep: boolean; bench: BenchDatabase }> {
  const existing = await openExistingDatabase(args);
  const driver = existing?.driver ?? ((option(args, 'driver') ?? 'postgres') as DriverName);
  const wanted = Number(option(args, 'cases') ?? (driver === 'postgres' ? 1_000_000 : 100_000));
  const keep = flag(args, 'keep') || !!existing;
  const bench = existing ?? (await createThrowawayDatabase(driver));
  return { existing, driver, wanted, keep, bench };
}

/** An existing database given by --url or --data (left in place afterwards). */
export async function openExistingDatabase(args: string[]): Promise<BenchDatabase | undefined> {
  const databaseUrl = option(args, 'url');
  const dataDir = option(args, 'data');
  if (!databaseUrl && !dataDir) return undefined;
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  return {
    driver: database.driver,
    database,
    location: databaseUrl ? { databaseUrl } : { dataDir: dataDir! },
    dispose: () => database.close().catch(() => undefined),
  };
}

const tableList = () => sql.raw(GENERATED_TABLES.map((t) => `'${t}'`).join(', '));

/** Drops the generated tables' indexes that back no constraint, and disables their triggers. */
export async function beginBulkLoad(db: Db): Promise<string[]> {
  const defs = rowsOf(
    await db.execute(sql`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = 'public' and i.tablename in (${tableList()})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
    order by i.tablename, i.indexname`),
  );
  for (const d of defs) await db.execute(sql.raw(`drop index ${String(d.indexname)}`));
  for (const t of GENERATED_TABLES) await db.execute(sql.raw(`alter table ${t} disable trigger all`));
  return defs.map((d) => String(d.indexdef));
}

/** Rebuilds the dropped indexes, re-enables the triggers and checks every foreign key of the generated tables. */
export async function endBulkLoad(db: Db, indexDefs: string[]): Promise<{ indexMs: number; validateMs: number }> {
  const started = performance.now();
  for (const t of GENERATED_TABLES) await db.execute(sql.raw(`alter table ${t} enable trigger all`));
  for (const def of indexDefs) {
    await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local maintenance_work_mem = '256MB'`));
      await tx.execute(sql.raw(def));
    });
  }
  const indexMs = performance.now() - started;
  const foreignKeys = rowsOf(
    await db.execute(sql`
    select c.conname, c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
      (select a.attname from pg_attribute a where a.attrelid = c.conrelid and a.attnum = c.conkey[1]) as col,
      (select a.attname from pg_attribute a where a.attrelid = c.confrelid and a.attnum = c.confkey[1]) as refcol
    from pg_constraint c where c.contype = 'f' and c.conrelid::regclass::text in (${tableList()}) and cardinality(c.conkey) = 1
    order by 1`),
  );
  for (const fk of foreignKeys) {
    const [row] = rowsOf(
      await db.execute(
        sql.raw(`select count(*)::int as n from ${String(fk.child)} x where x.${String(fk.col)} is not null
      and not exists (select 1 from ${String(fk.parent)} p where p.${String(fk.refcol)} = x.${String(fk.col)})`),
      ),
    );
    if (Number(row?.n) > 0) throw new Error(`bulk load broke foreign key ${String(fk.conname)}: ${String(row?.n)} rows`);
  }
  return { indexMs, validateMs: performance.now() - started - indexMs };
}

export interface LoadFigures {
  counts: GeneratedCounts;
  generateMs: number;
  indexRebuildMs: number;
  fkValidateMs: number;
  loadMs: number;
}

/** Generates `cases` cases, optionally as a bulk load; progress on stderr. */
export async function loadCases(
  db: Db,
  options: { cases: number; seed?: number; batchSize?: number; bulk: boolean; prefix?: string },
): Promise<LoadFigures> {
  const started = performance.now();
  const defs = options.bulk ? await beginBulkLoad(db) : [];
  let lastReport = performance.now();
  const counts = await generateCases(db, {
    cases: options.cases,
    seed: options.seed ?? 1,
    batchSize: options.batchSize,
    prefix: options.prefix ?? BENCH_PREFIX,
    onProgress(done) {
      if (performance.now() - lastReport < 5000) return;
      lastReport = performance.now();
      const seconds = (lastReport - started) / 1000;
      process.stderr.write(`  ${done.toLocaleString('en')} cases, ${Math.round(done / seconds).toLocaleString('en')}/s\n`);
    },
  });
  const generateMs = performance.now() - started;
  const { indexMs, validateMs } = options.bulk ? await endBulkLoad(db, defs) : { indexMs: 0, validateMs: 0 };
  return { counts, generateMs, indexRebuildMs: indexMs, fkValidateMs: validateMs, loadMs: performance.now() - started };
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : fs.statSync(full).size;
  }
  return total;
}

export async function databaseBytes(bench: BenchDatabase): Promise<number> {
  if (bench.driver === 'pglite') return folderBytes(bench.location.dataDir!);
  const [row] = rowsOf(await bench.database.db.execute(sql`select pg_database_size(current_database())::bigint as n`));
  return Number(row?.n);
}

const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));

export async function run(args: string[]) {
  const driver = (option(args, 'driver') ?? 'postgres') as DriverName;
  if (driver !== 'postgres' && driver !== 'pglite') throw new Error('--driver must be postgres or pglite');
  const cases = Number(option(args, 'cases') ?? (driver === 'postgres' ? 200_000 : 50_000));
  const seed = Number(option(args, 'seed') ?? 1);
  const batchSize = option(args, 'batch') ? Number(option(args, 'batch')) : undefined;
  const bulk = flag(args, 'bulk');
  const keep = flag(args, 'keep');

  const bench = await createThrowawayDatabase(driver);
  try {
    const db = bench.database.db;
    let t = performance.now();
    await seedDemo(db, 'development');
    const seedDemoMs = performance.now() - t;
    t = performance.now();
    const load = await loadCases(db, { cases, seed, batchSize, bulk });
    const totalMs = performance.now() - t;
    const { counts } = load;
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    return {
      driver,
      cases,
      seed,
      batchSize: batchSize ?? 2500,
      mode: bulk ? 'bulk (indexes rebuilt, foreign keys checked after)' : 'live (all indexes and foreign keys)',
      counts,
      rowsPerCase: round(rows / counts.cases, 2),
      seedDemoMs: round(seedDemoMs, 0),
      generateMs: round(load.generateMs, 0),
      indexRebuildMs: round(load.indexRebuildMs, 0),
      fkValidateMs: round(load.fkValidateMs, 0),
      totalMs: round(totalMs, 0),
      casesPerSecond: perSecond(counts.cases, totalMs),
      partiesPerSecond: perSecond(counts.parties, totalMs),
      propertyPerSecond: perSecond(counts.property, totalMs),
      allRowsPerSecond: perSecond(rows, totalMs),
      databaseMB: round((await databaseBytes(bench)) / 1e6, 0),
      target: '≥ 20,000 cases/s on PostgreSQL including parties and property',
      ...(keep ? { kept: bench.location } : {}),
    };
  } finally {
    await bench.dispose(keep);
  }
}
