export { formatZoned, isValidTimeZone, parseIsoDate, ZonedClock } from './dates.ts';
export { DEFAULT_TIME_ZONE, importColumns, importFile } from './importer.ts';
export { caseStatusOf } from './kinds/cases.ts';
export { partyStatusOf } from './kinds/parties.ts';
export { importMessage, importMessages } from './messages.ts';
export type { RealDataImportOptions, RealDataSource } from './realdata.ts';
export {
  CHICAGO_CATEGORIES,
  DEFAULT_TEST_JURISDICTION,
  importRealData,
  mapRealData,
  REAL_DATA_SOURCES,
  realDataTimeZone,
  SF_CATEGORIES,
  SF_SOLVED_RESOLUTIONS,
} from './realdata.ts';
export { issueText } from './rows.ts';
export { caseTermsSql, searchTermsSql } from './search-terms.ts';
export type { ImportIssue, ImportKind, ImportOptions, ImportPhase, ImportProgress, ImportReport, ImportWarning } from './types.ts';
export { IMPORT_KINDS, isImportKind } from './types.ts';
