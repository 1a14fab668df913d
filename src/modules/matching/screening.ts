import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { openTabular } from '../../core/tabular/index.ts';
import type { Db, Tx } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import type { PhotoStore } from '../relics/index.ts';
import { extractZip } from '../relics/index.ts';
import { storeListingPhoto } from './listing-photos.ts';
import type { QueryPool } from './pool.ts';
import { screeningBatches, screeningListings } from './schema.ts';
import { LOCAL_STAGES, searchByPhoto, sha256Of } from './service.ts';
import { combineCandidates, normaliseCandidate, type ScreeningCandidate, type TextCandidate, textCandidates } from './text.ts';

/** Columns of a listings file (header names, case-insensitive; Chinese names accepted). */
const COLUMNS: Record<string, string[]> = {
  source: ['source', '来源'],
  reference: ['reference', 'url', '链接', '编号'],
  title: ['title', '标题'],
  description: ['description', '描述'],
  price: ['price', '价格'],
  date: ['date', '日期'],
  seller: ['seller', '卖家'],
  images: ['images', 'image', 'image_paths', '图片'],
};

export interface ListingRow {
  row: number;
  source: string;
  reference: string;
  title: string;
  description: string;
  price: string;
  date: string;
  seller: string;
  images: string[];
}

export interface ListingIssue {
  row: number;
  column: string;
  value: string;
  code: string;
}

/**
 * The reader's file-level refusals in the screening's own words: no rows at all is an empty listings
 * file, anything else (not CSV or XLSX, an XLSX past its limits, an unknown encoding) unreadable.
 */
function listingsFileError(error: unknown): unknown {
  if (!(error instanceof DomainError) || !error.code.startsWith('import.')) return error;
  return new DomainError('validation', error.code === 'import.no_data_rows' ? 'matching.listings_empty' : 'matching.listings_unreadable');
}

/**
 * Reads a CSV (UTF-8 or GBK) or XLSX of listings through the shared tabular reader; image paths are
 * separated by `;` or `|`. Also gives the file's sha256 (the batch's key).
 */
export async function readListings(file: string): Promise<{ listings: ListingRow[]; issues: ListingIssue[]; sha256: string }> {
  const listings: ListingRow[] = [];
  const issues: ListingIssue[] = [];
  try {
    const source = await openTabular({ path: file });
    let at: Record<string, number> | null = null;
    for await (const record of source.rows()) {
      if (!at) at = listingColumns(record.values);
      else readListing(record.row, record.values, at, listings, issues);
    }
    return { listings, issues, sha256: source.sha256 };
  } catch (error) {
    throw listingsFileError(error);
  }
}

