import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A message to everyone whose jurisdiction covers `recipient_jurisdiction` (the jurisdiction itself and its
 * ancestors up to the national level). Title and body are i18n keys with their parameters, rendered in the reader's
 * language; `link` is a web path. Read once by anyone in scope: `read_by` / `read_at`.
 */
export const notifications = pgTable('notifications', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  recipientJurisdiction: text('recipient_jurisdiction').notNull(),
  kind: text('kind').notNull(),
  titleKey: text('title_key').notNull(),
  bodyKey: text('body_key').notNull(),
  params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
  link: text('link'),
  entityType: text('entity_type'),
  entityId: text('entity_id'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  readBy: text('read_by'),
  readAt: timestamptz('read_at'),
}, (t) => [
  index('notifications_recipient_idx').on(t.recipientJurisdiction, t.createdAt),
]);
