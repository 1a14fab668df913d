export * from './schema.ts';
export { DEFAULT_REPORT, checkDefinition } from './definition.ts';
export type { ReportDefinition, ReportFigure, ReportSection } from './definition.ts';
export { buildReport, reportText, fillTemplate, formatNumber, reportHeading } from './report.ts';
export type { Report, ReportRequest, RenderedSection } from './report.ts';
export { REPORT_FORMATS, renderReport, reportHtml, reportXlsx, reportPdf } from './render.ts';
export type { ReportFormat } from './render.ts';
export { publishReport, listPublishedReports, getPublishedReport } from './publish.ts';
export type { PublishedReport, PublishedFigure } from './publish.ts';
