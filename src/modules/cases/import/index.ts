export { importFile, importColumns, DEFAULT_TIME_ZONE } from './importer.ts';
export { IMPORT_KINDS, isImportKind } from './types.ts';
export type { ImportKind, ImportIssue, ImportWarning, ImportReport, ImportOptions, ImportProgress, ImportPhase } from './types.ts';
export { importMessages, importMessage } from './messages.ts';
export { issueText } from './rows.ts';
export { searchTermsSql, caseTermsSql } from './search-terms.ts';
export { caseStatusOf } from './kinds/cases.ts';
export { partyStatusOf } from './kinds/parties.ts';
export { ZonedClock, parseIsoDate, formatZoned, isValidTimeZone } from './dates.ts';
export {
  REAL_DATA_SOURCES, DEFAULT_TEST_JURISDICTION, SF_CATEGORIES, CHICAGO_CATEGORIES, SF_SOLVED_RESOLUTIONS, mapRealData, importRealData, realDataTimeZone,
} from './realdata.ts';
export type { RealDataSource, RealDataImportOptions } from './realdata.ts';
