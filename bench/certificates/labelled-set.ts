// The labelled descriptions certificate search is measured on (bench/certificates.ts and
// test/relics/certificate-labelled.test.ts), generated deterministically from registry records the way
// dealers and customs declarations describe objects — the period written another way (清代/清朝/
// Qing dynasty), words reordered or left out, measurements, quantities, "style", traditional
// characters, capitals — plus hand-written descriptions of objects that are NOT in the registry.
//
// The registry they are written from: the demo registry (src/seed/demo-registry.ts), the National
// Palace Museum jades of ../shared/data/photos/jades_meta.csv (bilingual, traditional characters)
// and the Walters Art Museum's Chinese objects (English only), read at run time, never copied here;
// plus generated Chinese records with the same vocabulary, as distractors.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { MATERIALS, mapMuseumRecords, OBJECT_COLUMNS, PERIODS, TEST_DATA_JURISDICTIONS } from '../../src/modules/relics/index.ts';
import { seededRandom } from '../support.ts';

export const DATA_DIR = path.resolve('../shared/data');

export interface RegistryRecord {
  ref: string;
  titleZh: string;
  titleEn: string;
  period: string;
  materials: string[];
  cm: number | null;
}

export interface LabelledDescription {
  text: string;
  lang: 'zh' | 'en';
  /** The registered object described (object_ref), or null for an object not in the registry. */
  expected: string | null;
  template: string;
}

type Row = Record<string, string>;
const csv = (rows: Array<Record<string, string>>) =>
  Buffer.from(stringify([OBJECT_COLUMNS as unknown as string[], ...rows.map((r) => OBJECT_COLUMNS.map((c) => r[c] ?? ''))]));

/** The demo registry's records as the descriptions need them (same data as src/seed/demo-registry.ts). */
export const DEMO_RECORDS: RegistryRecord[] = [
  { ref: 'DEMO-R-001', titleZh: '青玉双耳碗', titleEn: 'Celadon jade bowl with two handles', period: 'qing', materials: ['jade'], cm: 7.8 },
  {
    ref: 'DEMO-R-002',
    titleZh: '青花缠枝莲纹梅瓶',
    titleEn: 'Blue-and-white meiping vase with lotus scrolls',
    period: 'ming',
    materials: ['porcelain'],
    cm: 31,
  },
  { ref: 'DEMO-R-003', titleZh: '饕餮纹青铜鼎', titleEn: 'Bronze ding cauldron with taotie masks', period: 'shang', materials: ['bronze'], cm: 24 },
  { ref: 'DEMO-R-004', titleZh: '石雕菩萨头像', titleEn: 'Stone head of a bodhisattva', period: 'liao', materials: ['stone'], cm: 46 },
  {
    ref: 'DEMO-R-005',
    titleZh: '彩绘陶骑马俑',
    titleEn: 'Painted pottery figure of a horse and rider',
    period: 'tang',
    materials: ['pottery'],
    cm: 38,
  },
  { ref: 'DEMO-R-006', titleZh: '契丹文银币', titleEn: 'Silver coin with Khitan script', period: 'liao', materials: ['silver'], cm: 3.9 },
  { ref: 'DEMO-R-007', titleZh: '木雕斗拱构件', titleEn: 'Carved wooden bracket set (dougong)', period: 'ming', materials: ['wood'], cm: 120 },
  { ref: 'DEMO-R-008', titleZh: '行书立轴', titleEn: 'Running-script calligraphy scroll', period: 'qing', materials: ['paper'], cm: 132 },
  { ref: 'DEMO-R-009', titleZh: '白玉龙纹佩', titleEn: 'White jade pendant with a dragon', period: 'han', materials: ['jade'], cm: 6.2 },
  { ref: 'DEMO-R-010', titleZh: '鎏金铜马具饰件', titleEn: 'Gilt bronze harness ornament', period: 'liao', materials: ['gold'], cm: 11 },
];