/** Where each known column is in the header (-1: absent); the ones a listing needs must be there. */
function listingColumns(names: string[]): Record<string, number> {
  const header = names.map((h) =>
    h
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const at: Record<string, number> = {};
  for (const [key, aliases] of Object.entries(COLUMNS)) at[key] = header.findIndex((h) => aliases.includes(h));
  const missing = ['source', 'reference', 'images'].filter((k) => at[k]! < 0);
  if (missing.length > 0) throw new DomainError('validation', 'matching.listings_missing_columns', undefined, { columns: missing.join(', ') });
  return at;
}

function readListing(row: number, values: string[], at: Record<string, number>, listings: ListingRow[], issues: ListingIssue[]): void {
  const cell = (key: string) => (at[key]! >= 0 ? (values[at[key]!] ?? '').trim() : '');
  const listing: ListingRow = {
    row,
    source: cell('source'),
    reference: cell('reference'),
    title: cell('title'),
    description: cell('description'),
    price: cell('price'),
    date: cell('date'),
    seller: cell('seller'),
    images: cell('images')
      .split(/[;|]/)
      .map((p) => p.trim())
      .filter(Boolean),
  };
  for (const key of ['source', 'reference', 'images'] as const) {
    if (key === 'images' ? listing.images.length === 0 : !listing[key])
      issues.push({ row, column: key, value: '', code: 'matching.listing_field_required' });
  }
  if (listing.source && listing.reference && listing.images.length > 0) listings.push(listing);
}

export interface ScreeningProgress {
  done: number;
  total: number;
}

export interface ScreeningSummary {
  batchId: string;
  listingImages: number;
  /** Screened in this run. */
  screened: number;
  /** Already screened before (same source, reference and image): not screened again. */
  alreadyScreened: number;
  errors: Array<{ row: number; image: string; code: string }>;
  queuedForReview: number;
  issues: ListingIssue[];
}

/** A candidate at or above this verdict enters the review queue. */
export type ReviewThreshold = 'strong' | 'possible';

function resolveImage(imagesDir: string, relative: string): string | null {
  const full = path.resolve(imagesDir, relative);
  // A path in the file must stay inside the images folder.
  if (full !== imagesDir && !full.startsWith(imagesDir + path.sep)) return null;
  return full;
}

/**
 * Where the listing images are: a folder, or a zip expanded (safely, by the registry's zip reader) into a temporary
 * folder. A zip that cannot be used (unreadable, unsafe paths, a zip bomb) or holds no files is not a batch failure:
 * every listing image gets that reason as its error, and the listings file is still recorded.
 */
async function openImages(images: string): Promise<{ dir: string | null; unavailable: string | null; cleanup(): void }> {
  const full = path.resolve(images);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return { dir: null, unavailable: 'matching.images_not_found', cleanup: () => undefined };
  if (stat.isDirectory()) return { dir: full, unavailable: null, cleanup: () => undefined };
  try {
    const zip = await extractZip(full);
    if (zip.files === 0) {
      zip.cleanup();
      return { dir: null, unavailable: 'matching.images_zip_empty', cleanup: () => undefined };
    }
    return { dir: zip.dir, unavailable: null, cleanup: zip.cleanup };
  } catch (error) {
    if (error instanceof DomainError) return { dir: null, unavailable: error.code, cleanup: () => undefined };
    throw error;
  }
}

/**
 * Screens a listings file against the registry: every listing image is matched by photo, every listing by its title
 * and description (the registry's public text search, published objects only); candidates at or above the threshold
 * enter the review queue. `images` is a folder or a zip of the images (default: the listings file's folder). State
 * lives in the database: the batch (keyed by the file's sha256) and one row per listing image are written first; each
 * image is then screened in its own transaction, so a crash loses at most the image under way and running the same
 * file again resumes. A listing already screened in any batch (same source, reference and image content) is not
 * screened twice. Per-image errors (missing file, not an image, empty or unusable zip) are recorded and the batch goes on.
 */
export async function screenListings(
  db: Db,
  options: {
    file: string;
    /** A folder or a zip of the listing images. */
    images?: string;
    threshold?: ReviewThreshold;
    candidateFilter?: (sha256: string) => boolean;
    onProgress?: (p: ScreeningProgress) => void;
    /** Called once the batch and its listings are recorded, before any is screened. */
    onBatch?: (batch: { batchId: string; total: number }) => void;
    /**
     * Worker threads for decoding, features and verification (pool.ts): several listings are in flight at once, with
     * the same results as without. Without a pool every listing is screened on this thread, one after the other.
     */
    pool?: QueryPool;
    /** Where the photos of listings that enter the review queue are kept (listing-photos.ts); not kept without it. */
    photoStore?: PhotoStore;
    /** Stops at the next listing (the server stopping): the rest stay pending for the next run of the same file. */
    signal?: AbortSignal;
  },
): Promise<ScreeningSummary> {
  const { listings, issues, sha256: fileSha256 } = await readListings(options.file);
  const images = await openImages(options.images ?? path.dirname(path.resolve(options.file)));
  try {
    return await screenWith(db, options, listings, issues, fileSha256, images);
  } finally {
    images.cleanup();
  }
}

/**
 * Records the batch and its listings without screening any (what screenListings does first): a file that cannot be
 * read is refused here with its DomainError, before anyone is told of a batch. Running screenListings on the same
 * file afterwards screens the recorded listings.
 */
export async function recordScreeningBatch(db: Db, options: { file: string; images?: string }): Promise<{ batchId: string; total: number }> {
  const { listings, sha256: fileSha256 } = await readListings(options.file);
  const images = await openImages(options.images ?? path.dirname(path.resolve(options.file)));
  try {
    const rows = listingRows(listings, images.dir);
    return { batchId: await recordBatch(db, options.file, fileSha256, rows), total: rows.length };
  } finally {
    images.cleanup();
  }
}

function listingRows(listings: ListingRow[], imagesDir: string | null) {
  return listings.flatMap((listing) =>
    listing.images.map((image) => {
      const full = imagesDir ? resolveImage(imagesDir, image) : null;
      let imageKey = `missing:${image}`;
      if (full && fs.existsSync(full) && fs.statSync(full).isFile()) imageKey = sha256Of(fs.readFileSync(full));
      return {
        rowNo: listing.row,
        source: listing.source,
        reference: listing.reference,
        imageKey,
        imagePath: image,
        title: listing.title || null,
        description: listing.description || null,
        price: listing.price || null,
        listedOn: listing.date || null,
        seller: listing.seller || null,
      };
    }),
  );
}

function recordBatch(db: Db, file: string, fileSha256: string, rows: ReturnType<typeof listingRows>): Promise<string> {
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(screeningBatches)
      .values({ fileName: path.basename(file), fileSha256, listings: rows.length })
      .onConflictDoUpdate({ target: screeningBatches.fileSha256, set: { fileName: path.basename(file) } })
      .returning({ id: screeningBatches.id });
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(screeningListings)
        .values(rows.slice(i, i + 500).map((r) => ({ ...r, batchId: batch!.id })))
        .onConflictDoNothing();
    }
    return batch!.id;
  });
}

