import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { DomainError, formatMessage } from '../../core/errors.ts';
import type { TabularFile } from '../../core/tabular/index.ts';
import type { Db } from '../../db/client.ts';
import type { ImportProgress, ImportWarning } from '../cases/index.ts';
// The cases importer's row checks and reporting, used unchanged.
import { Header, IssueSink, RowCheck, warningOf, ZonedClock } from '../cases/index.ts';
import { isWithin, type Viewer } from '../org/index.ts';
import { relicsMessages } from './errors.ts';
import { fieldProblems, missingForPublishing } from './fields.ts';
import { type PhotoStore, type ProcessedPhoto, storePhotoFile } from './photos.ts';
import { PHOTO_VIEWS, type PhotoView, type relicObjects } from './schema.ts';
import { DIMENSIONS, type Measurement, unitFitsDimension } from './vocabulary.ts';

/** The columns of an object import file (docs: the object page's fields, snake_case). */
export const OBJECT_COLUMNS = [
  'object_ref',
  'object_type',
  'materials',
  'techniques',
  'measurements',
  'title_zh',
  'title_en',
  'subject_zh',
  'subject_en',
  'inscriptions_zh',
  'inscriptions_en',
  'features_zh',
  'features_en',
  'description_zh',
  'description_en',
  'period',
  'reign',
  'year_from',
  'year_to',
  'date_text',
  'maker',
  'inventory_no',
  'owner',
  'origin',
  'theft_date',
  'jurisdiction_code',
  'theft_place',
  'circumstances',
  'investigating_unit',
  'photos',
] as const;
const REQUIRED_COLUMNS = ['jurisdiction_code'] as const;

