import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { formatMessage } from '../../core/errors.ts';
import { appendAudit, type Actor } from '../audit/index.ts';
import { isWithin, type Viewer } from '../org/index.ts';
// The cases importer's reading (CSV in UTF-8/GB18030, XLSX) and row reporting, used unchanged.
import { Header, IssueSink, openSource, RowCheck, searchTermsVector, warningOf, ZonedClock } from '../cases/index.ts';
import type { ImportIssue, ImportProgress, ImportWarning } from '../cases/index.ts';
import { relicObjects, relicPhotos, PHOTO_VIEWS, type PhotoView } from './schema.ts';
import { relicsMessages } from './errors.ts';
import { fieldProblems, missingForPublishing, publicSearchText } from './fields.ts';
import { storePhotoFile, type PhotoStore, type ProcessedPhoto } from './photos.ts';
import { requireRelicPermission } from './policy.ts';
import { DIMENSIONS, unitFitsDimension, type Measurement } from './vocabulary.ts';
import { notifyPhotoAdded } from './hooks.ts';

/** The columns of an object import file (docs: the object page's fields, snake_case). */
export const OBJECT_COLUMNS = [
  'object_ref', 'object_type', 'materials', 'techniques', 'measurements', 'title_zh', 'title_en', 'subject_zh', 'subject_en',
  'inscriptions_zh', 'inscriptions_en', 'features_zh', 'features_en', 'description_zh', 'description_en', 'period', 'reign',
  'year_from', 'year_to', 'date_text', 'maker', 'inventory_no', 'owner', 'origin', 'theft_date', 'jurisdiction_code', 'theft_place',
  'circumstances', 'investigating_unit', 'photos',
] as const;
const REQUIRED_COLUMNS = ['jurisdiction_code'] as const;

/** Row problems with the registry's own reasons (relics.*) as well as the shared import ones. */
class RelicIssueSink extends IssueSink {
  override add(row: number, column: string | null, value: string | null, code: string, params: Record<string, string | number> = {}): void {
    const before = this.issues.length;
    super.add(row, column, value, code, params);
    const message = relicsMessages[code];
    if (message && this.issues.length > before) {
      const issue = this.issues[this.issues.length - 1]!;
      issue.reasonZh = formatMessage(message.zh, params);
      issue.reasonEn = formatMessage(message.en, params);
    }
  }
}

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
  fileName: string; format: 'csv' | 'xlsx'; dryRun: boolean; encoding: string; sha256: string; rows: number; imported: number; published: number; photos: number;
  errors: ImportIssue[]; errorCount: number; warnings: ImportWarning[]; durationMs: number;
}

type Insert = typeof relicObjects.$inferInsert;
void relicObjects;
interface Pending { row: number; publishable: boolean; values: Omit<Insert, 'agencyId' | 'objectRef'> & { objectRef: string | null }; photos: Array<{ view: PhotoView; file: string; column: string }> }

const MEASURE = /^\s*([a-z]+)\s*=\s*([0-9]*\.?[0-9]+)\s*([a-z]+)\s*$/i;
const splitList = (s: string) => s.split(/[;；|]/).map((x) => x.trim()).filter(Boolean);

function parseMeasurements(check: RowCheck, column: string): Measurement[] | undefined {
  const raw = check.raw(column);
  if (!raw) return [];
  const out: Measurement[] = [];
  for (const part of splitList(raw)) {
    const m = MEASURE.exec(part);
    if (!m) return check.fail(column, raw, 'relics.import_bad_measurements');
    const [, dimension, value, unit] = m;
    if (!(DIMENSIONS as readonly string[]).includes(dimension!.toLowerCase())) return check.fail(column, raw, 'relics.unknown_dimension', { dimension: dimension! });
    if (!unitFitsDimension(dimension!.toLowerCase(), unit!.toLowerCase())) return check.fail(column, raw, 'relics.unknown_unit', { unit: unit!, dimension: dimension!, allowed: dimension === 'weight' ? 'g, kg' : 'mm, cm, m, in' });
    out.push({ dimension: dimension!.toLowerCase() as Measurement['dimension'], value: Number(value), unit: unit!.toLowerCase() as Measurement['unit'] });
  }
  return out;
}

function parseYear(check: RowCheck, column: string): number | null | undefined {
  const raw = check.raw(column);
  if (!raw) return null;
  if (!/^-?[0-9]{1,5}$/.test(raw)) return check.fail(column, raw, 'relics.import_bad_year');
  return Number(raw);
}

