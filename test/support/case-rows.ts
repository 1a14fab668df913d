// Rows of a case import file (docs/import-formats.md), for tests that build their own files.

export const CASE_HEADER = [
  'case_no',
  'category',
  'jurisdiction',
  'title',
  'occurred_at',
  'reported_at',
  'filed_at',
  'solved_at',
  'prosecuted_at',
  'closed_at',
  'supervision',
  'loss_amount',
  'campaigns',
  'summary',
];

const DEFAULTS: Record<string, string> = { category: 'relic.excavation', jurisdiction: '150100', reported_at: '2020-06-03' };

/** A valid case row under CASE_HEADER (an excavation case in Hohhot), with `over` replacing any cell. */
export const caseRow = (caseNo: string, over: Partial<Record<string, string>> = {}) =>
  CASE_HEADER.map((c) => over[c] ?? ({ ...DEFAULTS, case_no: caseNo, title: `盗掘古墓葬案 ${caseNo}` } as Record<string, string>)[c] ?? '');