/** Row problems with the registry's own reasons (relics.*) as well as the shared import ones. */
export class RelicIssueSink extends IssueSink {
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

type Insert = typeof relicObjects.$inferInsert;
/** A row that passed its own checks, as it will be written. */
export interface PendingObject {
  row: number;
  publishable: boolean;
  values: Omit<Insert, 'agencyId' | 'objectRef'> & { objectRef: string | null };
  photos: Array<{ view: PhotoView; file: string; column: string }>;
}

/** What the row checks need of the import's options. */
interface RowOptions {
  photosDir?: string | undefined;
  publish?: boolean | 'complete' | undefined;
}

type Progress = (progress: ImportProgress) => void;

const MEASURE = /^\s*([a-z]+)\s*=\s*([0-9]*\.?[0-9]+)\s*([a-z]+)\s*$/i;
const splitList = (s: string) =>
  s
    .split(/[;；|]/)
    .map((x) => x.trim())
    .filter(Boolean);

function parseMeasurements(check: RowCheck, column: string): Measurement[] | undefined {
  const raw = check.raw(column);
  if (!raw) return [];
  const out: Measurement[] = [];
  for (const part of splitList(raw)) {
    const m = MEASURE.exec(part);
    if (!m) return check.fail(column, raw, 'relics.import_bad_measurements');
    const [, dimension, value, unit] = m;
    if (!(DIMENSIONS as readonly string[]).includes(dimension!.toLowerCase()))
      return check.fail(column, raw, 'relics.unknown_dimension', { dimension: dimension! });
    if (!unitFitsDimension(dimension!.toLowerCase(), unit!.toLowerCase()))
      return check.fail(column, raw, 'relics.unknown_unit', {
        unit: unit!,
        dimension: dimension!,
        allowed: dimension === 'weight' ? 'g, kg' : 'mm, cm, m, in',
      });
    out.push({
      dimension: dimension!.toLowerCase() as Measurement['dimension'],
      value: Number(value),
      unit: unit!.toLowerCase() as Measurement['unit'],
    });
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
function parsePhotos(check: RowCheck, photosDir: string | undefined): PendingObject['photos'] | undefined {
  const raw = check.raw('photos');
  if (!raw) return [];
  const out: PendingObject['photos'] = [];
  for (const [i, part] of splitList(raw).entries()) {
    const colon = part.indexOf(':');
    const named = colon > 0 && (PHOTO_VIEWS as readonly string[]).includes(part.slice(0, colon));
    const view = (named ? part.slice(0, colon) : i === 0 ? 'front' : 'detail') as PhotoView;
    const rel = named ? part.slice(colon + 1).trim() : part;
    const normal = path.posix.normalize(rel.replace(/\\/g, '/'));
    if (!photosDir || path.isAbsolute(rel) || normal.startsWith('..') || normal.includes('/../') || /^[a-z]:/i.test(rel))
      return check.fail('photos', part, 'relics.photo_path_unsafe');
    const file = path.join(photosDir, normal);
    if (!file.startsWith(path.resolve(photosDir) + path.sep) || !fs.existsSync(file)) return check.fail('photos', part, 'relics.photo_file_missing');
    out.push({ view, file, column: 'photos' });
  }
  return out;
}

function checkObjectRow(check: RowCheck, options: RowOptions): PendingObject | null {
  const t = (column: string, max: number, required = false) => check.text(column, { max, required });
  const objectRef = check.text('object_ref', { max: 64, noSpaces: true });
  const theft = check.date('theft_date');
  const values = {
    objectRef: objectRef ?? null,
    objectType: t('object_type', 60) ?? null,
    materials: splitList(check.raw('materials')).map((m) => m.toLowerCase()),
    techniques: t('techniques', 500) ?? null,
    measurements: parseMeasurements(check, 'measurements') ?? [],
    titleZh: t('title_zh', 300) ?? '',
    titleEn: t('title_en', 300) ?? '',
    subjectZh: t('subject_zh', 1000) ?? '',
    subjectEn: t('subject_en', 1000) ?? '',
    inscriptionsZh: t('inscriptions_zh', 4000) ?? '',
    inscriptionsEn: t('inscriptions_en', 4000) ?? '',
    distinguishingFeaturesZh: t('features_zh', 4000) ?? '',
    distinguishingFeaturesEn: t('features_en', 4000) ?? '',
    descriptionZh: t('description_zh', 20_000) ?? '',
    descriptionEn: t('description_en', 20_000) ?? '',
    periodCode: t('period', 30) ?? null,
    reign: t('reign', 100) ?? null,
    yearFrom: parseYear(check, 'year_from') ?? null,
    yearTo: parseYear(check, 'year_to') ?? null,
    dateText: t('date_text', 200) ?? null,
    maker: t('maker', 300) ?? null,
    inventoryNo: t('inventory_no', 100) ?? null,
    owner: t('owner', 300) ?? null,
    origin: t('origin', 500) ?? null,
    theftDate: typeof theft === 'number' ? new Date(theft) : null,
    jurisdictionCode: t('jurisdiction_code', 6, true) ?? '',
    theftPlaceDetail: t('theft_place', 500) ?? null,
    circumstances: t('circumstances', 4000) ?? null,
    investigatingUnit: t('investigating_unit', 300) ?? null,
  };
  if (values.jurisdictionCode && !/^[0-9]{6}$/.test(values.jurisdictionCode))
    check.fail('jurisdiction_code', values.jurisdictionCode, 'import.not_in_list', { allowed: 'GB/T 2260' });
  const columnOf: Record<string, string> = {
    '/objectType': 'object_type',
    '/periodCode': 'period',
    '/yearTo': 'year_to',
    '/theftDate': 'theft_date',
    '/titleZh': 'title_zh',
    '/distinguishingFeaturesZh': 'features_zh',
    '/materials': 'materials',
    '/measurements': 'measurements',
  };
  const problems = fieldProblems({ ...values, measurements: [] });
  const missing = missingForPublishing(values);
  if (options.publish === true) problems.push(...missing);
  for (const p of problems) {
    const column = columnOf[p.path] ?? (p.path.startsWith('/materials') ? 'materials' : null);
    check.fail(
      column,
      column ? check.raw(column) : null,
      p.message,
      p.message === 'relics.unknown_material' ? { material: check.raw('materials') } : {},
    );
  }
  const photos = parsePhotos(check, options.photosDir);
  if (!check.ok || !photos) return null;
  return { row: check.row, publishable: missing.length === 0, values, photos };
}

async function existing(db: Db, column: 'object_ref' | 'code', table: 'relic_objects' | 'jurisdictions', values: string[]): Promise<Set<string>> {
  if (!values.length) return new Set();
  const result = await db.execute(
    sql`select ${sql.identifier(column)} as v from ${sql.identifier(table)} where ${sql.identifier(column)} = any(${sql`array[${sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    )}]::text[]`})`,
  );
  return new Set((result as unknown as { rows: Array<{ v: string }> }).rows.map((r) => r.v));
}

/** What reading the file gives: its rows that passed their own checks, and every row's place (bad rows' too). */
export interface ObjectRows {
  rows: number;
  pending: PendingObject[];
  places: Array<{ row: number; code: string }>;
  warnings: ImportWarning[];
}

/** Read phase: the header, then each row's own checks (problems go to the sink). */
export async function readObjectRows(source: TabularFile, options: RowOptions, sink: IssueSink, progress: Progress): Promise<ObjectRows> {
  const clock = new ZonedClock('Asia/Shanghai');
  const now = Date.now() + 5 * 60_000;
  const read: ObjectRows = { rows: 0, pending: [], places: [], warnings: [] };
  let header: Header | null = null;
  try {
    for await (const record of source.rows((done) => progress({ phase: 'parse', done, total: source.size }))) {
      if (!header) {
        header = new Header(record.values.map((v) => v.trim().toLowerCase()));
        const missing = REQUIRED_COLUMNS.filter((c) => !header!.index.has(c));
        if (missing.length) {
          sink.add(record.row, null, null, 'import.missing_columns', { columns: missing.join(', ') });
          break;
        }
        const unknown = header.names.filter((n) => n && !(OBJECT_COLUMNS as readonly string[]).includes(n));
        if (unknown.length) read.warnings.push(warningOf('import.unknown_columns', { columns: unknown.join(', ') }));
        continue;
      }
      read.rows++;
      const check = new RowCheck(sink, record.row, record.values, header, clock, now);
      if (record.malformed) check.fail(null, null, 'import.malformed_quotes');
      const ok = checkObjectRow(check, options);
      if (ok) read.pending.push(ok);
      const place = check.raw('jurisdiction_code');
      if (/^[0-9]{6}$/.test(place)) read.places.push({ row: record.row, code: place });
    }
  } catch (error) {
    // An empty file or a header alone is reported like a bad row (the registry import answers with a report).
    if (!(error instanceof DomainError && error.code === 'import.no_data_rows')) throw error;
    sink.add(1, null, null, 'import.no_data_rows');
  }
  read.warnings.unshift(...source.notes.map((code) => warningOf(code)));
  return read;
}

/** Check phase: references repeated in the file or taken in the registry, jurisdictions known and in scope. */
export async function checkAgainstRegistry(db: Db, read: ObjectRows, viewer: Viewer | undefined, sink: IssueSink, progress: Progress): Promise<void> {
  const { pending, places } = read;
  const seen = new Map<string, number>();
  for (const p of pending) {
    const ref = p.values.objectRef;
    if (!ref) continue;
    if (seen.has(ref)) sink.add(p.row, 'object_ref', ref, 'relics.import_ref_repeated');
    else seen.set(ref, p.row);
  }
  for (let i = 0; i < pending.length; i += 5000) {
    const chunk = pending.slice(i, i + 5000);
    const taken = await existing(
      db,
      'object_ref',
      'relic_objects',
      chunk.map((p) => p.values.objectRef).filter((r): r is string => Boolean(r)),
    );
    for (const p of chunk)
      if (p.values.objectRef && taken.has(p.values.objectRef)) sink.add(p.row, 'object_ref', p.values.objectRef, 'relics.import_ref_taken');
    progress({ phase: 'validate', done: Math.min(i + 5000, pending.length), total: pending.length });
  }
  const codes = [...new Set(places.map((p) => p.code))];
  const known = await existing(db, 'code', 'jurisdictions', codes);
  const outOfScope = new Set<string>();
  if (viewer) for (const code of known) if (!(await isWithin(db, viewer.jurisdictionCode, code))) outOfScope.add(code);
  for (const p of places) {
    if (!known.has(p.code)) sink.add(p.row, 'jurisdiction_code', p.code, 'import.not_in_list', { allowed: 'GB/T 2260' });
    else if (outOfScope.has(p.code)) sink.add(p.row, 'jurisdiction_code', p.code, 'relics.forbidden');
  }
}

/**
 * Photo phase: every named photo decoded and stored (content-addressed: harmless if the import then
 * fails), keyed by its file; a file that is not a usable image is a problem of its row.
 */
export async function storeObjectPhotos(
  pending: PendingObject[],
  store: PhotoStore,
  sink: IssueSink,
  progress: Progress,
): Promise<Map<string, ProcessedPhoto>> {
  const processed = new Map<string, ProcessedPhoto>();
  const files = [...new Set(pending.flatMap((p) => p.photos.map((ph) => ph.file)))];
  let done = 0;
  for (const p of pending) {
    for (const ph of p.photos) {
      if (processed.has(ph.file)) continue;
      try {
        processed.set(ph.file, await storePhotoFile(store, await fs.promises.readFile(ph.file)));
      } catch (error) {
        const code = (error as { code?: string }).code;
        sink.add(p.row, 'photos', path.basename(ph.file), code?.startsWith('relics.') ? code : 'relics.photo_not_image');
      }
      progress({ phase: 'validate', done: ++done, total: files.length });
    }
  }
  return processed;
}
