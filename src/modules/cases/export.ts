import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Executor } from '../../db/client.ts';
import { NATIONAL_CODE, type Viewer } from '../org/index.ts';
import { formatZoned, ZonedClock } from './import/dates.ts';
import { type CaseExportRow, type CaseFilters, iterateCasesForExport } from './queries.ts';

/** The columns of an export: the import's cases columns, so an exported file imports again. */
export const EXPORT_COLUMNS = [
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
  'dismissed_at',
  'dismissal_reason',
  'supervision',
  'loss_amount',
  'campaigns',
  'summary',
  'status',
] as const;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A row to export: what the list's export iterator yields (dismissal and status may be absent in hand-made rows). */
export type ExportCaseRow = Omit<CaseExportRow, 'dismissedAt' | 'dismissalReason' | 'status'> &
  Partial<Pick<CaseExportRow, 'dismissedAt' | 'dismissalReason' | 'status'>>;

export type CaseRowSource = AsyncIterable<ExportCaseRow> | Iterable<ExportCaseRow>;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** `cases-20200603-1400.csv`, in the export's zone. */
export function exportFileName(format: ExportFormat, now: Date, timeZone = 'Asia/Shanghai'): string {
  const stamp = formatZoned(now.getTime(), new ZonedClock(timeZone)).slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `cases-${stamp}.${format}`;
}

/**
 * Text a spreadsheet would take for a formula (`=…`, `+…`, `-…`, `@…`) is written with a leading
 * apostrophe in CSV, so opening an export in Excel never runs anything; the importer drops that
 * apostrophe again. XLSX cells are typed text and need no guard.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cells(row: ExportCaseRow, clock: ZonedClock): string[] {
  const at = (d: Date | null | undefined) => (d ? formatZoned(d.getTime(), clock) : '');
  return [
    row.caseNo,
    row.categoryCode,
    row.jurisdictionCode,
    row.title,
    at(row.occurredAt),
    at(row.reportedAt),
    at(row.filedAt),
    at(row.solvedAt),
    at(row.prosecutedAt),
    at(row.closedAt),
    at(row.dismissedAt),
    row.dismissalReason ?? '',
    row.supervision,
    row.lossAmount ?? '',
    row.campaignCodes.join(';'),
    row.summary,
    row.status ?? '',
  ];
}

async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * Writes cases as CSV (UTF-8 with a BOM, so Excel shows Chinese correctly) or XLSX (one sheet,
 * header in row 1), dates as ISO 8601 with the zone's offset, text cells as text. Returns the
 * number of cases written; does not end `out` for CSV, ends it for XLSX (the zip must be closed).
 */
export async function writeCasesExport(
  rows: CaseRowSource,
  format: ExportFormat,
  out: Writable,
  options: { timeZone?: string } = {},
): Promise<number> {
  const clock = new ZonedClock(options.timeZone ?? 'Asia/Shanghai');
  let count = 0;
  if (format === 'csv') {
    await write(out, Buffer.from([0xef, 0xbb, 0xbf]));
    await write(out, stringify([[...EXPORT_COLUMNS]]));
    let batch: string[][] = [];
    for await (const row of rows) {
      batch.push(cells(row, clock).map(guardFormula));
      count++;
      if (batch.length >= 1000) {
        await write(out, stringify(batch));
        batch = [];
      }
    }
    if (batch.length) await write(out, stringify(batch));
    return count;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('cases');
  sheet.addRow([...EXPORT_COLUMNS]).commit();
  for await (const row of rows) {
    sheet.addRow(cells(row, clock)).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/** The command line sees every case, as the national level does. */
export const CLI_VIEWER: Viewer = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'cli',
  roles: ['admin'],
  agencyId: '00000000-0000-0000-0000-000000000000',
  agencyKind: 'public_security',
  jurisdictionCode: NATIONAL_CODE,
  jurisdictionLevel: 'national',
};

/** Where exported rows come from: by default the case list's own export query (same filters and scope). */
export type CaseExportSource = (db: Executor, viewer: Viewer, filters: CaseFilters) => CaseRowSource;

export const defaultCaseExportSource: CaseExportSource = (db, viewer, filters) => iterateCasesForExport(db, viewer, filters);
