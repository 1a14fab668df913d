// One reader for tabular files (CSV in UTF-8 or GBK/GB18030, XLSX), shared by every import.
export { openTabular } from './open.ts';
export type { TabularFile, TabularRow } from './types.ts';
export type { TabularFormat } from './detect.ts';
export { tabularMessages, tabularError } from './messages.ts';
export { cellText } from './xlsx.ts';
export { checkXlsxSizes, XLSX_LIMITS } from './xlsx-limits.ts';
export type { XlsxVerdict } from './xlsx-limits.ts';