async function screenWith(
  db: Db,
  options: Parameters<typeof screenListings>[1],
  listings: ListingRow[],
  issues: ListingIssue[],
  fileSha256: string,
  images: { dir: string | null; unavailable: string | null },
): Promise<ScreeningSummary> {
  const imagesDir = images.dir;
  const accepted = new Set(options.threshold === 'strong' ? ['strong'] : ['strong', 'possible']);
  const missingCode = images.unavailable ?? 'matching.photo_missing';

  const rows = listingRows(listings, imagesDir);
  const batchId = await recordBatch(db, options.file, fileSha256, rows);

  const mine = await db
    .select({
      id: screeningListings.id,
      rowNo: screeningListings.rowNo,
      imagePath: screeningListings.imagePath,
      imageKey: screeningListings.imageKey,
      status: screeningListings.status,
      errorCode: screeningListings.errorCode,
      title: screeningListings.title,
      description: screeningListings.description,
    })
    .from(screeningListings)
    .where(eq(screeningListings.batchId, batchId))
    .orderBy(asc(screeningListings.id));
  const summary: ScreeningSummary = {
    batchId,
    listingImages: rows.length,
    screened: 0,
    alreadyScreened: rows.length - mine.length,
    errors: [],
    queuedForReview: 0,
    issues,
  };
  let done = rows.length - mine.filter((r) => r.status === 'pending').length;
  options.onBatch?.({ batchId, total: rows.length });
  options.onProgress?.({ done, total: rows.length });
  // Text matching is per listing (title + description), shared by its images.
  const byText = new Map<string, Promise<TextCandidate[]>>();
  const pool = options.pool;
  const stages = pool ?? LOCAL_STAGES;
  // Errors in listing order, whichever listing finishes first.
  const errorAt: Array<ScreeningSummary['errors'][number] | undefined> = [];

  const screenOne = async (listing: (typeof mine)[number], at: number) => {
    if (listing.status === 'error')
      errorAt[at] = { row: listing.rowNo, image: listing.imagePath, code: listing.errorCode ?? 'matching.photo_missing' };
    if (listing.status !== 'pending') return;
    let update: Partial<typeof screeningListings.$inferInsert>;
    const full = imagesDir ? resolveImage(imagesDir, listing.imagePath) : null;
    if (listing.imageKey.startsWith('missing:') || !full) {
      update = { status: 'error', errorCode: missingCode };
    } else {
      try {
        const bytes = fs.readFileSync(full);
        const matches = await searchByPhoto(db, bytes, { top: 5, candidateFilter: options.candidateFilter }, stages);
        const textKey = `${listing.title ?? ''}\n${listing.description ?? ''}`;
        if (!byText.has(textKey)) byText.set(textKey, textCandidates(db, listing.title ?? '', listing.description ?? ''));
        const candidates = combineCandidates(matches, await byText.get(textKey)!, options.candidateFilter);
        // A photo verdict first; words alone queue a listing only at the "possible" threshold, labelled text_only.
        const best =
          candidates.find((c) => c.verdictFrom === 'photo' && accepted.has(c.verdict)) ??
          (accepted.has('possible') ? candidates.find((c) => c.verdictFrom === 'text' && c.verdict === 'possible' && c.sha256) : undefined);
        update = {
          status: 'screened',
          bestSha256: best?.sha256 ?? matches[0]?.sha256 ?? null,
          bestScore: best ? best.score : (matches[0]?.score ?? null),
          bestVerdict: best ? (best.verdictFrom === 'text' ? 'text_only' : best.verdict) : (matches[0]?.verdict ?? null),
          candidates,
          reviewStatus: best ? 'queued' : 'none',
        };
        // The reviewer sees the listing's photo beside the registry photo: kept before the item is queued. A photo the
        // store refuses (over its size limit) leaves the item without one; the hit is still queued.
        if (best && options.photoStore) {
          await (pool ? pool.storePhoto(options.photoStore, bytes) : storeListingPhoto(options.photoStore, bytes)).catch((error: unknown) => {
            if (!(error instanceof DomainError)) throw error;
          });
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        update = { status: 'error', errorCode: error.code };
      }
    }
    const [written] = await db
      .update(screeningListings)
      .set({ ...update, screenedAt: sql`now()` })
      .where(and(eq(screeningListings.id, listing.id), eq(screeningListings.status, 'pending')))
      .returning({ id: screeningListings.id });
    // Another run of the same batch (a second server, a re-upload while this runs) screened it first: counted there.
    if (!written) return;
    if (update.status === 'error') errorAt[at] = { row: listing.rowNo, image: listing.imagePath, code: update.errorCode! };
    else summary.screened++;
    if (update.reviewStatus === 'queued') summary.queuedForReview++;
    options.onProgress?.({ done: ++done, total: rows.length });
  };

  // With a pool, twice as many listings in flight as workers: one is read or written here while the other is worked.
  // A failure stops the other lanes at their next listing; the listings under way finish first (nothing is left
  // writing after the call returns).
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < mine.length) {
      if (options.signal?.aborted) {
        failure = { error: new Error('screening stopped: the server is stopping') };
        break;
      }
      const at = next++;
      try {
        await screenOne(mine[at]!, at);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: pool ? pool.size * 2 : 1 }, lane));
  if (failure) throw failure.error;
  summary.errors = errorAt.filter((e) => e !== undefined);
  await db.update(screeningBatches).set({ finishedAt: sql`now()` }).where(eq(screeningBatches.id, batchId));
  return summary;
}

