import { createHash } from 'node:crypto';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { Db, Executor } from '../../db/client.ts';
import { CandidateIndex } from './candidate-index.ts';
import type { LocalFeatures } from './features.ts';
import { decodeFeatures, decodeWords, encodeFeatures, encodeWords, FINGERPRINT_VERSION, type Fingerprint, fingerprintImage } from './fingerprint.ts';
import { type RankedMatch, shortlistFor, verifyShortlist } from './rank.ts';
import { photoFingerprints } from './schema.ts';

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function checkSha256(sha256: string): void {
  if (!SHA256.test(sha256)) throw new DomainError('validation', 'matching.invalid_sha256', [{ path: '/sha256', message: 'matching.invalid_sha256' }]);
}

// ---------- the in-process candidate index, one per database handle ----------

interface IndexState {
  index: CandidateIndex;
  /**
   * Rows updated after this instant are not in the index yet: the database's own text of the timestamp, since a JS
   * Date keeps only milliseconds and PostgreSQL microseconds (the newest rows would be added again on every search,
   * moving them in the index and counting their words twice, so the same query could rank differently next time).
   */
  seenUpTo: string;
  loading?: Promise<void>;
}

const indexes = new WeakMap<object, IndexState>();

/**
 * Loads every fingerprint's words once, then on each call picks up rows written since (by this process or any
 * other): one indexed range scan on updated_at. Rows of another version or failed rows leave the index.
 */
async function currentIndex(db: Db): Promise<CandidateIndex> {
  let state = indexes.get(db);
  if (!state) {
    state = { index: new CandidateIndex(), seenUpTo: '-infinity' };
    indexes.set(db, state);
  }
  const s = state;
  while (s.loading) await s.loading;
  s.loading = (async () => {
    const rows = await db
      .select({
        sha256: photoFingerprints.sha256,
        status: photoFingerprints.status,
        version: photoFingerprints.version,
        words: photoFingerprints.words,
        updatedAt: sql<string>`${photoFingerprints.updatedAt}::text`,
      })
      .from(photoFingerprints)
      .where(gt(photoFingerprints.updatedAt, sql`${s.seenUpTo}::timestamptz`))
      .orderBy(photoFingerprints.updatedAt);
    for (const row of rows) {
      if (row.status === 'done' && row.version === FINGERPRINT_VERSION && row.words) s.index.add(row.sha256, decodeWords(row.words));
      else s.index.remove(row.sha256);
    }
    // Ordered by updated_at: the last row is the newest.
    if (rows.length > 0) s.seenUpTo = rows[rows.length - 1]!.updatedAt;
  })();
  try {
    await s.loading;
  } finally {
    s.loading = undefined;
  }
  return s.index;
}

/** Forgets the index of a database handle (tests, or after bulk deletion). */
export function dropIndex(db: Db): void {
  indexes.delete(db);
}

// ---------- fingerprints ----------

function fingerprintValues(fp: Fingerprint) {
  return {
    status: 'done' as const,
    version: fp.version,
    sourceWidth: fp.sourceWidth,
    sourceHeight: fp.sourceHeight,
    keypoints: fp.features.points.length / 2,
    words: encodeWords(fp.words),
    features: encodeFeatures(fp.features),
    errorCode: null,
    updatedAt: sql`clock_timestamp()`,
  };
}

async function storeFingerprint(db: Executor, sha256: string, fp: Fingerprint): Promise<void> {
  const values = fingerprintValues(fp);
  await db
    .insert(photoFingerprints)
    .values({ sha256, ...values })
    .onConflictDoUpdate({ target: photoFingerprints.sha256, set: values });
}

/**
 * Fingerprints one registry photo now (the photo's bytes must hash to `sha256`) and stores it. Idempotent.
 * A photo that cannot be decoded is recorded as failed with its error code, and the DomainError is thrown.
 */
