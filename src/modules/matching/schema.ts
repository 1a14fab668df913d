import { sql } from 'drizzle-orm';
import { bigserial, check, customType, index, integer, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { oneOf } from '../../db/checks.ts';
import { timestamptz } from '../../db/columns.ts';

export const FINGERPRINT_STATUSES = ['pending', 'done', 'failed'] as const;
export type FingerprintStatus = (typeof FINGERPRINT_STATUSES)[number];

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * One row per photo content (sha256, as the registry stores photos), owned by matching: no foreign key to the
 * registry. `pending`: waiting for its fingerprint job (matching.fingerprint on module jobs' queue; registry.ts).
 */
export const photoFingerprints = pgTable(
  'photo_fingerprints',
  {
    sha256: text('sha256').primaryKey(),
    status: text('status').notNull().default('pending'),
    version: integer('version').notNull().default(0),
    sourceWidth: integer('source_width'),
    sourceHeight: integer('source_height'),
    keypoints: integer('keypoints'),
    /** Global descriptor: sorted visual-word ids, uint32 little-endian. */
    words: bytea('words'),
    /** Local features for verification: see fingerprint.ts encodeFeatures. */
    features: bytea('features'),
    attempts: integer('attempts').notNull().default(0),
    errorCode: text('error_code'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('photo_fingerprints_sha256_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('photo_fingerprints_status', oneOf(t.status, FINGERPRINT_STATUSES)),
    index('photo_fingerprints_pending_idx').on(t.createdAt).where(sql`status = 'pending'`),
    index('photo_fingerprints_updated_idx').on(t.updatedAt),
  ],
);

export const LISTING_STATUSES = ['pending', 'screened', 'error'] as const;
export const REVIEW_STATUSES = ['none', 'queued', 'confirmed', 'rejected'] as const;

/** A screening batch: one listings file (identified by its sha256, so running it again resumes it). */
export const screeningBatches = pgTable(
  'screening_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    listings: integer('listings').notNull().default(0),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [uniqueIndex('screening_batches_file_idx').on(t.fileSha256)],
);

/**
 * One listing image to screen. The same listing (source, reference, image content) is screened once, whichever
 * batch brings it again: the unique key makes re-screening idempotent.
 */
export const screeningListings = pgTable(
  'screening_listings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => screeningBatches.id),
    rowNo: integer('row_no').notNull(),
    source: text('source').notNull(),
    reference: text('reference').notNull(),
    /** sha256 of the image bytes, or `missing:<path>` when the file could not be read. */
    imageKey: text('image_key').notNull(),
    imagePath: text('image_path').notNull(),
    title: text('title'),
    description: text('description'),
    price: text('price'),
    listedOn: text('listed_on'),
    seller: text('seller'),
    status: text('status').notNull().default('pending'),
    errorCode: text('error_code'),
    bestSha256: text('best_sha256'),
    bestScore: real('best_score'),
    bestVerdict: text('best_verdict'),
    candidates: jsonb('candidates'),
    reviewStatus: text('review_status').notNull().default('none'),
    reviewedAt: timestamptz('reviewed_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    screenedAt: timestamptz('screened_at'),
  },
  (t) => [
    uniqueIndex('screening_listings_identity_idx').on(t.source, t.reference, t.imageKey),
    index('screening_listings_batch_idx').on(t.batchId, t.status),
    index('screening_listings_review_idx').on(t.reviewStatus).where(sql`review_status = 'queued'`),
    check('screening_listings_status', oneOf(t.status, LISTING_STATUSES)),
    check('screening_listings_review_status', oneOf(t.reviewStatus, REVIEW_STATUSES)),
  ],
);