const firstLabel = (s: string) =>
  s
    .split(/[(（;]/)[0]!
    .replace(/\s+/g, ' ')
    .trim();

/** The National Palace Museum jades as registry rows (test data: made-up theft) and as records. */
export function jadeRegistry(dataDir = DATA_DIR): { csv: Buffer; records: RegistryRecord[] } {
  const rows = parse(fs.readFileSync(path.join(dataDir, 'photos/jades_meta.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
  }) as Row[];
  const out: Array<Record<string, string>> = [];
  const records: RegistryRecord[] = [];
  rows.forEach((r, i) => {
    const titleZh = firstLabel(r.label_zh ?? '') || firstLabel(r.text_title_zh ?? '');
    const titleEn = firstLabel(r.label_en ?? '');
    const height = /height:?\s*([0-9.]+)\s*cm/i.exec(r.en_measurements ?? '');
    const cm = height ? Number(height[1]) : null;
    const ref = `NPM-${r.pid}`;
    records.push({ ref, titleZh, titleEn, period: 'qing', materials: ['jade'], cm });
    out.push({
      object_ref: ref,
      object_type: 'jade.vessel',
      materials: 'jade',
      measurements: cm ? `height=${cm}cm` : 'height=5cm',
      title_zh: titleZh,
      title_en: titleEn,
      inscriptions_zh: (r.inscription_text_zh ?? '').slice(0, 400),
      features_zh: `${r.inscription_position ?? ''}琢御制诗《${(r.text_title_zh ?? '').trim()}》`,
      features_en: `Imperial poem carved on the ${(r.inscription_position ?? 'body').slice(0, 80)}`,
      period: 'qing',
      reign: '乾隆',
      year_from: r._date ?? '',
      year_to: r._date ?? '',
      origin: (r.object_origin ?? '').slice(0, 200),
      theft_date: `2021-0${1 + (i % 9)}-1${i % 9}`,
      jurisdiction_code: TEST_DATA_JURISDICTIONS[i % TEST_DATA_JURISDICTIONS.length]!,
    });
  });
  return { csv: csv(out), records };
}

/** The Walters Art Museum's Chinese objects (Qing/Ming or made in China), mapped as the registry importer's CSV. */
export function waltersChineseRegistry(dataDir = DATA_DIR): { csv: Buffer; records: RegistryRecord[] } {
  const text = fs.readFileSync(path.join(dataDir, 'museum/walters_objects.csv'), 'utf8');
  const rows = (parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as Row[]).filter(
    (r) => /China/.test(r.Geographies ?? '') || /Qing|Ming|Ch'ing/.test(r.Dynasty ?? '') || r.Culture === 'Chinese',
  );
  const header = Object.keys(rows[0]!);
  const mapped = mapMuseumRecords('walters', stringify([header, ...rows.map((r) => header.map((h) => r[h] ?? ''))]));
  const records = rows.map((r): RegistryRecord => {
    const cm = /\(([0-9.]+)(?: x [0-9.]+)*\s*cm\)/.exec(r.Dimensions ?? '');
    const period = /Qing|Ch'ing/.test(r.Dynasty ?? '') ? 'qing' : /Ming/.test(r.Dynasty ?? '') ? 'ming' : 'other';
    return { ref: `WAM-${r.ObjectID}`, titleZh: '', titleEn: (r.Title ?? '').trim(), period, materials: [], cm: cm ? Number(cm[1]) : null };
  });
  return { csv: mapped.csv, records };
}

const random = seededRandom;

/** Generated Chinese records in the registry's vocabulary (as bench/relics.ts makes them): distractors, never described. */
export function generatedDistractors(count: number, seed = 77): Buffer {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const types = [
    ['ceramics.bowl', '碗', 'porcelain'],
    ['ceramics.vase', '瓶', 'porcelain'],
    ['jade.vessel', '玉壶', 'jade'],
    ['jade.ornament', '玉佩', 'jade'],
    ['metal.bronze_vessel', '铜鼎', 'bronze'],
    ['sculpture.buddhist', '佛像', 'stone'],
    ['painting.painting', '山水图轴', 'paper'],
    ['architecture.component', '木雕雀替', 'wood'],
  ] as const;
  const adj = [
    '青花',
    '粉彩',
    '青玉',
    '白玉',
    '鎏金',
    '錾花',
    '缠枝莲纹',
    '龙纹',
    '双耳',
    '三足',
    '兽面纹',
    '釉里红',
    '描金',
    '镂空',
    '浮雕',
    '素面',
  ];
  const periods = ['tang', 'song', 'liao', 'jin', 'yuan', 'ming', 'qing', 'han'];
  const rows: Array<Record<string, string>> = [];
  for (let i = 1; i <= count; i++) {
    const [type, noun, material] = pick(types);
    const title = `${pick(adj)}${pick(adj)}${noun}`;
    rows.push({
      object_ref: `GEN-${seed}-${i}`,
      object_type: type,
      materials: material,
      measurements: `height=${(5 + next() * 60).toFixed(1)}cm`,
      title_zh: title,
      title_en: `Generated object ${i}`,
      features_zh: `${pick(adj)}，口沿有${Math.ceil(next() * 3)}处磕伤`,
      description_zh: `${title}，${pick(adj)}装饰。`,
      period: pick(periods),
      theft_date: `20${10 + Math.floor(next() * 15)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`,
      jurisdiction_code: pick(TEST_DATA_JURISDICTIONS),
    });
  }
  return csv(rows);
}

const TRADITIONAL: Record<string, string> = {
  双: '雙',
  纹: '紋',
  铜: '銅',
  画: '畫',
  龙: '龍',
  凤: '鳳',
  壶: '壺',
  盘: '盤',
  莲: '蓮',
  缠: '纏',
  马: '馬',
  骑: '騎',
  银: '銀',
  币: '幣',
  头: '頭',
  萨: '薩',
  书: '書',
  饰: '飾',
  绘: '繪',
  构: '構',
  鎏: '鎏',
  具: '具',
};
const traditional = (s: string) => [...s].map((c) => TRADITIONAL[c] ?? c).join('');
const periodZh = (code: string) => PERIODS.find((p) => p.code === code)?.zh ?? '';
const periodEn = (code: string) => PERIODS.find((p) => p.code === code)?.en ?? '';
const materialZh = (code: string | undefined) => MATERIALS.find((m) => m.code === code)?.zh ?? '';
const dynastyZh = (code: string, suffix: '代' | '朝') => (periodZh(code).length === 1 ? `${periodZh(code)}${suffix}` : periodZh(code));
const cmText = (cm: number | null, fallback: number) => String(cm ?? fallback);
const EN_STOP = new Set(['a', 'an', 'the', 'of', 'with', 'and', 'in', 'on', 'from', 'for', 'to', 'one']);

/** A partial Chinese title: its first two characters and its last (青玉双耳碗 → 青玉碗), as dealers shorten names. */
const shortTitle = (t: string) => ([...t].length >= 5 ? [...t].slice(0, 2).join('') + [...t].slice(-1).join('') : t);

/** Dealer and customs descriptions of one registered record. */
export function describe(record: RegistryRecord, templates: 'all' | 'en' = 'all'): LabelledDescription[] {
  const out: LabelledDescription[] = [];
  const add = (template: string, lang: 'zh' | 'en', text: string) => out.push({ template, lang, text, expected: record.ref });
  const cm = cmText(record.cm, 12);
  const p = record.period;
  if (templates === 'all' && record.titleZh) {
    add('zh-dealer', 'zh', `一件${record.titleZh}，口径约${cm}厘米，${dynastyZh(p, '代')}风格`);
    add('zh-short', 'zh', `${dynastyZh(p, '朝')}${shortTitle(record.titleZh)}`);
    add('zh-traditional', 'zh', `${traditional(record.titleZh)}一只，高${cm}cm，品相完好，${dynastyZh(p, '代')}`);
    add(
      'zh-customs',
      'zh',
      `品名：${materialZh(record.materials[0])}制${[...record.titleZh].slice(-2).join('')}（${record.titleZh}），数量：1件，尺寸：${cm}×${cm}厘米`,
    );
  }
  if (record.titleEn) {
    const words = record.titleEn
      .replace(/[(),]/g, ' ')
      .split(/\s+/)
      .filter((w) => w && !EN_STOP.has(w.toLowerCase()));
    const reordered = [...words.slice(Math.ceil(words.length / 2)), ...words.slice(0, Math.ceil(words.length / 2))];
    if (p !== 'other') add('en-dealer', 'en', `${periodEn(p)} dynasty ${record.titleEn.toLowerCase()}, approx. ${cm} cm`);
    else add('en-dealer', 'en', `Antique Chinese ${record.titleEn.toLowerCase()}, approx. ${cm} cm`);
    add('en-reordered', 'en', `${reordered.join(' ').toLowerCase()}, ${p === 'other' ? 'Chinese' : periodEn(p)} style, H ${cm}cm, good condition`);
    if (templates === 'all')
      add(
        'en-customs',
        'en',
        `1 PC ${record.titleEn.toUpperCase()}, ${(record.materials[0] ?? 'MIXED MEDIA').toUpperCase()}, ${cm} CM, DECORATIVE ART OBJECT`,
      );
  }
  return out;
}

/** Walters records worth describing: a title of three or more significant words (a bare "Vase" fits hundreds). */
export function describableWalters(records: RegistryRecord[], count: number): RegistryRecord[] {
  const titles = new Map<string, number>();
  for (const r of records) titles.set(r.titleEn.toLowerCase(), (titles.get(r.titleEn.toLowerCase()) ?? 0) + 1);
  // A title shared by several records ("Leaf from an Album of 8 Paintings") cannot single one out.
  const distinctive = records.filter(
    (r) => titles.get(r.titleEn.toLowerCase()) === 1 && r.titleEn.split(/\s+/).filter((w) => !EN_STOP.has(w.toLowerCase())).length >= 3,
  );
  // Every k-th record, so the choice is spread over the collection and the same every run.
  const step = Math.max(1, Math.floor(distinctive.length / count));
  return distinctive.filter((_, i) => i % step === 0).slice(0, count);
}

/** Hand-written descriptions of objects that are not in the registry (nor among its distractors). */
export const UNREGISTERED: Array<{ text: string; lang: 'zh' | 'en' }> = [
  ...[
    '清代白玉鼻烟壶',
    '紫砂提梁壶一把，顾景舟款，高12厘米',
    '明式黄花梨圈椅一对，高约98厘米',
    '民国粉彩人物帽筒一对，高28厘米',
    '清代端砚一方，长20厘米，带原配木盒',
    '宋代建窑兔毫盏，口径12厘米',
    '寿山石田黄印章一枚，重45克',
    '清代竹雕笔筒，高15厘米',
    '象牙雕仕女摆件，高18厘米',
    '铜胎掐丝珐琅香炉，高20厘米',
    '红木嵌螺钿博古架',
    '绿度母唐卡，布面矿物颜料，60×45厘米',
    '汉代五铢钱一枚',
    '清代花梨木八仙桌',
    '民国时期银质烟盒',
    '晚清刺绣马面裙',
    '清代铜手炉，高10厘米',
    '日本明治时期萨摩烧花瓶',
    '和田玉籽料手把件',
    '翡翠手镯一只，内径56毫米',
    '清代黄杨木雕寿星摆件',
    '犀角杯一只',
    '宋代磁州窑白地黑花枕',
    '商代青铜爵',
    '现代景德镇仿古茶具一套',
    '南部铁壶一把，日本制',
    '民国老照片一组',
    '清代缂丝团扇',
    '老式上海牌手表',
    '清代蓝印花布被面',
  ].map((text) => ({ text, lang: 'zh' as const })),
  ...[
    'A pair of Victorian silver candlesticks, 25 cm',
    'Yixing zisha teapot, signed, 12 cm',
    'Huanghuali horseshoe-back armchair, Ming style',
    'Tibetan thangka of Green Tara, mineral pigments on cotton',
    "Song dynasty Jian ware hare's fur tea bowl, 12 cm",
    'Carved ivory figure of a lady, 20th century',
    'Jadeite bangle, inner diameter 56 mm',
    'Duan inkstone with fitted wooden box',
    'Soapstone seal carved with a lion, 5 cm',
    'Rhinoceros horn libation cup',
    'Japanese Satsuma earthenware vase, Meiji period',
    'Persian wool carpet, 300 x 200 cm',
    'Art Deco bronze figure of a dancer on a marble base',
    'Swiss gold pocket watch, circa 1900',
    'Cast iron tetsubin kettle, Japanese',
    'Modern reproduction tea set, Jingdezhen, boxed',
    'Embroidered silk horse-face skirt, late Qing',
    'Bamboo wrist rest carved with orchids',
    'Mahjong set in a wooden case',
    'Tin-glazed Delft tile with a windmill',
  ].map((text) => ({ text, lang: 'en' as const })),
];

/** The whole labelled set for a registry holding the demo records, the jades and the Walters Chinese objects. */
export function labelledSet(jades: RegistryRecord[], walters: RegistryRecord[], waltersCount = 30): LabelledDescription[] {
  return [
    ...DEMO_RECORDS.flatMap((r) => describe(r)),
    ...jades.flatMap((r) => describe(r).filter((d) => d.template !== 'zh-customs' && d.template !== 'en-customs')),
    ...describableWalters(walters, waltersCount).flatMap((r) => describe(r, 'en')),
    ...UNREGISTERED.map((u): LabelledDescription => ({ ...u, expected: null, template: 'unregistered' })),
  ];
}
