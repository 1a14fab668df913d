import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { oneOf } from '../../db/checks.ts';
import { timestamptz } from '../../db/columns.ts';
import { cases, propertyItems } from '../cases/schema.ts';
import { agencies, jurisdictions, users } from '../org/schema.ts';
import { type Measurement, OBJECT_STATUSES, PHOTO_VIEWS, TIP_STATUSES } from './vocabulary.ts';

export * from './vocabulary.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** A stolen or lost cultural object, described by the Object ID standard, with its theft and its state. */
export const relicObjects = pgTable(
  'relic_objects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable reference of the record (e.g. OBJ-150100-000123, or the importer's own). */
    objectRef: text('object_ref').notNull().unique(),
    /** Given when published, e.g. CN-2026-000123; kept once given. */
    publicationNo: text('publication_no').unique(),
    status: text('status', { enum: OBJECT_STATUSES }).notNull().default('draft'),
    objectType: text('object_type'),
    materials: text('materials').array().notNull().default(sql`'{}'::text[]`),
    techniques: text('techniques'),
    measurements: jsonb('measurements').$type<Measurement[]>().notNull().default(sql`'[]'::jsonb`),
    titleZh: text('title_zh').notNull().default(''),
    titleEn: text('title_en').notNull().default(''),
    subjectZh: text('subject_zh').notNull().default(''),
    subjectEn: text('subject_en').notNull().default(''),
    inscriptionsZh: text('inscriptions_zh').notNull().default(''),
    inscriptionsEn: text('inscriptions_en').notNull().default(''),
    distinguishingFeaturesZh: text('distinguishing_features_zh').notNull().default(''),
    distinguishingFeaturesEn: text('distinguishing_features_en').notNull().default(''),
    descriptionZh: text('description_zh').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    periodCode: text('period_code'),
    reign: text('reign'),
    yearFrom: integer('year_from'),
    yearTo: integer('year_to'),
    dateText: text('date_text'),
    maker: text('maker'),
    inventoryNo: text('inventory_no'),
    /** Owner or holding institution: internal (an owner may be a private person). */
    owner: text('owner'),
    origin: text('origin'),
    theftDate: timestamptz('theft_date'),
    /** Where it was stolen or lost; the record's scope. */
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    theftPlaceDetail: text('theft_place_detail'),
    circumstances: text('circumstances'),
    investigatingUnit: text('investigating_unit'),
    caseId: uuid('case_id').references(() => cases.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Museum records loaded for tests and benchmarks, never real thefts. */
    isTestData: boolean('is_test_data').notNull().default(false),
    source: text('source'),
    searchTerms: tsvector('search_terms'),
    /** Lower-cased Latin-script text for typo-tolerant (trigram) search. */
    searchText: text('search_text').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    /**
     * Everyone who changed the content (fields, photos) since it was last published: none of them may
     * approve it (four-eyes). Emptied when it is approved.
     */
    editedBy: uuid('edited_by').array().notNull().default(sql`'{}'::uuid[]`),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamptz('submitted_at'),
    approvedBy: uuid('approved_by').references(() => users.id),
    publishedAt: timestamptz('published_at'),
    withdrawnAt: timestamptz('withdrawn_at'),
    withdrawalReason: text('withdrawal_reason'),
    recoveredAt: timestamptz('recovered_at'),
    returnedAt: timestamptz('returned_at'),
    recoveryPropertyId: uuid('recovery_property_id').references(() => propertyItems.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('relic_objects_jurisdiction_idx').on(t.jurisdictionCode, t.createdAt),
    index('relic_objects_status_idx').on(t.status, t.publishedAt),
    index('relic_objects_case_idx').on(t.caseId),
    index('relic_objects_search_idx').using('gin', t.searchTerms),
    check('relic_objects_status_valid', oneOf(t.status, OBJECT_STATUSES)),
    check('relic_objects_years_ordered', sql`${t.yearFrom} is null or ${t.yearTo} is null or ${t.yearFrom} <= ${t.yearTo}`),
  ],
);

