export * from './schema.ts';
export { SHIPPED_CATEGORIES, loadShippedCategories, listCategories, addCategory } from './categories.ts';
export type { Category } from './categories.ts';
export { allowedActions } from './lifecycle.ts';
export { caseScope } from './access.ts';
export { recordCaseLead, caseOfEarlierLead } from './leads.ts';
export type { LeadKind } from './leads.ts';
export { getCase, createCase, updateCase, transitionCase, setSupervision } from './cases.ts';
export type { CaseDetail, NewCase, CasePatch } from './cases.ts';
export { listCases, iterateCasesForExport } from './queries.ts';
export type { CaseFilters, CaseSummary, CaseExportRow } from './queries.ts';
export { listParties, addParty, updateParty } from './parties.ts';
export type { Party, NewParty, PartyPatch } from './parties.ts';
export { listProperty, addProperty } from './property.ts';
export type { PropertyItem, NewPropertyItem } from './property.ts';
export { listLinks, linkCases, unlinkCases } from './links.ts';
export { suggestLinks } from './suggestions.ts';
export { caseGraph } from './graph.ts';
export { caseTimeline, caseAuditTrail } from './timeline.ts';
export { searchTerms, caseSearchTerms, caseTsQuery, queryTerms } from './search-terms.ts';
export { casesMessages } from './errors.ts';
export { listGangs, getGang, createGang, addGangCase, setGangLeader, dismantleGang } from './gangs.ts';
export type { GangSummary, NewGang } from './gangs.ts';
export { listFugitives, declareFugitive, captureFugitive } from './fugitives.ts';
// Importing and exporting cases (and the row checks the registry import shares).
export * from './import/index.ts';
export { Header, IssueSink, RowCheck, warningOf } from './import/rows.ts';
export { searchTermsVector } from './import/search-terms.ts';
export {
  CLI_VIEWER, defaultCaseExportSource, EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportFileName, writeCasesExport,
} from './export.ts';
export type { CaseExportSource, ExportFormat } from './export.ts';
