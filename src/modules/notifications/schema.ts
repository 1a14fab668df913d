import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../db/columns.ts';
import { agencies, users } from '../org/schema.ts';

/**
 * A message about a record (`entity_type`, `entity_id`) that belongs to `recipient_jurisdiction` and is owned by
 * `recipient_agency_id`; it is seen by whoever may see that record, by the one scoping rule: police of that
 * jurisdiction and above, the owning partner agency within its subtree, and agencies the record is shared with. Title
 * and body are i18n keys with their parameters, rendered in the reader's language; `link` is a web path. Each reader
 * marks it read for themselves (`notification_reads`).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recipientJurisdiction: text('recipient_jurisdiction').notNull(),
    recipientAgencyId: uuid('recipient_agency_id').references(() => agencies.id),
    kind: text('kind').notNull(),
    titleKey: text('title_key').notNull(),
    bodyKey: text('body_key').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    link: text('link'),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('notifications_recipient_idx').on(t.recipientJurisdiction, t.createdAt)],
);

/** Who has read which notification: read is per person, never for everyone in scope. */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: timestamptz('read_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);
