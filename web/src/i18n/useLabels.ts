// Translating values that come from the server (roles, agency kinds, jurisdiction levels, case
// statuses and the other case vocabularies)
// and picking the right name of bilingual records. A value this build does not know yet
// is shown as is rather than as a raw i18n key.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { translateKey } from './translateKey';

export type LabelGroup =
  | 'roles'
  | 'agencyKinds'
  | 'levels'
  | 'caseStatus'
  | 'supervision'
  | 'caseActions'
  | 'timelineKinds'
  | 'partyRoles'
  | 'partyStatuses'
  | 'propertyKinds'
  | 'propertyUnits'
  | 'propertyActions'
  | 'identifierKinds'
  | 'importKinds'
  | 'dateFields';

export interface Bilingual {
  nameZh: string;
  nameEn: string;
}

export function useLabels() {
  const { i18n } = useTranslation(); // re-renders the caller when the language changes
  const lang = i18n.language;
  return useMemo(
    () => ({
      /** label('roles', 'admin') → 系统管理员 / Administrator */
      label: (group: LabelGroup, value: string): string => translateKey(`${group}.${value}`) ?? value,
      /** The Chinese or English name of a record carrying both; falls back to the other one when empty. */
      localName: (record: Bilingual | null | undefined): string => {
        if (!record) return '';
        return lang === 'en' ? record.nameEn || record.nameZh : record.nameZh || record.nameEn;
      },
    }),
    [lang],
  );
}
