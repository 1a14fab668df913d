import { sql } from 'drizzle-orm';
import { bigint, date, index, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Daily rollup of every fact the metrics count: one row per metric, Beijing-time day, jurisdiction,
 * category and breakdown value (`dim`: gang kind, cold-case age band, property kind:unit:action).
 * Kept current by statement-level triggers on the source tables (migration stats_rollup_triggers),
 * in the same transaction as the write, so a figure never lags the records.
 */
export const statsDaily = pgTable(
  'stats_daily',
  {
    metric: text('metric').notNull(),
    day: date('day').notNull(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    /** '' for facts that have no case category (gangs). */
    categoryCode: text('category_code').notNull(),
    dim: text('dim').notNull().default(''),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
    total: numeric('total', { precision: 24, scale: 3 }).notNull().default(sql`0`),
  },
  (t) => [
    primaryKey({ columns: [t.metric, t.day, t.jurisdictionCode, t.categoryCode, t.dim] }),
    index('stats_daily_jurisdiction_idx').on(t.metric, t.jurisdictionCode, t.day),
  ],
);

/**
 * Monthly rollup for every jurisdiction and all its ancestors (a county's facts are also counted
 * under its city, province and the nation), so a figure of any scope over whole months reads a few
 * rows by exact jurisdiction. Days at the edges of a period come from stats_daily.
 */
export const statsMonthly = pgTable(
  'stats_monthly',
  {
    metric: text('metric').notNull(),
    month: date('month').notNull(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    categoryCode: text('category_code').notNull(),
    dim: text('dim').notNull().default(''),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
    total: numeric('total', { precision: 24, scale: 3 }).notNull().default(sql`0`),
  },
  (t) => [primaryKey({ columns: [t.metric, t.jurisdictionCode, t.month, t.categoryCode, t.dim] })],
);