export async function fingerprintPhoto(db: Db, sha256: string, bytes: Uint8Array): Promise<{ sha256: string; keypoints: number }> {
  checkSha256(sha256);
  if (sha256Of(bytes) !== sha256) throw new DomainError('validation', 'matching.sha256_mismatch');
  let fp: Fingerprint;
  try {
    fp = await fingerprintImage(bytes);
  } catch (error) {
    if (error instanceof DomainError) await markFailed(db, sha256, error.code);
    throw error;
  }
  await storeFingerprint(db, sha256, fp);
  return { sha256, keypoints: fp.features.points.length / 2 };
}

async function markFailed(db: Executor, sha256: string, code: string): Promise<void> {
  const values = { status: 'failed' as const, errorCode: code, words: null, features: null, updatedAt: sql`clock_timestamp()` };
  await db
    .insert(photoFingerprints)
    .values({ sha256, ...values })
    .onConflictDoUpdate({ target: photoFingerprints.sha256, set: values });
}

/** Marks photos as waiting for a fingerprint (the job is sent by registry.ts); photos already fingerprinted with the current method are left alone. */
export async function enqueueFingerprint(db: Executor, sha256s: string[]): Promise<{ queued: number }> {
  const unique = [...new Set(sha256s)];
  unique.forEach(checkSha256);
  if (unique.length === 0) return { queued: 0 };
  const rows = await db
    .insert(photoFingerprints)
    .values(unique.map((sha256) => ({ sha256 })))
    .onConflictDoUpdate({
      target: photoFingerprints.sha256,
      set: { status: 'pending', attempts: 0, errorCode: null, updatedAt: sql`clock_timestamp()` },
      setWhere: sql`${photoFingerprints.status} = 'failed' or ${photoFingerprints.version} <> ${FINGERPRINT_VERSION}`,
    })
    .returning({ sha256: photoFingerprints.sha256 });
  return { queued: rows.length };
}

/** Where the worker reads a photo's bytes (the registry's content-addressed store); null when it is gone. */
export type PhotoSource = (sha256: string) => Promise<Uint8Array | null>;

export const MAX_ATTEMPTS = 3;

/**
 * Fingerprints one queued photo (the fingerprint job of jobs' queue, see registry.ts). The work is done outside any
 * transaction (on PGlite a long transaction would hold every other query) and the result is one statement that
 * applies only while the row is still pending: two runs for the same photo write the same result once. A photo that
 * cannot be read is `missing` until its MAX_ATTEMPTS-th try (the caller queues it again), then failed; a photo that is
 * not an image fails at once with its error code. A photo no longer pending (done meanwhile) is `skipped`.
 */
export async function fingerprintQueued(db: Db, source: PhotoSource, sha256: string): Promise<'done' | 'failed' | 'missing' | 'skipped'> {
  checkSha256(sha256);
  const [row] = await db
    .select({ status: photoFingerprints.status, attempts: photoFingerprints.attempts })
    .from(photoFingerprints)
    .where(eq(photoFingerprints.sha256, sha256));
  if (!row || row.status !== 'pending') return 'skipped';
  const stillPending = and(eq(photoFingerprints.sha256, sha256), eq(photoFingerprints.status, 'pending'));
  const bytes = await source(sha256).catch(() => null);
  if (!bytes) {
    const attempts = row.attempts + 1;
    await db
      .update(photoFingerprints)
      .set({
        attempts,
        status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
        errorCode: 'matching.photo_missing',
        updatedAt: sql`clock_timestamp()`,
      })
      .where(stillPending);
    return attempts >= MAX_ATTEMPTS ? 'failed' : 'missing';
  }
  try {
    if (sha256Of(bytes) !== sha256) throw new DomainError('validation', 'matching.sha256_mismatch');
    const fp = await fingerprintImage(bytes);
    await db.update(photoFingerprints).set(fingerprintValues(fp)).where(stillPending);
    return 'done';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await db.update(photoFingerprints).set({ status: 'failed', errorCode: error.code, updatedAt: sql`clock_timestamp()` }).where(stillPending);
    return 'failed';
  }
}

/** Photos waiting for their fingerprint (after a crash, or rows queued before the job queue existed), oldest first. */
export async function pendingFingerprints(db: Db, limit: number, after?: string): Promise<string[]> {
  const rows = await db
    .select({ sha256: photoFingerprints.sha256 })
    .from(photoFingerprints)
    .where(and(eq(photoFingerprints.status, 'pending'), after ? gt(photoFingerprints.sha256, after) : undefined))
    .orderBy(photoFingerprints.sha256)
    .limit(limit);
  return rows.map((r) => r.sha256);
}

