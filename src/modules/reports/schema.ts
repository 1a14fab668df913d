import { index, jsonb, pgTable, text, timestamp, uuid, date } from 'drizzle-orm/pg-core';
import { jurisdictions, users } from '../org/schema.ts';

/** A report published to the public portal: its rendered texts only (aggregate figures, no personal data). */
export const publishedReports = pgTable('published_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  jurisdictionCode: text('jurisdiction_code').notNull().references(() => jurisdictions.code),
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
}, (t) => [index('published_reports_published_idx').on(t.publishedAt)]);
