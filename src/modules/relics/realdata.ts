import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { OBJECT_COLUMNS } from './import.ts';

/**
 * Mappings of real museum collection records (CC0) into the registry's import format, so tests and
 * benchmarks run on a realistic registry. They are NOT stolen objects: every record is imported with
 * is_test_data, a made-up theft date and place (derived from the record id, so runs are repeatable),
 * and the museum's own reference (WAM-…, TATE-…).
 */
export const MUSEUM_SOURCES = ['walters', 'tate'] as const;
export type MuseumSource = (typeof MUSEUM_SOURCES)[number];

export const MUSEUM_FILES: Record<MuseumSource, string> = {
  walters: 'museum/walters_objects.csv',
  tate: 'museum/tate_artworks.csv',
};

/** Places the test records are "stolen" from, in turn (real GB/T 2260 codes). */
export const TEST_DATA_JURISDICTIONS = ['150102', '150203', '150402', '610102', '440103', '110101', '320102', '510104'];

type Row = Record<string, string>;
type Out = Partial<Record<(typeof OBJECT_COLUMNS)[number], string>>;

const WALTERS_TYPES: Array<[RegExp, string]> = [
  [/manuscript|rare book/i, 'document.manuscript'],
  [/painting|drawing|miniature/i, 'painting.painting'],
  [/print/i, 'painting.print'],
  [/ceramic/i, 'ceramics.other'],
  [/coin|medal/i, 'metal.coin'],
  [/metal|arms|gold|silver|jewel|enamel|niello|timepiece/i, 'metal.other'],
  [/stone|sculpture|ivory/i, 'sculpture.other'],
];
const MATERIAL_WORDS: Array<[RegExp, string]> = [
  [/jade|nephrite/i, 'jade'],
  [/bronze/i, 'bronze'],
  [/porcelain/i, 'porcelain'],
  [/earthenware|stoneware|terracotta|pottery|ceramic/i, 'pottery'],
  [/marble|stone|granite|limestone/i, 'stone'],
  [/\bgold/i, 'gold'],
  [/silver/i, 'silver'],
  [/wood/i, 'wood'],
  [/paper|parchment|vellum/i, 'paper'],
  [/silk/i, 'silk'],
  [/lacquer/i, 'lacquer'],
  [/ivory/i, 'ivory'],
  [/glass/i, 'glass'],
  [/iron|steel/i, 'iron'],
  [/paint|ink|pigment|oil|watercolour|gouache/i, 'paint'],
];
const PERIOD_WORDS: Array<[RegExp, string]> = [
  [/qing|ch'ing/i, 'qing'],
  [/ming/i, 'ming'],
  [/yuan/i, 'yuan'],
  [/song|sung/i, 'song'],
  [/tang|t'ang/i, 'tang'],
  [/han dynasty/i, 'han'],
  [/shang/i, 'shang'],
  [/zhou|chou/i, 'zhou'],
];

const firstMatch = (table: Array<[RegExp, string]>, text: string) => table.find(([re]) => re.test(text))?.[1];
const materialsOf = (text: string) => [...new Set(MATERIAL_WORDS.filter(([re]) => re.test(text)).map(([, m]) => m))].slice(0, 4);

/** A repeatable made-up theft: a date in 2010–2025 and a place, from the record's number. */
function madeUpTheft(n: number): { date: string; place: string } {
  const day = new Date(Date.UTC(2010, 0, 1) + ((n * 7919) % (16 * 365)) * 86_400_000);
  return { date: day.toISOString().slice(0, 10), place: TEST_DATA_JURISDICTIONS[n % TEST_DATA_JURISDICTIONS.length]! };
}

const year = (s: string | undefined) => (s && /^-?[0-9]{1,4}$/.test(s.trim()) ? s.trim() : '');

function walters(row: Row): Out {
  const n = Number(row.ObjectID) || 0;
  const theft = madeUpTheft(n);
  // "(38.5 x 25.5 cm)": the metric part of the first measurement, height × width × depth.
  const metric = /\(([0-9.]+)(?: x ([0-9.]+))?(?: x ([0-9.]+))? cm\)/.exec(row.Dimensions ?? '');
  const dims = metric
    ? ['height', 'width', 'depth']
        .map((d, i) => (metric[i + 1] && Number(metric[i + 1]) > 0 ? `${d}=${Number(metric[i + 1])}cm` : ''))
        .filter(Boolean)
        .join(';')
    : '';
  const from = year(row.DateBeginYear);
  const to = year(row.DateEndYear);
  return {
    object_ref: `WAM-${row.ObjectID}`,
    object_type: firstMatch(WALTERS_TYPES, row.Classification ?? '') ?? 'other.other',
    materials: materialsOf(row.Medium ?? '').join(';') || 'other',
    techniques: (row.Medium ?? '').slice(0, 500),
    measurements: dims,
    title_en: (row.Title ?? '').slice(0, 300),
    subject_en: (row.ObjectName ?? '').slice(0, 1000),
    inscriptions_en: (row.Inscriptions ?? '').slice(0, 4000),
    features_en: (row.Keywords || row.ObjectName || '').slice(0, 4000),
    description_en: (row.Description ?? '').slice(0, 20_000),
    period: firstMatch(PERIOD_WORDS, `${row.Dynasty} ${row.Period}`) ?? 'other',
    reign: (row.Reign ?? '').slice(0, 100),
    year_from: from && to && Number(from) > Number(to) ? '' : from,
    year_to: from && to && Number(from) > Number(to) ? '' : to,
    date_text: (row.DateText ?? '').slice(0, 200),
    maker: (row.Creators ?? '').slice(0, 300),
    inventory_no: (row.ObjectNumber ?? '').slice(0, 100),
    owner: 'Walters Art Museum (test data)',
    origin: (row.Geographies ?? '').slice(0, 500),
    theft_date: theft.date,
    jurisdiction_code: theft.place,
  };
}

function tate(row: Row): Out {
  const n = Number(row.id) || 0;
  const theft = madeUpTheft(n);
  const unit = row.units === 'mm' ? 'mm' : '';
  const dims = unit
    ? [
        ['height', row.height],
        ['width', row.width],
        ['depth', row.depth],
      ]
        .filter(([, v]) => v && Number(v) > 0)
        .map(([d, v]) => `${d}=${Number(v)}${unit}`)
        .join(';')
    : '';
  const cls = row.classification ?? '';
  const type = /print/.test(cls)
    ? 'painting.print'
    : /painting|on paper/.test(cls)
      ? 'painting.painting'
      : /sculpture|relief/.test(cls)
        ? 'sculpture.other'
        : 'other.other';
  const from = year(row.year_start);
  const to = year(row.year_end);
  return {
    object_ref: `TATE-${row.accession_number || row.id}`,
    object_type: type,
    materials: materialsOf(row.medium ?? '').join(';') || 'other',
    techniques: (row.medium ?? '').slice(0, 500),
    measurements: dims,
    title_en: (row.title ?? '').slice(0, 300),
    subject_en: (row.subjects ?? '').slice(0, 1000),
    inscriptions_en: (row.inscription ?? '').slice(0, 4000),
    features_en: (row.dimensions || row.medium || '').replace(/\s+/g, ' ').slice(0, 4000),
    period: from && Number(from) >= 1840 ? 'modern' : 'other',
    year_from: from && to && Number(from) > Number(to) ? '' : from,
    year_to: from && to && Number(from) > Number(to) ? '' : to,
    date_text: (row.date_text ?? '').slice(0, 200),
    maker: (row.artists ?? '').slice(0, 300),
    inventory_no: (row.accession_number ?? '').slice(0, 100),
    owner: 'Tate (test data)',
    theft_date: theft.date,
    jurisdiction_code: theft.place,
  };
}

/** The museum's CSV as a registry import file (CSV, UTF-8), and how many records it held. */
export function mapMuseumRecords(source: MuseumSource, text: string, options: { limit?: number } = {}): { csv: Buffer; rows: number } {
  const records = parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as Row[];
  const chosen = options.limit ? records.slice(0, options.limit) : records;
  const mapper = source === 'walters' ? walters : tate;
  const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ').trim();
  const out = chosen.map((r) => {
    const mapped = mapper(r);
    return OBJECT_COLUMNS.map((c) => clean(mapped[c] ?? ''));
  });
  return { csv: Buffer.from(stringify([OBJECT_COLUMNS as unknown as string[], ...out])), rows: chosen.length };
}
