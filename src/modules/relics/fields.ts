import type { FieldError } from '../../core/errors.ts';
import { searchTerms } from '../cases/index.ts';
import {
  DIMENSIONS,
  LENGTH_UNITS,
  MATERIAL_CODES,
  MATERIALS,
  type Measurement,
  OBJECT_TYPE_CODES,
  OBJECT_TYPES,
  PERIOD_CODES,
  PERIODS,
  REQUIRED_FOR_PUBLISHING,
  unitFitsDimension,
  WEIGHT_UNITS,
} from './vocabulary.ts';

/** The describable fields of an object (Object ID plus the theft), as drafted and edited. */
export interface ObjectFields {
  objectType?: string | null | undefined;
  materials?: string[] | undefined;
  techniques?: string | null | undefined;
  measurements?: Array<{ dimension: string; value: number; unit: string }> | undefined;
  titleZh?: string | undefined;
  titleEn?: string | undefined;
  subjectZh?: string | undefined;
  subjectEn?: string | undefined;
  inscriptionsZh?: string | undefined;
  inscriptionsEn?: string | undefined;
  distinguishingFeaturesZh?: string | undefined;
  distinguishingFeaturesEn?: string | undefined;
  descriptionZh?: string | undefined;
  descriptionEn?: string | undefined;
  periodCode?: string | null | undefined;
  reign?: string | null | undefined;
  yearFrom?: number | null | undefined;
  yearTo?: number | null | undefined;
  dateText?: string | null | undefined;
  maker?: string | null | undefined;
  inventoryNo?: string | null | undefined;
  owner?: string | null | undefined;
  origin?: string | null | undefined;
  theftDate?: Date | null | undefined;
  theftPlaceDetail?: string | null | undefined;
  circumstances?: string | null | undefined;
  investigatingUnit?: string | null | undefined;
}

/** Checks the vocabularies and units of whatever fields are given (a draft may be incomplete). */
export function fieldProblems(input: ObjectFields): FieldError[] {
  const problems: FieldError[] = [];
  if (input.objectType) {
    if (!OBJECT_TYPE_CODES.includes(input.objectType)) problems.push({ path: '/objectType', message: 'relics.unknown_type' });
    else if (!input.objectType.includes('.')) problems.push({ path: '/objectType', message: 'relics.type_needs_two_levels' });
  }
  input.materials?.forEach((m, i) => {
    if (!MATERIAL_CODES.includes(m)) problems.push({ path: `/materials/${i}`, message: 'relics.unknown_material' });
  });
  input.measurements?.forEach((m, i) => {
    if (!(DIMENSIONS as readonly string[]).includes(m.dimension))
      problems.push({ path: `/measurements/${i}/dimension`, message: 'relics.unknown_dimension' });
    else if (!unitFitsDimension(m.dimension, m.unit)) problems.push({ path: `/measurements/${i}/unit`, message: 'relics.unknown_unit' });
    if (!(Number.isFinite(m.value) && m.value > 0)) problems.push({ path: `/measurements/${i}/value`, message: 'relics.value_not_positive' });
  });
  if (input.periodCode && !PERIOD_CODES.includes(input.periodCode)) problems.push({ path: '/periodCode', message: 'relics.unknown_period' });
  if (input.yearFrom != null && input.yearTo != null && input.yearFrom > input.yearTo)
    problems.push({ path: '/yearTo', message: 'relics.years_out_of_order' });
  if (input.theftDate && input.theftDate.getTime() > Date.now()) problems.push({ path: '/theftDate', message: 'relics.date_in_future' });
  return problems;
}

export function unitsFor(dimension: string): readonly string[] {
  return dimension === 'weight' ? WEIGHT_UNITS : LENGTH_UNITS;
}

/** Object ID fields still missing before the object can go to review and be published. */
export function missingForPublishing(row: {
  objectType: string | null;
  materials: string[];
  measurements: unknown[];
  titleZh: string;
  titleEn: string;
  periodCode: string | null;
  distinguishingFeaturesZh: string;
  distinguishingFeaturesEn: string;
  theftDate: Date | null;
}): FieldError[] {
  const has: Record<(typeof REQUIRED_FOR_PUBLISHING)[number], boolean> = {
    objectType: Boolean(row.objectType),
    materials: row.materials.length > 0,
    measurements: row.measurements.length > 0,
    title: Boolean(row.titleZh.trim() || row.titleEn.trim()),
    periodCode: Boolean(row.periodCode),
    distinguishingFeatures: Boolean(row.distinguishingFeaturesZh.trim() || row.distinguishingFeaturesEn.trim()),
    theftDate: row.theftDate !== null,
  };
  const pathOf = (field: string) => (field === 'title' ? '/titleZh' : field === 'distinguishingFeatures' ? '/distinguishingFeaturesZh' : `/${field}`);
  return REQUIRED_FOR_PUBLISHING.filter((f) => !has[f]).map((f) => ({ path: pathOf(f), message: 'relics.required_for_publishing' }));
}

const nameOf = (list: ReadonlyArray<{ code: string; zh: string; en: string }>, code: string | null | undefined) => list.find((x) => x.code === code);

/** What the public search indexes: only public fields (never owner, circumstances or case). */
export function publicSearchText(row: {
  titleZh: string;
  titleEn: string;
  subjectZh: string;
  subjectEn: string;
  inscriptionsZh: string;
  inscriptionsEn: string;
  distinguishingFeaturesZh: string;
  distinguishingFeaturesEn: string;
  descriptionZh: string;
  descriptionEn: string;
  maker: string | null;
  dateText: string | null;
  reign: string | null;
  objectType: string | null;
  periodCode: string | null;
  materials: string[];
  publicationNo?: string | null;
}): { terms: string; latin: string } {
  const type = nameOf(OBJECT_TYPES, row.objectType);
  const group = row.objectType ? nameOf(OBJECT_TYPES, row.objectType.split('.')[0]) : undefined;
  const period = nameOf(PERIODS, row.periodCode);
  const materials = row.materials.map((m) => nameOf(MATERIALS, m)).filter((m) => m !== undefined);
  const all = [
    row.titleZh,
    row.titleEn,
    row.subjectZh,
    row.subjectEn,
    row.inscriptionsZh,
    row.inscriptionsEn,
    row.distinguishingFeaturesZh,
    row.distinguishingFeaturesEn,
    row.descriptionZh,
    row.descriptionEn,
    row.maker ?? '',
    row.dateText ?? '',
    row.reign ?? '',
    type?.zh ?? '',
    type?.en ?? '',
    group?.zh ?? '',
    group?.en ?? '',
    period?.zh ?? '',
    period?.en ?? '',
    ...materials.flatMap((m) => [m.zh, m.en]),
    row.publicationNo ?? '',
  ].join(' ');
  // Short on purpose: trigram similarity costs in proportion to the text, and typos matter in names.
  const latin = [row.titleEn, row.maker ?? '', type?.en ?? '', ...materials.map((m) => m.en)]
    .join(' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
  return { terms: searchTerms(all), latin };
}

export type { Measurement };