/** History of an object: every status change and edit, with who and when. */
export const relicObjectEvents = pgTable(
  'relic_object_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    objectId: uuid('object_id')
      .notNull()
      .references(() => relicObjects.id, { onDelete: 'cascade' }),
    at: timestamptz('at').notNull().defaultNow(),
    kind: text('kind').notNull(),
    note: text('note'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorUsername: text('actor_username'),
  },
  (t) => [index('relic_object_events_object_idx').on(t.objectId, t.at)],
);

/** A photo of an object; files are content-addressed by the original's sha256. */
export const relicPhotos = pgTable(
  'relic_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order, for paging through every photo (listRegistryPhotos). */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    objectId: uuid('object_id')
      .notNull()
      .references(() => relicObjects.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    view: text('view', { enum: PHOTO_VIEWS }).notNull().default('front'),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    format: text('format').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('relic_photos_object_sha_idx').on(t.objectId, t.sha256),
    index('relic_photos_sha_idx').on(t.sha256),
    check('relic_photos_view_valid', oneOf(t.view, PHOTO_VIEWS)),
  ],
);

/**
 * Every Latin-script word (3+ letters) of the objects' search text, kept by a trigger on relic_objects.
 * A misspelt query word is corrected against this short list (trigram index) instead of comparing it
 * with the text of every object; stale words only widen a query and are harmless.
 */
export const relicSearchWords = pgTable(
  'relic_search_words',
  {
    word: text('word').primaryKey(),
  },
  (t) => [index('relic_search_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`)],
);

/** A tip from the public about a published object, for the object's jurisdiction to review. */
export const relicTips = pgTable(
  'relic_tips',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    objectId: uuid('object_id')
      .notNull()
      .references(() => relicObjects.id),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    message: text('message').notNull(),
    /** Personal data of the tipster: shown to staff only. */
    contact: text('contact'),
    photoSha256: text('photo_sha256'),
    /** HMAC of the sender's address (never the address): the rate limit counts recent tips per sender in the database. */
    senderHash: text('sender_hash'),
    status: text('status', { enum: TIP_STATUSES }).notNull().default('new'),
    leadCaseId: uuid('lead_case_id').references(() => cases.id),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamptz('reviewed_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('relic_tips_queue_idx').on(t.jurisdictionCode, t.status, t.createdAt),
    index('relic_tips_sender_idx').on(t.senderHash, t.createdAt),
    check('relic_tips_status_valid', oneOf(t.status, TIP_STATUSES)),
  ],
);

/** A due-diligence certificate: what was searched, when, and what the registry answered. */
export const relicCertificates = pgTable(
  'relic_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    lang: text('lang').notNull(),
    requester: text('requester'),
    description: text('description').notNull(),
    query: jsonb('query').$type<Record<string, string>>().notNull(),
    matches: jsonb('matches').$type<Array<{ publicationNo: string; titleZh: string; titleEn: string; status: string; score: number }>>().notNull(),
    registrySize: integer('registry_size').notNull(),
    issuedAt: timestamptz('issued_at').notNull().defaultNow(),
  },
  (t) => [check('relic_certificates_lang_valid', sql`${t.lang} in ('zh', 'en')`)],
);

/**
 * A certificate printed to PDF, once per language: a certificate never changes, so its PDF is printed
 * at the first request and served from here after (by every server process of the installation).
 */
export const relicCertificatePdfs = pgTable(
  'relic_certificate_pdfs',
  {
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => relicCertificates.id, { onDelete: 'cascade' }),
    lang: text('lang').notNull(),
    pdf: bytea('pdf').notNull(),
    /** SHA-256 of the bytes, hex: the ETag. */
    sha256: text('sha256').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.certificateId, t.lang] }), check('relic_certificate_pdfs_lang_valid', sql`${t.lang} in ('zh', 'en')`)],
);