export interface ReviewItem {
  id: number;
  source: string;
  reference: string;
  title: string | null;
  description: string | null;
  price: string | null;
  imagePath: string;
  /** sha256 of the listing image: the key of its photo in the listing photo store, when it was kept. */
  imageKey: string;
  bestSha256: string | null;
  bestScore: number | null;
  /** strong, possible, or text_only (queued on the listing's words alone: never strong). */
  bestVerdict: string | null;
  /** Photo and text candidates with their evidence (inliers, matched words), best first. */
  candidates: ScreeningCandidate[];
}

/** Queued hits, best first; `inScope` (the reviewer's scope, as SQL on the listing) applies before the limit. */
export async function reviewQueue(db: Db, inScope: SQL, limit = 100): Promise<ReviewItem[]> {
  return db
    .select({
      id: screeningListings.id,
      source: screeningListings.source,
      reference: screeningListings.reference,
      title: screeningListings.title,
      description: screeningListings.description,
      price: screeningListings.price,
      candidates: screeningListings.candidates,
      imagePath: screeningListings.imagePath,
      imageKey: screeningListings.imageKey,
      bestSha256: screeningListings.bestSha256,
      bestScore: screeningListings.bestScore,
      bestVerdict: screeningListings.bestVerdict,
    })
    .from(screeningListings)
    .where(and(eq(screeningListings.reviewStatus, 'queued'), inScope))
    .orderBy(sql`${screeningListings.bestScore} desc nulls last`, asc(screeningListings.id))
    .limit(limit)
    .then((rows) => rows.map((r) => ({ ...r, candidates: ((r.candidates ?? []) as unknown[]).map(normaliseCandidate) })));
}

