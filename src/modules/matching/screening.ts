import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { DomainError } from '../../core/errors.ts';
import { screeningBatches, screeningListings } from './schema.ts';
import { searchByPhoto, sha256Of } from './service.ts';

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

export interface ListingIssue { row: number; column: string; value: string; code: string }

async function readTable(file: string): Promise<string[][]> {
  const bytes = fs.readFileSync(file);
  if (bytes.length === 0) throw new DomainError('validation', 'matching.listings_empty');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new DomainError('validation', 'matching.listings_unreadable');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new DomainError('validation', 'matching.listings_empty');
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && v && 'text' in v ? String((v as { text: unknown }).text) : String(v)));
      rows.push(values);
    });
    return rows;
  }
  try {
    return parse(bytes.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    throw new DomainError('validation', 'matching.listings_unreadable');
  }
}

/** Reads a CSV or XLSX of listings; image paths are separated by `;` or `|`. */
export async function readListings(file: string): Promise<{ listings: ListingRow[]; issues: ListingIssue[] }> {
  const table = await readTable(file);
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const at: Record<string, number> = {};
  for (const [key, names] of Object.entries(COLUMNS)) at[key] = header.findIndex((h) => names.includes(h));
  const missing = ['source', 'reference', 'images'].filter((k) => at[k]! < 0);
  if (missing.length > 0) throw new DomainError('validation', 'matching.listings_missing_columns', undefined, { columns: missing.join(', ') });
  const listings: ListingRow[] = [];
  const issues: ListingIssue[] = [];
  table.slice(1).forEach((values, i) => {
    const row = i + 2;
    const cell = (key: string) => (at[key]! >= 0 ? (values[at[key]!] ?? '').trim() : '');
    if (values.every((v) => !String(v).trim())) return;
    const listing: ListingRow = {
      row, source: cell('source'), reference: cell('reference'), title: cell('title'), description: cell('description'), price: cell('price'),
      date: cell('date'), seller: cell('seller'), images: cell('images').split(/[;|]/).map((p) => p.trim()).filter(Boolean),
    };
    for (const key of ['source', 'reference', 'images'] as const) {
      if (key === 'images' ? listing.images.length === 0 : !listing[key]) issues.push({ row, column: key, value: '', code: 'matching.listing_field_required' });
    }
    if (listing.source && listing.reference && listing.images.length > 0) listings.push(listing);
  });
  return { listings, issues };
}

