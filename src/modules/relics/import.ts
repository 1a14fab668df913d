import { sql } from 'drizzle-orm';
import { openTabular } from '../../core/tabular/index.ts';
import type { Db, Tx } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import type { ImportIssue, ImportProgress, ImportWarning } from '../cases/index.ts';
import { searchTermsVector } from '../cases/index.ts';
import type { Viewer } from '../org/index.ts';
import { publicSearchText } from './fields.ts';
import { notifyPhotoAdded } from './hooks.ts';
import { checkAgainstRegistry, type ObjectRows, type PendingObject, RelicIssueSink, readObjectRows, storeObjectPhotos } from './import-rows.ts';
import type { PhotoStore, ProcessedPhoto } from './photos.ts';
import { requireRelicPermission } from './policy.ts';
import { type PhotoView, relicPhotos } from './schema.ts';

export { OBJECT_COLUMNS } from './import-rows.ts';

export interface ObjectImportOptions {
  fileName: string;
  bytes?: Uint8Array | undefined;
  path?: string | undefined;
  /** Folder that the `photos` column's relative paths are read from. */
  photosDir?: string | undefined;
  dryRun?: boolean | undefined;
  actor: Actor;
  /** The signed-in importer (rows must be in their subtree; objects are their agency's). None on the command line. */
  viewer?: Viewer | undefined;
  /** Agency owning the objects when there is no viewer (command line). */
  agencyId?: string | undefined;
  /**
   * Publish at once (command line only, e.g. loading an existing registry or test data): numbers are
   * given. `true`: every row must have the fields publishing needs; `complete`: rows that have them are
   * published, the others stay drafts.
   */
  publish?: boolean | 'complete' | undefined;
  isTestData?: boolean | undefined;
  source?: string | undefined;
  store: PhotoStore;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
  maxErrors?: number | undefined;
}

export interface ObjectImportReport {
  fileName: string;
  format: 'csv' | 'xlsx';
  dryRun: boolean;
  encoding: string;
  sha256: string;
  rows: number;
  imported: number;
  published: number;
  photos: number;
  errors: ImportIssue[];
  errorCount: number;
  warnings: ImportWarning[];
  durationMs: number;
}

const INSERT_CHUNK = 500;

/** Imports at least this large refresh the planner's statistics of the registry when they are written. */
const ANALYZE_AFTER_ROWS = 1000;

/**
 * Imports registry objects from CSV or XLSX (with photos from a folder), all or nothing: every row is
 * checked (vocabularies, units, dates, jurisdictions in scope, references unique in the file and the
 * registry, photo paths inside the folder and decodable), every problem reported by row and column
 * in zh and en; only a clean file is written, in one transaction with one audit entry.
 * Phases: read (each row's own checks) → check (against the registry) → photos → write.
 */
export async function importObjects(db: Db, options: ObjectImportOptions): Promise<ObjectImportReport> {
  const started = performance.now();
  if (options.viewer) requireRelicPermission(options.viewer, 'relics.import');
  const progress = options.onProgress ?? (() => undefined);
  const source = await openTabular({ bytes: options.bytes, path: options.path });
  const sink = new RelicIssueSink(options.maxErrors ?? 10_000);

  const read = await readObjectRows(source, options, sink, progress);
  await checkAgainstRegistry(db, read, options.viewer, sink, progress);
  const processed = sink.count === 0 ? await storeObjectPhotos(read.pending, options.store, sink, progress) : new Map<string, ProcessedPhoto>();

  const report = (imported: number, photos: number, published = 0): ObjectImportReport => ({
    fileName: options.fileName,
    format: source.format,
    dryRun: Boolean(options.dryRun),
    encoding: source.encoding,
    sha256: source.sha256,
    rows: read.rows,
    imported,
    published,
    photos,
    errors: sink.sorted(),
    errorCount: sink.count,
    warnings: read.warnings,
    durationMs: Math.round(performance.now() - started),
  });
  if (sink.count > 0 || options.dryRun) return report(0, 0);

  const agencyId = options.viewer?.agencyId ?? options.agencyId;
  if (!agencyId) throw new Error('importObjects: an agency is needed (viewer or agencyId)');
  const published =
    options.publish === true ? read.pending.length : options.publish === 'complete' ? read.pending.filter((p) => p.publishable).length : 0;
  const written = await db.transaction(async (tx) => {
    const result = await writeObjects(tx, read.pending, processed, agencyId, options, progress);
    await appendAudit(tx, options.actor, {
      action: 'relic.import',
      entityType: 'relic_import',
      entityId: source.sha256,
      jurisdictionCode: options.viewer?.jurisdictionCode ?? null,
      after: { fileName: options.fileName, rows: read.rows, photos: result.photoCount, published, testData: Boolean(options.isTestData) },
    });
    return result;
  });
  for (const a of written.added) notifyPhotoAdded(a);
  if (read.pending.length >= ANALYZE_AFTER_ROWS) await refreshRegistryStatistics(db);
  return report(read.pending.length, written.photoCount, published);
}

