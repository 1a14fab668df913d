import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, customType, index, integer, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { oneOf } from '../../db/checks.ts';
import { timestamptz } from '../../db/columns.ts';
import { agencies, jurisdictions, users } from '../org/schema.ts';
import {
  CASE_STATUSES,
  GANG_KINDS,
  IDENTIFIER_KINDS,
  PARTY_ROLES,
  PARTY_STATUSES,
  PROPERTY_ACTIONS,
  PROPERTY_KINDS,
  PROPERTY_UNITS,
  SUPERVISION_LEVELS,
} from './vocabulary.ts';

export * from './vocabulary.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The crime taxonomy: dotted codes in a tree, shipped as data (categories.ts), extendable by admins. */
export const caseCategories = pgTable(
  'case_categories',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    builtin: boolean('builtin').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('case_categories_parent_idx').on(t.parentCode),
    check('case_categories_code_format', sql`${t.code} ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$'`),
  ],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseNo: text('case_no').notNull().unique(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => caseCategories.code),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('reported'),
    occurredAt: timestamptz('occurred_at'),
    reportedAt: timestamptz('reported_at').notNull(),
    filedAt: timestamptz('filed_at'),
    solvedAt: timestamptz('solved_at'),
    prosecutedAt: timestamptz('prosecuted_at'),
    closedAt: timestamptz('closed_at'),
    dismissedAt: timestamptz('dismissed_at'),
    dismissalReason: text('dismissal_reason'),
    supervision: text('supervision', { enum: SUPERVISION_LEVELS }).notNull().default('none'),
    supervisionReason: text('supervision_reason'),
    supervisionSetBy: uuid('supervision_set_by').references(() => users.id),
    supervisionSetAt: timestamptz('supervision_set_at'),
    lossAmount: numeric('loss_amount', { precision: 18, scale: 2 }),
    campaignCodes: text('campaign_codes').array().notNull().default(sql`'{}'::text[]`),
    /** Character bigrams and words of title and summary, so Chinese matches without spaces. */
    searchTerms: tsvector('search_terms'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('cases_jurisdiction_idx').on(t.jurisdictionCode, t.reportedAt),
    index('cases_category_idx').on(t.categoryCode, t.reportedAt),
    // Category + status filters (the commonest list) for any scope, without sorting the subtree.
    index('cases_category_status_idx').on(t.categoryCode, t.status, t.jurisdictionCode),
    index('cases_status_idx').on(t.status, t.reportedAt),
    index('cases_filed_idx').on(t.filedAt),
    index('cases_solved_idx').on(t.solvedAt),
    index('cases_reported_idx').on(t.reportedAt),
    index('cases_supervised_idx').on(t.supervision).where(sql`${t.supervision} <> 'none'`),
    index('cases_campaigns_idx').using('gin', t.campaignCodes),
    index('cases_search_idx').using('gin', t.searchTerms),
    check('cases_status_valid', oneOf(t.status, CASE_STATUSES)),
    check('cases_supervision_valid', oneOf(t.supervision, SUPERVISION_LEVELS)),
    check('cases_loss_nonnegative', sql`${t.lossAmount} is null or ${t.lossAmount} >= 0`),
    // Dates in lifecycle order; each stage's date exactly when the case has reached that stage.
    check(
      'cases_dates_ordered',
      sql`(${t.filedAt} is null or ${t.filedAt} >= ${t.reportedAt})
    and (${t.solvedAt} is null or (${t.filedAt} is not null and ${t.solvedAt} >= ${t.filedAt}))
    and (${t.prosecutedAt} is null or (${t.solvedAt} is not null and ${t.prosecutedAt} >= ${t.solvedAt}))
    and (${t.closedAt} is null or ${t.closedAt} >= ${t.reportedAt})`,
    ),
  ],
);