export interface ScreeningProgress { done: number; total: number }

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
 * Screens a listings file against the registry: every listing image is matched by photo; candidates at or above the
 * threshold enter the review queue. State lives in the database: the batch (keyed by the file's sha256) and one row
 * per listing image are written first; each image is then screened in its own transaction, so a crash loses at most
 * the image under way and running the same file again resumes. A listing already screened in any batch (same
 * source, reference and image content) is not screened twice. Per-image errors are recorded and the batch goes on.
 */
export async function screenListings(db: Db, options: {
  file: string;
  imagesDir: string;
  threshold?: ReviewThreshold;
  candidateFilter?: (sha256: string) => boolean;
  onProgress?: (p: ScreeningProgress) => void;
}): Promise<ScreeningSummary> {
  const { listings, issues } = await readListings(options.file);
  const fileSha256 = createHash('sha256').update(fs.readFileSync(options.file)).digest('hex');
  const imagesDir = path.resolve(options.imagesDir);
  const accepted = new Set(options.threshold === 'strong' ? ['strong'] : ['strong', 'possible']);

  const rows = listings.flatMap((listing) => listing.images.map((image) => {
    const full = resolveImage(imagesDir, image);
    let imageKey = `missing:${image}`;
    if (full && fs.existsSync(full) && fs.statSync(full).isFile()) imageKey = sha256Of(fs.readFileSync(full));
    return {
      rowNo: listing.row, source: listing.source, reference: listing.reference, imageKey, imagePath: image, title: listing.title || null,
      description: listing.description || null, price: listing.price || null, listedOn: listing.date || null, seller: listing.seller || null,
    };
  }));

  const batchId = await db.transaction(async (tx) => {
    const [batch] = await tx.insert(screeningBatches).values({ fileName: path.basename(options.file), fileSha256, listings: rows.length })
      .onConflictDoUpdate({ target: screeningBatches.fileSha256, set: { fileName: path.basename(options.file) } })
      .returning({ id: screeningBatches.id });
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(screeningListings).values(rows.slice(i, i + 500).map((r) => ({ ...r, batchId: batch!.id }))).onConflictDoNothing();
    }
    return batch!.id;
  });

  const mine = await db.select({ id: screeningListings.id, batchId: screeningListings.batchId, rowNo: screeningListings.rowNo, imagePath: screeningListings.imagePath, imageKey: screeningListings.imageKey, status: screeningListings.status })
    .from(screeningListings).where(eq(screeningListings.batchId, batchId)).orderBy(asc(screeningListings.id));
  const summary: ScreeningSummary = { batchId, listingImages: rows.length, screened: 0, alreadyScreened: rows.length - mine.length, errors: [], queuedForReview: 0, issues };
  let done = rows.length - mine.filter((r) => r.status === 'pending').length;
  options.onProgress?.({ done, total: rows.length });
  for (const listing of mine) {
    if (listing.status === 'error' && listing.imageKey.startsWith('missing:')) summary.errors.push({ row: listing.rowNo, image: listing.imagePath, code: 'matching.photo_missing' });
    if (listing.status !== 'pending') continue;
    let update: Partial<typeof screeningListings.$inferInsert>;
    const full = resolveImage(imagesDir, listing.imagePath);
    if (listing.imageKey.startsWith('missing:') || !full) {
      update = { status: 'error', errorCode: 'matching.photo_missing' };
    } else {
      try {
        const matches = await searchByPhoto(db, fs.readFileSync(full), { top: 5, candidateFilter: options.candidateFilter });
        const best = matches[0];
        const queue = Boolean(best && accepted.has(best.verdict));
        update = {
          status: 'screened', bestSha256: best?.sha256 ?? null, bestScore: best?.score ?? null, bestVerdict: best?.verdict ?? null,
          candidates: matches.filter((m) => m.verdict !== 'none').map((m) => ({ sha256: m.sha256, score: m.score, verdict: m.verdict, inliers: m.inliers, box: m.regions.box })),
          reviewStatus: queue ? 'queued' : 'none',
        };
        if (queue) summary.queuedForReview++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        update = { status: 'error', errorCode: error.code };
      }
    }
    await db.update(screeningListings).set({ ...update, screenedAt: sql`now()` }).where(and(eq(screeningListings.id, listing.id), eq(screeningListings.status, 'pending')));
    if (update.status === 'error') summary.errors.push({ row: listing.rowNo, image: listing.imagePath, code: update.errorCode! });
    else summary.screened++;
    options.onProgress?.({ done: ++done, total: rows.length });
  }
  await db.update(screeningBatches).set({ finishedAt: sql`now()` }).where(eq(screeningBatches.id, batchId));
  return summary;
}

export interface ReviewItem {
  id: number;
  source: string;
  reference: string;
  title: string | null;
  imagePath: string;
  bestSha256: string | null;
  bestScore: number | null;
  bestVerdict: string | null;
}

export async function reviewQueue(db: Db, limit = 100): Promise<ReviewItem[]> {
  return db.select({
    id: screeningListings.id, source: screeningListings.source, reference: screeningListings.reference, title: screeningListings.title,
    imagePath: screeningListings.imagePath, bestSha256: screeningListings.bestSha256, bestScore: screeningListings.bestScore, bestVerdict: screeningListings.bestVerdict,
  }).from(screeningListings).where(eq(screeningListings.reviewStatus, 'queued')).orderBy(sql`${screeningListings.bestScore} desc nulls last`).limit(limit);
}

/**
 * What the registry and cases modules must provide to turn a confirmed hit into a lead: given the matched photo,
 * the object's case (or a new one) receives a lead and the object's jurisdiction is notified. Wired by the lead
 * engineer once the registry lands; until then confirming records the decision only.
 */
export type RaiseLeadFromHit = (hit: { listingId: number; photoSha256: string; source: string; reference: string; score: number }) => Promise<{ caseId: string } | null>;

/** A reviewer's decision on a queued listing; a confirmation calls `raiseLead` (in the caller's wiring). */
export async function decideReview(db: Db, listingId: number, decision: 'confirmed' | 'rejected', raiseLead?: RaiseLeadFromHit): Promise<{ caseId: string | null }> {
  const [row] = await db.update(screeningListings).set({ reviewStatus: decision, reviewedAt: sql`now()` })
    .where(and(eq(screeningListings.id, listingId), eq(screeningListings.reviewStatus, 'queued')))
    .returning({ source: screeningListings.source, reference: screeningListings.reference, bestSha256: screeningListings.bestSha256, bestScore: screeningListings.bestScore });
  if (!row) throw new DomainError('not_found', 'matching.review_not_found');
  if (decision === 'confirmed' && raiseLead && row.bestSha256) {
    const lead = await raiseLead({ listingId, photoSha256: row.bestSha256, source: row.source, reference: row.reference, score: row.bestScore ?? 0 });
    return { caseId: lead?.caseId ?? null };
  }
  return { caseId: null };
}