interface AddedPhoto {
  sha256: string;
  objectId: string;
  objectRef: string;
  view: string;
}

/** Write phase (in the import's transaction): references for rows without one, then the objects, their events and photos by chunk. */
async function writeObjects(
  tx: Tx,
  pending: ObjectRows['pending'],
  processed: Map<string, ProcessedPhoto>,
  agencyId: string,
  options: ObjectImportOptions,
  progress: (p: ImportProgress) => void,
): Promise<{ added: AddedPhoto[]; photoCount: number }> {
  const publishedAt = new Date();
  const year = String(publishedAt.getUTCFullYear());
  await drawObjectRefs(tx, pending);
  const added: AddedPhoto[] = [];
  let photoCount = 0;
  for (let i = 0; i < pending.length; i += INSERT_CHUNK) {
    const chunk = pending.slice(i, i + INSERT_CHUNK);
    const json = JSON.stringify(chunk.map((p) => recordOf(p, options)));
    // One set-based statement per chunk: the rows travel as one JSON parameter.
    const result = await tx.execute(sql`
      insert into relic_objects (object_ref, object_type, materials, techniques, measurements, title_zh, title_en, subject_zh, subject_en,
        inscriptions_zh, inscriptions_en, distinguishing_features_zh, distinguishing_features_en, description_zh, description_en, period_code, reign,
        year_from, year_to, date_text, maker, inventory_no, owner, origin, theft_date, jurisdiction_code, theft_place_detail, circumstances,
        investigating_unit, agency_id, status, publication_no, published_at, is_test_data, source, created_by, search_terms, search_text)
      select r.object_ref, r.object_type, coalesce(r.materials, '{}'::text[]), r.techniques, coalesce(r.measurements, '[]'::jsonb), r.title_zh, r.title_en,
        r.subject_zh, r.subject_en, r.inscriptions_zh, r.inscriptions_en, r.features_zh, r.features_en, r.description_zh, r.description_en, r.period_code,
        r.reign, r.year_from, r.year_to, r.date_text, r.maker, r.inventory_no, r.owner, r.origin, to_timestamp(r.theft_date / 1000.0), r.jurisdiction_code,
        r.theft_place, r.circumstances, r.investigating_unit, ${agencyId}::uuid, case when r.publish then 'published' else 'draft' end,
        case when r.publish then 'CN-' || ${year} || '-' || lpad(nextval('relic_publication_seq')::text, 6, '0') end,
        case when r.publish then ${publishedAt.toISOString()}::timestamptz end, ${Boolean(options.isTestData)}, ${options.source ?? null},
        ${options.actor.userId}::uuid, coalesce(r.tsv::tsvector, to_tsvector('simple', r.terms)), r.latin
      from json_to_recordset(${json}::json) as r(object_ref text, object_type text, materials text[], techniques text, measurements jsonb,
        title_zh text, title_en text, subject_zh text, subject_en text, inscriptions_zh text, inscriptions_en text, features_zh text, features_en text,
        description_zh text, description_en text, period_code text, reign text, year_from int, year_to int, date_text text, maker text,
        inventory_no text, owner text, origin text, theft_date float8, jurisdiction_code text, theft_place text, circumstances text,
        investigating_unit text, publish boolean, tsv text, terms text, latin text)
      returning id, object_ref`);
    const ids = new Map((result as unknown as { rows: Array<{ id: string; object_ref: string }> }).rows.map((r) => [r.object_ref, r.id]));
    await tx.execute(sql`
      insert into relic_object_events (object_id, kind, note, actor_user_id, actor_username)
      select id::uuid, 'imported', ${options.fileName}, ${options.actor.userId}::uuid, ${options.actor.username} from json_array_elements_text(${JSON.stringify([...ids.values()])}::json) as id`);
    const photoRows: Array<typeof relicPhotos.$inferInsert> = [];
    for (const p of chunk) {
      const objectId = ids.get(p.values.objectRef!)!;
      const unique = new Map<string, { view: PhotoView; photo: ProcessedPhoto }>();
      for (const ph of p.photos) {
        const photo = processed.get(ph.file)!;
        if (!unique.has(photo.sha256)) unique.set(photo.sha256, { view: ph.view, photo });
      }
      [...unique.values()].forEach(({ view, photo }, order) => {
        photoRows.push({
          objectId,
          sha256: photo.sha256,
          view,
          width: photo.width,
          height: photo.height,
          bytes: photo.bytes,
          format: photo.format,
          sortOrder: order,
          createdBy: options.actor.userId,
        });
        added.push({ sha256: photo.sha256, objectId, objectRef: p.values.objectRef!, view });
      });
    }
    if (photoRows.length) await tx.insert(relicPhotos).values(photoRows);
    photoCount += photoRows.length;
    progress({ phase: 'write', done: Math.min(i + INSERT_CHUNK, pending.length), total: pending.length });
  }
  return { added, photoCount };
}

