import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { oneOf } from '../../db/checks.ts';

import { AGENCY_KINDS, JURISDICTION_LEVELS, ROLES } from './vocabulary.ts';

export * from './vocabulary.ts';

/** GB/T 2260 divisions plus one national root (100000). */
export const jurisdictions = pgTable(
  'jurisdictions',
  {
    code: text('code').primaryKey(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    parentCode: text('parent_code'),
    level: text('level', { enum: JURISDICTION_LEVELS }).notNull(),
  },
  (t) => [
    index('jurisdictions_parent_idx').on(t.parentCode),
    check('jurisdictions_code_format', sql`${t.code} ~ '^[0-9]{6}$'`),
    check('jurisdictions_level_valid', oneOf(t.level, JURISDICTION_LEVELS)),
  ],
);

/**
 * Closure of the jurisdiction tree (each node is its own ancestor too), so "this jurisdiction and
 * everything below it" is one indexed lookup in every scoped query.
 */
export const jurisdictionAncestors = pgTable(
  'jurisdiction_ancestors',
  {
    ancestorCode: text('ancestor_code')
      .notNull()
      .references(() => jurisdictions.code),
    descendantCode: text('descendant_code')
      .notNull()
      .references(() => jurisdictions.code),
    depth: integer('depth').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ancestorCode, t.descendantCode] }), index('jurisdiction_ancestors_descendant_idx').on(t.descendantCode)],
);

export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: AGENCY_KINDS }).notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    /** A disabled agency's users cannot sign in, and no user is added to it. */
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agencies_jurisdiction_idx').on(t.jurisdictionCode), check('agencies_kind_valid', oneOf(t.kind, AGENCY_KINDS))],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles', { enum: ROLES }).array().notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    disabled: boolean('disabled').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('users_jurisdiction_idx').on(t.jurisdictionCode),
    index('users_agency_idx').on(t.agencyId),
    check('users_username_format', sql`${t.username} ~ '^[a-z0-9][a-z0-9._-]{1,62}$'`),
    check('users_roles_valid', sql`cardinality(${t.roles}) > 0 AND ${t.roles} <@ ARRAY[${sql.raw(ROLES.map((r) => `'${r}'`).join(', '))}]::text[]`),
  ],
);

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Explicit grants of one record to a partner agency (heritage bureau, customs, bank…). */
export const recordShares = pgTable(
  'record_shares',
  {
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    sharedBy: uuid('shared_by').references(() => users.id),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.entityType, t.entityId, t.agencyId] }), index('record_shares_agency_idx').on(t.agencyId, t.entityType)],
);