/** `front:a.jpg; detail:b.jpg` or `a.jpg; b.jpg` (first front, others detail): relative paths inside photosDir. */
function parsePhotos(check: RowCheck, photosDir: string | undefined): Pending['photos'] | undefined {
  const raw = check.raw('photos');
  if (!raw) return [];
  const out: Pending['photos'] = [];
  for (const [i, part] of splitList(raw).entries()) {
    const colon = part.indexOf(':');
    const named = colon > 0 && (PHOTO_VIEWS as readonly string[]).includes(part.slice(0, colon));
    const view = (named ? part.slice(0, colon) : i === 0 ? 'front' : 'detail') as PhotoView;
    const rel = named ? part.slice(colon + 1).trim() : part;
    const normal = path.posix.normalize(rel.replace(/\\/g, '/'));
    if (!photosDir || path.isAbsolute(rel) || normal.startsWith('..') || normal.includes('/../') || /^[a-z]:/i.test(rel)) return check.fail('photos', part, 'relics.photo_path_unsafe');
    const file = path.join(photosDir, normal);
    if (!file.startsWith(path.resolve(photosDir) + path.sep) || !fs.existsSync(file)) return check.fail('photos', part, 'relics.photo_file_missing');
    out.push({ view, file, column: 'photos' });
  }
  return out;
}

function checkRow(check: RowCheck, options: ObjectImportOptions): Pending | null {
  const t = (column: string, max: number, required = false) => check.text(column, { max, required });
  const objectRef = check.text('object_ref', { max: 64, noSpaces: true });
  const theft = check.date('theft_date');
  const values = {
    objectRef: objectRef ?? null,
    objectType: t('object_type', 60) ?? null,
    materials: splitList(check.raw('materials')).map((m) => m.toLowerCase()),
    techniques: t('techniques', 500) ?? null,
    measurements: parseMeasurements(check, 'measurements') ?? [],
    titleZh: t('title_zh', 300) ?? '', titleEn: t('title_en', 300) ?? '', subjectZh: t('subject_zh', 1000) ?? '', subjectEn: t('subject_en', 1000) ?? '',
    inscriptionsZh: t('inscriptions_zh', 4000) ?? '', inscriptionsEn: t('inscriptions_en', 4000) ?? '',
    distinguishingFeaturesZh: t('features_zh', 4000) ?? '', distinguishingFeaturesEn: t('features_en', 4000) ?? '',
    descriptionZh: t('description_zh', 20_000) ?? '', descriptionEn: t('description_en', 20_000) ?? '',
    periodCode: t('period', 30) ?? null, reign: t('reign', 100) ?? null, yearFrom: parseYear(check, 'year_from') ?? null, yearTo: parseYear(check, 'year_to') ?? null,
    dateText: t('date_text', 200) ?? null, maker: t('maker', 300) ?? null, inventoryNo: t('inventory_no', 100) ?? null, owner: t('owner', 300) ?? null,
    origin: t('origin', 500) ?? null, theftDate: typeof theft === 'number' ? new Date(theft) : null,
    jurisdictionCode: t('jurisdiction_code', 6, true) ?? '', theftPlaceDetail: t('theft_place', 500) ?? null,
    circumstances: t('circumstances', 4000) ?? null, investigatingUnit: t('investigating_unit', 300) ?? null,
  };
  if (values.jurisdictionCode && !/^[0-9]{6}$/.test(values.jurisdictionCode)) check.fail('jurisdiction_code', values.jurisdictionCode, 'import.not_in_list', { allowed: 'GB/T 2260' });
  const columnOf: Record<string, string> = { '/objectType': 'object_type', '/periodCode': 'period', '/yearTo': 'year_to', '/theftDate': 'theft_date', '/titleZh': 'title_zh', '/distinguishingFeaturesZh': 'features_zh', '/materials': 'materials', '/measurements': 'measurements' };
  const problems = fieldProblems({ ...values, measurements: [] });
  const missing = missingForPublishing(values);
  if (options.publish === true) problems.push(...missing);
  for (const p of problems) {
    const column = columnOf[p.path] ?? (p.path.startsWith('/materials') ? 'materials' : null);
    check.fail(column, column ? check.raw(column) : null, p.message, p.message === 'relics.unknown_material' ? { material: check.raw('materials') } : {});
  }
  const photos = parsePhotos(check, options.photosDir);
  if (!check.ok || !photos) return null;
  return { row: check.row, publishable: missing.length === 0, values, photos };
}

