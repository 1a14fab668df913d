// Deterministic synthetic cases for the demo and for benchmarks at any scale.
//
// The same seed (and prefix) gives byte-identical rows in a fresh database: every id, date, name
// and number comes from one seeded generator (sfc32), creation timestamps are the record's own
// dates rather than now(), and each chunk is one statement, sent in order, so case_events ids
// follow too. Cases are produced in reporting-time order over 2019-01-01 … 2020-12-31 (Beijing
// time), so case numbers count up with time in each jurisdiction; a cold homicide is emitted at
// the time it was solved and keeps its old report date and number.
//
// Each chunk is a single INSERT … SELECT FROM unnest(…) per table, chained as data-modifying
// CTEs in one statement (one round trip, atomic like a transaction), with every column passed
// as one PostgreSQL array literal: the same SQL runs on PGlite and on a server.//
// The parts, one job each, are in ./cases-generator/: random.ts (the seeded stream), calendar.ts
// (report times), geography.ts (counties and agencies), people.ts (people, gangs, their schedule),
// id-number.ts (ID check digits), tables.ts (a chunk's rows and its statement), generator.ts (the
// cases themselves). This file runs them: chunk by chunk into the database.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type Period, periodEndingOn, yesterdayInBeijing } from './cases-generator/calendar.ts';
import { CaseGenerator } from './cases-generator/generator.ts';
import { loadGeography, rowsOf } from './cases-generator/geography.ts';
import { chunkStatement, newTables } from './cases-generator/tables.ts';

export type { Period } from './cases-generator/calendar.ts';
export { periodEndingOn, SEED_PERIOD, yesterdayInBeijing } from './cases-generator/calendar.ts';
export { idCheckDigit } from './cases-generator/id-number.ts';
export { Rng } from './cases-generator/random.ts';

export interface GenerateOptions {
  cases: number;
  seed?: number;
  /** Cases per statement (default 2,500). */
  batchSize?: number;
  /** First characters of every case number (default `A`); runs on one database need distinct prefixes. */
  prefix?: string;
  /** The two years the reports fall in and the "as of" moment (default: 2019–2020 as of mid-2021, the seed reports' years). */
  period?: Period;
  onProgress?(done: number): void;
}

export interface GeneratedCounts {
  cases: number;
  persons: number;
  parties: number;
  fugitives: number;
  gangs: number;
  gangMembers: number;
  gangCases: number;
  property: number;
  identifiers: number;
  events: number;
}

export const DEMO_CASE_COUNT = 3000;
export const DEMO_SEED = 20190101;
export const DEMO_PREFIX = 'A';

/** Campaign codes the generator puts on cases. */
export const GENERATED_CAMPAIGNS = [
  'relic-2019',
  'relic-2020',
  'fraud-2019',
  'fraud-2020',
  'yunjian-2020',
  'sweep-gangs',
  'kunlun-2019',
  'kunlun-2020',
  'fishing-2020',
  'theft-robbery-fraud-2019',
] as const;

// ---------------------------------------------------------------------------------------------
// Entry points

const emptyCounts = (): GeneratedCounts => ({
  cases: 0,
  persons: 0,
  parties: 0,
  fugitives: 0,
  gangs: 0,
  gangMembers: 0,
  gangCases: 0,
  property: 0,
  identifiers: 0,
  events: 0,
});

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Adds `cases` synthetic cases (with their people, gangs, property, identifiers and timelines) to
 * a migrated database that has public-security agencies (the demo set). Only inserts; a second run
 * on the same database needs another prefix (case numbers are unique).
 */
export async function generateCases(db: Db, options: GenerateOptions): Promise<GeneratedCounts> {
  const total = Math.floor(options.cases);
  const prefix = options.prefix ?? DEMO_PREFIX;
  if (!/^[A-Z][A-Z0-9]{0,3}$/.test(prefix)) throw new Error(`generateCases: prefix must be 1–4 upper-case letters or digits, got ${prefix}`);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 2500));
  const counts = emptyCounts();
  if (!(total > 0)) return counts;
  const generator = new CaseGenerator(await loadGeography(db), total, options.seed ?? 1, prefix, options.period);
  let pending: Promise<unknown> | null = null;
  let done = 0;
  const slice = Math.min(batchSize, 500);
  while (generator.index < total) {
    const tables = newTables();
    generator.t = tables;
    const end = Math.min(total, generator.index + batchSize);
    // Generate in slices, letting the driver push the previous chunk to the server meanwhile.
    while (generator.index < end) {
      const stop = Math.min(end, generator.index + slice);
      while (generator.index < stop) generator.next();
      if (pending) await tick();
    }
    const statement = chunkStatement(tables);
    if (pending) {
      await pending;
      done = counts.cases;
      options.onProgress?.(done);
    }
    const counted = {
      cases: tables.cases.length,
      persons: tables.persons.length,
      parties: tables.parties.length,
      fugitives: tables.fugitives.length,
      gangs: tables.gangs.length,
      gangMembers: tables.gangMembers.length,
      gangCases: tables.gangCases.length,
      property: tables.property.length,
      identifiers: tables.identifiers.length,
      events: tables.events.length,
    };
    const sent = db.execute(statement).then(() => {
      for (const key of Object.keys(counts) as Array<keyof GeneratedCounts>) counts[key] += counted[key];
    });
    sent.catch(() => undefined);
    pending = sent;
    await tick();
  }
  if (pending) await pending;
  if (counts.cases !== done) options.onProgress?.(counts.cases);
  return counts;
}

/**
 * The demo's cases: a fixed seed and count, case numbers `A<jurisdiction>-<year>-<n>`. Does nothing
 * (and returns zero counts) when such cases already exist, so it is safe to call on every start.
 * Needs the demo agencies (seedDemo) first.
 */
export async function seedDemoCases(
  db: Db,
  options: { cases?: number; lastDay?: string; period?: Period | undefined } = {},
): Promise<GeneratedCounts> {
  // The generator's numbers look like A150402-2019-000123.
  const existing = rowsOf(await db.execute(sql`select 1 from cases where case_no like ${`${DEMO_PREFIX}______-____-%`} limit 1`));
  if (existing.length) return emptyCounts();
  // The two years up to yesterday: every default period shows a living jurisdiction on the day the demo is loaded.
  const period = options.period ?? periodEndingOn(options.lastDay ?? yesterdayInBeijing());
  return generateCases(db, { cases: options.cases ?? DEMO_CASE_COUNT, seed: DEMO_SEED, prefix: DEMO_PREFIX, period });
}
