// Names of the registry's vocabularies in the UI language (the vocabulary file carries zh and en).
import { useTranslation } from 'react-i18next';
import { DIMENSIONS, MATERIALS, OBJECT_TYPES, PERIODS } from '../../api/relics';

type Entry = { code: string; zh: string; en: string };
type Dimension = (typeof DIMENSIONS)[number];
const isDimension = (code: string): code is Dimension => (DIMENSIONS as readonly string[]).includes(code);

export function useVocab() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const name = (list: ReadonlyArray<Entry>, code: string | null | undefined) => {
    const found = list.find((x) => x.code === code);
    return found ? (en ? found.en : found.zh) : (code ?? '');
  };
  const options = (list: ReadonlyArray<Entry>, filter: (e: Entry) => boolean = () => true) =>
    list.filter(filter).map((x) => ({ value: x.code, label: en ? x.en : x.zh }));
  return {
    en,
    typeName: (code: string | null | undefined) => name(OBJECT_TYPES, code),
    materialName: (code: string) => name(MATERIALS, code),
    periodName: (code: string | null | undefined) => name(PERIODS, code),
    typeOptions: options(OBJECT_TYPES, (t) => t.code.includes('.')),
    typeGroupOptions: options(OBJECT_TYPES),
    materialOptions: options(MATERIALS),
    periodOptions: options(PERIODS),
    /** Measurements as one line, e.g. "高 32 cm · 宽 20 cm" (a dimension this build has no name for is shown as sent). */
    measurementsText: (list: ReadonlyArray<{ dimension: string; value: number; unit: string }>) =>
      list.map((m) => `${isDimension(m.dimension) ? t(`relics.dimension.${m.dimension}`) : m.dimension} ${m.value} ${m.unit}`).join(' · '),
    /** A bilingual field in the UI language, falling back to the other. */
    pick: (zh: string | null | undefined, enText: string | null | undefined) => (en ? enText || zh : zh || enText) ?? '',
  };
}

export const PROVINCES = [
  { code: '110000', zh: '北京市', en: 'Beijing' },
  { code: '150000', zh: '内蒙古自治区', en: 'Inner Mongolia' },
  { code: '320000', zh: '江苏省', en: 'Jiangsu' },
  { code: '440000', zh: '广东省', en: 'Guangdong' },
  { code: '510000', zh: '四川省', en: 'Sichuan' },
  { code: '610000', zh: '陕西省', en: 'Shaanxi' },
  { code: '410000', zh: '河南省', en: 'Henan' },
  { code: '140000', zh: '山西省', en: 'Shanxi' },
  { code: '620000', zh: '甘肃省', en: 'Gansu' },
];
