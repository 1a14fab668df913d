import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { oneOf } from '../../db/checks.ts';

export const FINGERPRINT_STATUSES = ['pending', 'done', 'failed'] as const;
export type FingerprintStatus = (typeof FINGERPRINT_STATUSES)[number];

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });
const timestamptz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One row per photo content (sha256, as the registry stores photos), owned by matching: no foreign key to the
 * registry. The row is also the durable background job: `pending` rows are claimed by the fingerprint worker.
 */
export const photoFingerprints = pgTable('photo_fingerprints', {
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
}, (t) => [
  check('photo_fingerprints_sha256_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  check('photo_fingerprints_status', oneOf(t.status, FINGERPRINT_STATUSES)),
  index('photo_fingerprints_pending_idx').on(t.createdAt).where(sql`status = 'pending'`),
  index('photo_fingerprints_updated_idx').on(t.updatedAt),
]);
