// One reader for tabular files (CSV in UTF-8 or GBK/GB18030, XLSX), shared by every import.

export type { TabularFormat } from './detect.ts';
export { tabularError, tabularMessages } from './messages.ts';
export { openTabular } from './open.ts';
export type { TabularFile, TabularRow } from './types.ts';
export { cellText } from './xlsx.ts';
export type { XlsxVerdict } from './xlsx-limits.ts';
export { checkXlsxSizes, XLSX_LIMITS } from './xlsx-limits.ts';