async function existing(db: Db, column: 'object_ref' | 'code', table: 'relic_objects' | 'jurisdictions', values: string[]): Promise<Set<string>> {
  if (!values.length) return new Set();
  const result = await db.execute(sql`select ${sql.identifier(column)} as v from ${sql.identifier(table)} where ${sql.identifier(column)} = any(${sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`})`);
  return new Set((result as unknown as { rows: Array<{ v: string }> }).rows.map((r) => r.v));
}

const INSERT_CHUNK = 500;

/**
 * Imports registry objects from CSV or XLSX (with photos from a folder), all or nothing: every row is
 * checked (vocabularies, units, dates, jurisdictions in scope, references unique in the file and the
 * registry, photo paths inside the folder and decodable), every problem reported by row and column
 * in zh and en; only a clean file is written, in one transaction with one audit entry.
 */
/** Imports at least this large refresh the planner's statistics of the registry when they are written. */
const ANALYZE_AFTER_ROWS = 1000;

export async function importObjects(db: Db, options: ObjectImportOptions): Promise<ObjectImportReport> {
  const started = performance.now();
  if (options.viewer) requireRelicPermission(options.viewer, 'relics.import');
  const progress = options.onProgress ?? (() => undefined);
  const source = await openSource({ bytes: options.bytes, path: options.path });
  const sink = new RelicIssueSink(options.maxErrors ?? 10_000);
  const clock = new ZonedClock('Asia/Shanghai');
  const now = Date.now() + 5 * 60_000;
  const warnings: ImportWarning[] = [...source.notes.map((code) => warningOf(code))];
  let header: Header | null = null;
  const pending: Pending[] = [];
  // Every row's place, bad rows' too, so an unknown or out-of-scope code is reported with the rest.
  const places: Array<{ row: number; code: string }> = [];
  let rows = 0;
  for await (const record of source.rows((done) => progress({ phase: 'parse', done, total: source.size }))) {
    if (!header) {
      header = new Header(record.values.map((v) => v.trim().toLowerCase()));
      const missing = REQUIRED_COLUMNS.filter((c) => !header!.index.has(c));
      if (missing.length) {
        sink.add(record.row, null, null, 'import.missing_columns', { columns: missing.join(', ') });
        break;
      }
      const unknown = header.names.filter((n) => n && !(OBJECT_COLUMNS as readonly string[]).includes(n));
      if (unknown.length) warnings.push(warningOf('import.unknown_columns', { columns: unknown.join(', ') }));
      continue;
    }
    if (record.values.every((v) => v.trim() === '')) continue;
    rows++;
    const check = new RowCheck(sink, record.row, record.values, header, clock, now);
    if (record.malformed) check.fail(null, null, 'import.malformed_quotes');
    const ok = checkRow(check, options);
    if (ok) pending.push(ok);
    const place = check.raw('jurisdiction_code');
    if (/^[0-9]{6}$/.test(place)) places.push({ row: record.row, code: place });
  }
  if (header && rows === 0 && sink.count === 0) sink.add(1, null, null, 'import.no_data_rows');

  // Set-based checks: references repeated or taken, jurisdictions known and in scope.
  const seen = new Map<string, number>();
  for (const p of pending) {
    const ref = p.values.objectRef;
    if (!ref) continue;
    if (seen.has(ref)) sink.add(p.row, 'object_ref', ref, 'relics.import_ref_repeated');
    else seen.set(ref, p.row);
  }
  for (let i = 0; i < pending.length; i += 5000) {
    const chunk = pending.slice(i, i + 5000);
    const taken = await existing(db, 'object_ref', 'relic_objects', chunk.map((p) => p.values.objectRef).filter((r): r is string => Boolean(r)));
    for (const p of chunk) if (p.values.objectRef && taken.has(p.values.objectRef)) sink.add(p.row, 'object_ref', p.values.objectRef, 'relics.import_ref_taken');
    progress({ phase: 'validate', done: Math.min(i + 5000, pending.length), total: pending.length });
  }
  const codes = [...new Set(places.map((p) => p.code))];
  const known = await existing(db, 'code', 'jurisdictions', codes);
  const outOfScope = new Set<string>();
  if (options.viewer) for (const code of known) if (!(await isWithin(db, options.viewer.jurisdictionCode, code))) outOfScope.add(code);
  for (const p of places) {
    if (!known.has(p.code)) sink.add(p.row, 'jurisdiction_code', p.code, 'import.not_in_list', { allowed: 'GB/T 2260' });
    else if (outOfScope.has(p.code)) sink.add(p.row, 'jurisdiction_code', p.code, 'relics.forbidden');
  }

  // Photos are decoded (and stored, content-addressed: harmless if the import then fails) before writing.
  const processed = new Map<string, ProcessedPhoto>();
  if (sink.count === 0) {
    const files = [...new Set(pending.flatMap((p) => p.photos.map((ph) => ph.file)))];
    let done = 0;
    for (const p of pending) {
      for (const ph of p.photos) {
        if (processed.has(ph.file)) continue;
        try {
          processed.set(ph.file, await storePhotoFile(options.store, await fs.promises.readFile(ph.file)));
        } catch (error) {
          const code = (error as { code?: string }).code;
          sink.add(p.row, 'photos', path.basename(ph.file), code?.startsWith('relics.') ? code : 'relics.photo_not_image');
        }
        progress({ phase: 'validate', done: ++done, total: files.length });
      }
    }
  }

  const report = (imported: number, photos: number, published = 0): ObjectImportReport => ({
    fileName: options.fileName, format: source.format, dryRun: Boolean(options.dryRun), encoding: source.encoding, sha256: source.sha256, rows, imported, published, photos,
    errors: sink.sorted(), errorCount: sink.count, warnings, durationMs: Math.round(performance.now() - started),
  });
  if (sink.count > 0 || options.dryRun) return report(0, 0);

  const agencyId = options.viewer?.agencyId ?? options.agencyId;
  if (!agencyId) throw new Error('importObjects: an agency is needed (viewer or agencyId)');
  const added: Array<{ sha256: string; objectId: string; objectRef: string; view: string }> = [];
  let photoCount = 0;
  const published = options.publish === true ? pending.length : options.publish === 'complete' ? pending.filter((p) => p.publishable).length : 0;
  await db.transaction(async (tx) => {
    const publishedAt = new Date();
    const year = String(publishedAt.getUTCFullYear());
    // References for rows that bring none, drawn in one statement.
    const unnamed = pending.filter((p) => !p.values.objectRef);
    if (unnamed.length) {
      const result = await tx.execute(sql`select nextval('relic_object_ref_seq')::text as n from generate_series(1, ${unnamed.length})`);
      (result as unknown as { rows: Array<{ n: string }> }).rows.forEach((r, i) => {
        unnamed[i]!.values.objectRef = `OBJ-${unnamed[i]!.values.jurisdictionCode}-${r.n.padStart(6, '0')}`;
      });
    }
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
          photoRows.push({ objectId, sha256: photo.sha256, view, width: photo.width, height: photo.height, bytes: photo.bytes, format: photo.format, sortOrder: order, createdBy: options.actor.userId });
          added.push({ sha256: photo.sha256, objectId, objectRef: p.values.objectRef!, view });
        });
      }
      if (photoRows.length) await tx.insert(relicPhotos).values(photoRows);
      photoCount += photoRows.length;
      progress({ phase: 'write', done: Math.min(i + INSERT_CHUNK, pending.length), total: pending.length });
    }
    await appendAudit(tx, options.actor, {
      action: 'relic.import', entityType: 'relic_import', entityId: source.sha256,
      jurisdictionCode: options.viewer?.jurisdictionCode ?? null,
      after: { fileName: options.fileName, rows, photos: photoCount, published, testData: Boolean(options.isTestData) },
    });
  });
  for (const a of added) notifyPhotoAdded(a);
  // A bulk load changes the registry's statistics at once; PGlite has no autovacuum to notice, and a
  // PostgreSQL server notices only later. Fresh statistics keep the public search on its index plans.
  // The new rows' GIN entries wait in the indexes' pending lists (up to 4 MB each), which every
  // search scans in full until a vacuum merges them: merge them now.
  if (pending.length >= ANALYZE_AFTER_ROWS) {
    await db.execute(sql`select gin_clean_pending_list(i.indexrelid::regclass) from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
                         where a.amname = 'gin' and i.indrelid in ('relic_objects'::regclass, 'relic_search_words'::regclass)`);
    await db.execute(sql`analyze relic_objects, relic_search_words`);
  }
  return report(pending.length, photoCount, published);
}

function withVector(terms: string): { tsv: string; terms?: undefined } | { tsv: null; terms: string } {
  const tsv = searchTermsVector(terms);
  return tsv === null ? { tsv: null, terms } : { tsv };
}

function recordOf(p: Pending, options: ObjectImportOptions) {
  const v = p.values;
  const text = publicSearchText({ ...v, materials: v.materials ?? [] } as Parameters<typeof publicSearchText>[0]);
  return {
    object_ref: v.objectRef, object_type: v.objectType, materials: v.materials, techniques: v.techniques, measurements: v.measurements,
    title_zh: v.titleZh, title_en: v.titleEn, subject_zh: v.subjectZh, subject_en: v.subjectEn, inscriptions_zh: v.inscriptionsZh, inscriptions_en: v.inscriptionsEn,
    features_zh: v.distinguishingFeaturesZh, features_en: v.distinguishingFeaturesEn, description_zh: v.descriptionZh, description_en: v.descriptionEn,
    period_code: v.periodCode, reign: v.reign, year_from: v.yearFrom, year_to: v.yearTo, date_text: v.dateText, maker: v.maker, inventory_no: v.inventoryNo,
    owner: v.owner, origin: v.origin, theft_date: v.theftDate ? v.theftDate.getTime() : null, jurisdiction_code: v.jurisdictionCode,
    theft_place: v.theftPlaceDetail, circumstances: v.circumstances, investigating_unit: v.investigatingUnit,
    publish: options.publish === true || (options.publish === 'complete' && p.publishable),
    // The tsvector as text (what to_tsvector('simple', …) would make), built here rather than by the database.
    ...withVector(text.terms), latin: text.latin,
  };
}
