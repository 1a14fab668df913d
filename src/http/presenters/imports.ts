// What an import (cases, parties, property, gangs, registry objects) answers: the report with every bad cell's reason
// and every warning in the caller's language.
import { Type } from 'typebox';
import type { Lang } from '../../core/errors.ts';
import type { ImportIssue, ImportWarning } from '../../modules/cases/index.ts';

export const ImportErrorOut = Type.Object({
  row: Type.Integer(),
  column: Type.Union([Type.String(), Type.Null()]),
  value: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  reason: Type.String({ description: 'In the language of Accept-Language' }),
});

/** A report with its reasons and warnings in one language (the module keeps both). */
export function presentImportReport<R extends { errors: ImportIssue[]; warnings: ImportWarning[] }>(report: R, lang: Lang) {
  return {
    ...report,
    errors: report.errors.map((e) => ({
      row: e.row,
      column: e.column,
      value: e.value,
      code: e.code,
      reason: lang === 'en' ? e.reasonEn : e.reasonZh,
    })),
    warnings: report.warnings.map((w) => (lang === 'en' ? w.reasonEn : w.reasonZh)),
  };
}