/**
 * What the registry and cases modules provide to turn a confirmed hit into a lead: given the matched photo, the
 * object's case (or a new one) receives a lead and the object's jurisdiction is notified. It runs inside the
 * decision's transaction (`tx`), so the decision, the lead, a new case and the notification are written together or
 * not at all.
 */
export type RaiseLeadFromHit = (
  tx: Tx,
  hit: { listingId: number; photoSha256: string; source: string; reference: string; score: number; verdict: string | null },
) => Promise<{ caseId: string } | null>;

/**
 * A reviewer's decision on a queued listing, in one transaction: the decision (audited when an actor is given) and,
 * for a confirmation, whatever `raiseLead` writes. A failure anywhere leaves the listing queued and nothing written.
 * `inScope` (the reviewer's scope, as SQL on the listing) is part of the update itself: a listing outside it is "not
 * found", checked and decided in one statement.
 */
export async function decideReview(
  db: Db,
  listingId: number,
  decision: 'confirmed' | 'rejected',
  raiseLead?: RaiseLeadFromHit,
  actor?: Actor,
  inScope?: SQL,
): Promise<{ caseId: string | null }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(screeningListings)
      .set({ reviewStatus: decision, reviewedAt: sql`now()` })
      .where(and(eq(screeningListings.id, listingId), eq(screeningListings.reviewStatus, 'queued'), inScope))
      .returning({
        source: screeningListings.source,
        reference: screeningListings.reference,
        bestSha256: screeningListings.bestSha256,
        bestScore: screeningListings.bestScore,
        bestVerdict: screeningListings.bestVerdict,
      });
    if (!row) throw new DomainError('not_found', 'matching.review_not_found');
    let caseId: string | null = null;
    if (decision === 'confirmed' && raiseLead && row.bestSha256) {
      const lead = await raiseLead(tx, {
        listingId,
        photoSha256: row.bestSha256,
        source: row.source,
        reference: row.reference,
        score: row.bestScore ?? 0,
        verdict: row.bestVerdict,
      });
      caseId = lead?.caseId ?? null;
    }
    if (actor) {
      await appendAudit(tx, actor, {
        action: 'matching.review.decide',
        entityType: 'screening_listing',
        entityId: String(listingId),
        after: { decision, source: row.source, reference: row.reference, photoSha256: row.bestSha256, verdict: row.bestVerdict, caseId },
      });
    }
    return { caseId };
  });
}
