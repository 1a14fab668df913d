export { caseScope } from './access.ts';
export type { CaseDetail, CasePatch, NewCase } from './cases.ts';
export { createCase, getCase, setSupervision, transitionCase, updateCase } from './cases.ts';
export type { Category } from './categories.ts';
export { addCategory, listCategories, loadShippedCategories, SHIPPED_CATEGORIES } from './categories.ts';
export { casesMessages } from './errors.ts';
export type { CaseExportSource, ExportFormat } from './export.ts';
export {
  CLI_VIEWER,
  defaultCaseExportSource,
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  exportFileName,
  writeCasesExport,
} from './export.ts';
export { captureFugitive, declareFugitive, listFugitives } from './fugitives.ts';
export type { GangSummary, NewGang } from './gangs.ts';
export { addGangCase, createGang, dismantleGang, getGang, listGangs, setGangLeader } from './gangs.ts';
export { caseGraph } from './graph.ts';
// Importing and exporting cases (and the row checks the registry import shares).
export * from './import/index.ts';
export { Header, IssueSink, RowCheck, warningOf } from './import/rows.ts';
export { searchTermsVector } from './import/search-terms.ts';
export type { LeadKind } from './leads.ts';
export { caseOfEarlierLead, recordCaseLead } from './leads.ts';
export { allowedActions } from './lifecycle.ts';
export { linkCases, listLinks, unlinkCases } from './links.ts';
export type { NewParty, Party, PartyPatch } from './parties.ts';
export { addParty, listParties, updateParty } from './parties.ts';
export type { NewPropertyItem, PropertyItem } from './property.ts';
export { addProperty, listProperty } from './property.ts';
export type { CaseExportRow, CaseFilters, CaseSummary } from './queries.ts';
export { iterateCasesForExport, listCases } from './queries.ts';
export * from './schema.ts';
export { caseSearchTerms, caseTsQuery, queryTerms, searchTerms } from './search-terms.ts';
export { suggestLinks } from './suggestions.ts';
export { caseAuditTrail, caseTimeline } from './timeline.ts';
