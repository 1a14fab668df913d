// The registry's fixed vocabularies. No imports: the web app reads this file too.

export const OBJECT_STATUSES = ['draft', 'under_review', 'published', 'recovered', 'returned', 'withdrawn'] as const;
export type ObjectStatus = (typeof OBJECT_STATUSES)[number];

/** Statuses the public portal shows. */
export const PUBLIC_STATUSES = ['published', 'recovered', 'returned'] as const satisfies readonly ObjectStatus[];

export const OBJECT_ACTIONS = ['submit', 'approve', 'reject', 'withdraw', 'redraft', 'recover', 'return'] as const;
export type ObjectAction = (typeof OBJECT_ACTIONS)[number];

/** Object ID "type of object", two levels: `group.kind`. */
export const OBJECT_TYPES: ReadonlyArray<{ code: string; zh: string; en: string }> = [
  { code: 'ceramics', zh: '陶瓷器', en: 'Ceramics' },
  { code: 'ceramics.bowl', zh: '碗', en: 'Bowl' },
  { code: 'ceramics.vase', zh: '瓶', en: 'Vase' },
  { code: 'ceramics.figure', zh: '俑', en: 'Figure' },
  { code: 'ceramics.other', zh: '其他陶瓷', en: 'Other ceramics' },
  { code: 'jade', zh: '玉石器', en: 'Jade and stone' },
  { code: 'jade.vessel', zh: '玉器皿', en: 'Jade vessel' },
  { code: 'jade.ornament', zh: '玉饰', en: 'Jade ornament' },
  { code: 'metal', zh: '金属器', en: 'Metalwork' },
  { code: 'metal.bronze_vessel', zh: '青铜器', en: 'Bronze vessel' },
  { code: 'metal.coin', zh: '钱币', en: 'Coin' },
  { code: 'metal.other', zh: '其他金属器', en: 'Other metalwork' },
  { code: 'sculpture', zh: '雕塑造像', en: 'Sculpture' },
  { code: 'sculpture.buddhist', zh: '佛教造像', en: 'Buddhist sculpture' },
  { code: 'sculpture.stone_carving', zh: '石刻', en: 'Stone carving' },
  { code: 'sculpture.other', zh: '其他雕塑', en: 'Other sculpture' },
  { code: 'painting', zh: '书画', en: 'Painting and calligraphy' },
  { code: 'painting.painting', zh: '绘画', en: 'Painting' },
  { code: 'painting.calligraphy', zh: '书法', en: 'Calligraphy' },
  { code: 'painting.print', zh: '版画', en: 'Print' },
  { code: 'document', zh: '文献', en: 'Documents and books' },
  { code: 'document.manuscript', zh: '古籍写本', en: 'Manuscript' },
  { code: 'document.other', zh: '其他文献', en: 'Other document' },
  { code: 'architecture', zh: '古建筑构件', en: 'Architectural element' },
  { code: 'architecture.component', zh: '建筑构件', en: 'Building component' },
  { code: 'other', zh: '其他', en: 'Other' },
  { code: 'other.other', zh: '其他', en: 'Other' },
];
export const OBJECT_TYPE_CODES: readonly string[] = OBJECT_TYPES.map((t) => t.code);

export const MATERIALS: ReadonlyArray<{ code: string; zh: string; en: string }> = [
  { code: 'jade', zh: '玉', en: 'jade' },
  { code: 'bronze', zh: '青铜', en: 'bronze' },
  { code: 'porcelain', zh: '瓷', en: 'porcelain' },
  { code: 'pottery', zh: '陶', en: 'pottery' },
  { code: 'stone', zh: '石', en: 'stone' },
  { code: 'gold', zh: '金', en: 'gold' },
  { code: 'silver', zh: '银', en: 'silver' },
  { code: 'wood', zh: '木', en: 'wood' },
  { code: 'paper', zh: '纸', en: 'paper' },
  { code: 'silk', zh: '丝绸', en: 'silk' },
  { code: 'lacquer', zh: '漆', en: 'lacquer' },
  { code: 'ivory', zh: '象牙', en: 'ivory' },
  { code: 'glass', zh: '玻璃', en: 'glass' },
  { code: 'iron', zh: '铁', en: 'iron' },
  { code: 'paint', zh: '颜料', en: 'paint' },
  { code: 'other', zh: '其他', en: 'other' },
];
export const MATERIAL_CODES: readonly string[] = MATERIALS.map((m) => m.code);

/** Dynasties and periods (a date or period of the Object ID standard); `other` with a year range. */
export const PERIODS: ReadonlyArray<{ code: string; zh: string; en: string }> = [
  { code: 'neolithic', zh: '新石器时代', en: 'Neolithic' },
  { code: 'shang', zh: '商', en: 'Shang' },
  { code: 'zhou', zh: '周', en: 'Zhou' },
  { code: 'warring_states', zh: '战国', en: 'Warring States' },
  { code: 'qin', zh: '秦', en: 'Qin' },
  { code: 'han', zh: '汉', en: 'Han' },
  { code: 'six_dynasties', zh: '魏晋南北朝', en: 'Six Dynasties' },
  { code: 'tang', zh: '唐', en: 'Tang' },
  { code: 'song', zh: '宋', en: 'Song' },
  { code: 'liao', zh: '辽', en: 'Liao' },
  { code: 'jin', zh: '金', en: 'Jin' },
  { code: 'yuan', zh: '元', en: 'Yuan' },
  { code: 'ming', zh: '明', en: 'Ming' },
  { code: 'qing', zh: '清', en: 'Qing' },
  { code: 'modern', zh: '近现代', en: 'Modern' },
  { code: 'other', zh: '其他', en: 'Other' },
];
export const PERIOD_CODES: readonly string[] = PERIODS.map((p) => p.code);

export const DIMENSIONS = ['height', 'width', 'depth', 'diameter', 'weight'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const LENGTH_UNITS = ['mm', 'cm', 'm', 'in'] as const;
export const WEIGHT_UNITS = ['g', 'kg'] as const;
export const MEASUREMENT_UNITS = [...LENGTH_UNITS, ...WEIGHT_UNITS] as const;
export type MeasurementUnit = (typeof MEASUREMENT_UNITS)[number];

export interface Measurement {
  dimension: Dimension;
  value: number;
  unit: MeasurementUnit;
}

/** A unit that fits the dimension: lengths for sizes, masses for weight. */
export function unitFitsDimension(dimension: string, unit: string): boolean {
  if (dimension === 'weight') return (WEIGHT_UNITS as readonly string[]).includes(unit);
  return (DIMENSIONS as readonly string[]).includes(dimension) && (LENGTH_UNITS as readonly string[]).includes(unit);
}

export const PHOTO_VIEWS = ['front', 'back', 'top', 'bottom', 'side', 'detail', 'inscription', 'other'] as const;
export type PhotoView = (typeof PHOTO_VIEWS)[number];

export const TIP_STATUSES = ['new', 'dismissed', 'lead'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

/**
 * Object ID fields an object must have before it can be sent for review and published; for the
 * bilingual ones (title, distinguishing features) one language is enough.
 */
export const REQUIRED_FOR_PUBLISHING = [
  'objectType',
  'materials',
  'measurements',
  'title',
  'periodCode',
  'distinguishingFeatures',
  'theftDate',
] as const;