export async function fingerprintStatus(
  db: Executor,
  sha256: string,
): Promise<{ status: string; keypoints: number | null; errorCode: string | null } | null> {
  checkSha256(sha256);
  const [row] = await db
    .select({ status: photoFingerprints.status, keypoints: photoFingerprints.keypoints, errorCode: photoFingerprints.errorCode })
    .from(photoFingerprints)
    .where(eq(photoFingerprints.sha256, sha256));
  return row ?? null;
}

// ---------- search ----------

export interface PhotoMatch {
  sha256: string;
  score: number;
  verdict: RankedMatch['verdict'];
  inliers: number;
  regions: RankedMatch['regions'];
}

export interface SearchOptions {
  top?: number;
  /** Only photos the caller may show (e.g. photos of published objects for the public portal). */
  candidateFilter?: (sha256: string) => boolean;
  /**
   * The same, asked only about the best stage-one candidates (an indexed query for a few hundred photos instead of
   * reading every visible photo per search): returns the keys among `keys` the caller may show.
   */
  allowedAmong?: (keys: string[]) => Promise<Set<string>>;
}

/** Stage-one candidates first asked about when `allowedAmong` is given; grows ×4 while too few are allowed. */
const FIRST_ASK = 200;
const SHORTLIST = 20;

async function loadFeatures(db: Db, keys: string[]): Promise<Map<string, LocalFeatures>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ sha256: photoFingerprints.sha256, features: photoFingerprints.features })
    .from(photoFingerprints)
    .where(and(inArray(photoFingerprints.sha256, keys), eq(photoFingerprints.status, 'done')));
  return new Map(rows.filter((r) => r.features).map((r) => [r.sha256, decodeFeatures(r.features!)]));
}

/**
 * Where the CPU-heavy steps of a query run: reading the photo into a fingerprint, and the geometric verification of
 * the shortlist. By default here, on the calling thread; the worker pool (pool.ts) runs them in worker threads while
 * the index and the database (stage one) stay on this one.
 */
export interface QueryStages {
  fingerprint(bytes: Uint8Array): Promise<Fingerprint>;
  verify: typeof verifyShortlist;
}

export const LOCAL_STAGES: QueryStages = { fingerprint: (bytes) => fingerprintImage(bytes, 'query'), verify: verifyShortlist };

/**
 * Finds registry photos in `bytes`: candidates by visual words from the in-process index, verified by ORB + a USAC homography
 * against features read from the table. The caller maps each sha256 to its object (and drops what a viewer may not see
 * through `candidateFilter`, applied before ranking so hidden photos never take a place in the top).
 */
export async function searchByPhoto(
  db: Db,
  bytes: Uint8Array,
  options: SearchOptions = {},
  stages: QueryStages = LOCAL_STAGES,
): Promise<PhotoMatch[]> {
  const query = await stages.fingerprint(bytes);
  const index = await currentIndex(db);
  const top = options.top ?? 10;
  let accept = options.candidateFilter;
  if (options.allowedAmong) {
    const need = Math.max(top, SHORTLIST);
    // The best `need` allowed photos overall are the best allowed among the first n candidates as soon as at least
    // `need` of those are allowed (or the candidates are exhausted).
    for (let n = FIRST_ASK; ; n *= 4) {
      const keys = index.search(query.words, n, options.candidateFilter).map((c) => c.key);
      const allowed = await options.allowedAmong(keys);
      if (allowed.size >= need || keys.length < n) {
        accept = (key) => allowed.has(key);
        break;
      }
    }
  }
  const shortlist = await shortlistFor(query, index, (keys) => loadFeatures(db, keys), { top, shortlist: SHORTLIST, accept });
  const ranked = shortlist.candidates.length ? await stages.verify(query, shortlist, { top }) : [];
  return ranked.map((r) => ({ sha256: r.key, score: r.score, verdict: r.verdict, inliers: r.inliers, regions: r.regions }));
}
