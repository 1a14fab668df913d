import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { oneOf } from '../../db/checks.ts';
import { timestamptz } from '../../db/columns.ts';
import { agencies, users } from '../org/schema.ts';

/** What a campaign is for, as the seed reports group them: strike, prevent, put in order, serve the public. */
export const CAMPAIGN_KINDS = ['crackdown', 'prevention', 'governance', 'service'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/** Lead agencies run the campaign; partner agencies take part in it. */
export const CAMPAIGN_AGENCY_ROLES = ['lead', 'partner'] as const;
export type CampaignAgencyRole = (typeof CAMPAIGN_AGENCY_ROLES)[number];

/**
 * A special campaign (专项行动). `code` is the reference cases carry in `cases.campaign_codes`. The period's end is
 * the current one: each extension is kept in `campaign_extensions`, so the original end is recoverable. Scope is a
 * set of jurisdiction subtrees (their roots); categories in scope are taxonomy codes (empty = every category).
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    kind: text('kind', { enum: CAMPAIGN_KINDS }).notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    descriptionZh: text('description_zh').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    jurisdictionCodes: text('jurisdiction_codes').array().notNull(),
    categoryCodes: text('category_codes').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('campaigns_kind_valid', oneOf(t.kind, CAMPAIGN_KINDS)),
    check('campaigns_period_ordered', sql`${t.endsOn} >= ${t.startsOn}`),
    check('campaigns_has_scope', sql`cardinality(${t.jurisdictionCodes}) > 0`),
    index('campaigns_jurisdictions_idx').using('gin', t.jurisdictionCodes),
  ],
);

export const campaignAgencies = pgTable(
  'campaign_agencies',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    role: text('role', { enum: CAMPAIGN_AGENCY_ROLES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.agencyId] }),
    index('campaign_agencies_agency_idx').on(t.agencyId),
    check('campaign_agencies_role_valid', oneOf(t.role, CAMPAIGN_AGENCY_ROLES)),
  ],
);

/** "Extended by one year on 2021-08-31, reason …": one row per decision, never rewritten. */
export const campaignExtensions = pgTable(
  'campaign_extensions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    decidedOn: date('decided_on').notNull(),
    previousEndsOn: date('previous_ends_on').notNull(),
    newEndsOn: date('new_ends_on').notNull(),
    reason: text('reason').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    index('campaign_extensions_campaign_idx').on(t.campaignId, t.newEndsOn),
    check('campaign_extensions_lengthen', sql`${t.newEndsOn} > ${t.previousEndsOn}`),
  ],
);