/** References for rows that bring none, drawn in one statement. */
async function drawObjectRefs(tx: Tx, pending: PendingObject[]): Promise<void> {
  const unnamed = pending.filter((p) => !p.values.objectRef);
  if (!unnamed.length) return;
  const result = await tx.execute(sql`select nextval('relic_object_ref_seq')::text as n from generate_series(1, ${unnamed.length})`);
  (result as unknown as { rows: Array<{ n: string }> }).rows.forEach((r, i) => {
    unnamed[i]!.values.objectRef = `OBJ-${unnamed[i]!.values.jurisdictionCode}-${r.n.padStart(6, '0')}`;
  });
}

/**
 * A bulk load changes the registry's statistics at once; PGlite has no autovacuum to notice, and a
 * PostgreSQL server notices only later. Fresh statistics keep the public search on its index plans.
 * The new rows' GIN entries wait in the indexes' pending lists (up to 4 MB each), which every
 * search scans in full until a vacuum merges them: merge them now.
 */
async function refreshRegistryStatistics(db: Db): Promise<void> {
  await db.execute(sql`select gin_clean_pending_list(i.indexrelid::regclass) from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
                       where a.amname = 'gin' and i.indrelid in ('relic_objects'::regclass, 'relic_search_words'::regclass)`);
  await db.execute(sql`analyze relic_objects, relic_search_words`);
}

function withVector(terms: string): { tsv: string; terms?: undefined } | { tsv: null; terms: string } {
  const tsv = searchTermsVector(terms);
  return tsv === null ? { tsv: null, terms } : { tsv };
}

function recordOf(p: PendingObject, options: ObjectImportOptions) {
  const v = p.values;
  const text = publicSearchText({ ...v, materials: v.materials ?? [] } as Parameters<typeof publicSearchText>[0]);
  return {
    object_ref: v.objectRef,
    object_type: v.objectType,
    materials: v.materials,
    techniques: v.techniques,
    measurements: v.measurements,
    title_zh: v.titleZh,
    title_en: v.titleEn,
    subject_zh: v.subjectZh,
    subject_en: v.subjectEn,
    inscriptions_zh: v.inscriptionsZh,
    inscriptions_en: v.inscriptionsEn,
    features_zh: v.distinguishingFeaturesZh,
    features_en: v.distinguishingFeaturesEn,
    description_zh: v.descriptionZh,
    description_en: v.descriptionEn,
    period_code: v.periodCode,
    reign: v.reign,
    year_from: v.yearFrom,
    year_to: v.yearTo,
    date_text: v.dateText,
    maker: v.maker,
    inventory_no: v.inventoryNo,
    owner: v.owner,
    origin: v.origin,
    theft_date: v.theftDate ? v.theftDate.getTime() : null,
    jurisdiction_code: v.jurisdictionCode,
    theft_place: v.theftPlaceDetail,
    circumstances: v.circumstances,
    investigating_unit: v.investigatingUnit,
    publish: options.publish === true || (options.publish === 'complete' && p.publishable),
    // The tsvector as text (what to_tsvector('simple', …) would make), built here rather than by the database.
    ...withVector(text.terms),
    latin: text.latin,
  };
}
