import { date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { jurisdictions, users } from '../org/schema.ts';

/** A report published to the public portal: its rendered texts only (aggregate figures, no personal data). */
export const publishedReports = pgTable(
  'published_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    textZh: text('text_zh').notNull(),
    textEn: text('text_en').notNull(),
    /** The figures as published (metric, value, unit, comparison), for the portal's table. */
    figures: jsonb('figures').notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('published_reports_published_idx').on(t.publishedAt)],
);

/**
 * A report definition saved from the web app (figures and zh/en sentence templates), owned by a
 * jurisdiction: users of that jurisdiction and above see it. Checked on every save; saves audited.
 */
export const reportDefinitions = pgTable(
  'report_definitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    name: text('name').notNull(),
    definition: jsonb('definition').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('report_definitions_name_idx').on(t.jurisdictionCode, t.name)],
);