/** The case timeline: each lifecycle step and notable change, with who and when. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: timestamptz('at').notNull(),
    kind: text('kind').notNull(),
    note: text('note'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

/** A person who is a party to at least one case. Names, ID numbers and phones are personal data. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personRef: text('person_ref').unique(),
    name: text('name').notNull(),
    idNumber: text('id_number'),
    phone: text('phone'),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('persons_id_number_idx').on(t.idNumber), index('persons_phone_idx').on(t.phone)],
);

export const caseParties = pgTable(
  'case_parties',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    role: text('role', { enum: PARTY_ROLES }).notNull(),
    status: text('status', { enum: PARTY_STATUSES }).notNull().default('none'),
    arrestedAt: timestamptz('arrested_at'),
    detainedAt: timestamptz('detained_at'),
    prosecutedAt: timestamptz('prosecuted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.personId, t.role] }),
    index('case_parties_person_idx').on(t.personId),
    index('case_parties_arrested_idx').on(t.arrestedAt),
    check('case_parties_role_valid', oneOf(t.role, PARTY_ROLES)),
    check('case_parties_status_valid', oneOf(t.status, PARTY_STATUSES)),
  ],
);

/** A wanted notice for a suspect, open until captured. */
export const fugitives = pgTable(
  'fugitives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    wantedSince: timestamptz('wanted_since').notNull(),
    capturedAt: timestamptz('captured_at'),
    capturingAgencyId: uuid('capturing_agency_id').references(() => agencies.id),
  },
  (t) => [
    uniqueIndex('fugitives_person_case_idx').on(t.personId, t.caseId),
    index('fugitives_wanted_idx').on(t.wantedSince),
    index('fugitives_captured_idx').on(t.capturedAt),
    check('fugitives_dates_ordered', sql`${t.capturedAt} is null or ${t.capturedAt} >= ${t.wantedSince}`),
  ],
);

export const gangs = pgTable(
  'gangs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    gangRef: text('gang_ref').unique(),
    kind: text('kind', { enum: GANG_KINDS }).notNull(),
    name: text('name').notNull(),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    agencyId: uuid('agency_id').references(() => agencies.id),
    dismantledAt: timestamptz('dismantled_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('gangs_jurisdiction_idx').on(t.jurisdictionCode),
    index('gangs_dismantled_idx').on(t.dismantledAt),
    check('gangs_kind_valid', oneOf(t.kind, GANG_KINDS)),
  ],
);

export const gangMembers = pgTable(
  'gang_members',
  {
    gangId: uuid('gang_id')
      .notNull()
      .references(() => gangs.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    isLeader: boolean('is_leader').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.gangId, t.personId] }), index('gang_members_person_idx').on(t.personId)],
);

export const gangCases = pgTable(
  'gang_cases',
  {
    gangId: uuid('gang_id')
      .notNull()
      .references(() => gangs.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.gangId, t.caseId] }), index('gang_cases_case_idx').on(t.caseId)],
);

/** Everything seized, recovered, stopped, frozen or returned, in one model with units. */
export const propertyItems = pgTable(
  'property_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: PROPERTY_KINDS }).notNull(),
    quantity: numeric('quantity', { precision: 18, scale: 3 }).notNull(),
    unit: text('unit', { enum: PROPERTY_UNITS }).notNull(),
    action: text('action', { enum: PROPERTY_ACTIONS }).notNull(),
    at: timestamptz('at').notNull(),
    description: text('description'),
    /** Registry object (Object ID) this item is, once the registry lands. */
    objectRef: text('object_ref'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('property_items_case_idx').on(t.caseId),
    index('property_items_kind_idx').on(t.kind, t.action, t.at),
    index('property_items_object_idx').on(t.objectRef),
    check('property_items_quantity_positive', sql`${t.quantity} > 0`),
    check('property_items_kind_valid', oneOf(t.kind, PROPERTY_KINDS)),
    check('property_items_unit_valid', oneOf(t.unit, PROPERTY_UNITS)),
    check('property_items_action_valid', oneOf(t.action, PROPERTY_ACTIONS)),
  ],
);

/** Normalised identifiers seen in a case (phones, accounts, ID numbers, plates, objects): the keys of 串并案 suggestions. */
export const caseIdentifiers = pgTable(
  'case_identifiers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: IDENTIFIER_KINDS }).notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.kind, t.value] }),
    index('case_identifiers_value_idx').on(t.kind, t.value),
    check('case_identifiers_kind_valid', oneOf(t.kind, IDENTIFIER_KINDS)),
  ],
);

/** A confirmed series-case link (串并案), stored once per pair with case_a < case_b. */
export const caseLinks = pgTable(
  'case_links',
  {
    caseA: uuid('case_a')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    caseB: uuid('case_b')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.caseA, t.caseB] }),
    index('case_links_b_idx').on(t.caseB),
    check('case_links_ordered', sql`${t.caseA} < ${t.caseB}`),
  ],
);
