import type { Actor } from '../../audit/index.ts';
import type { Viewer } from '../../org/index.ts';

import { IMPORT_KINDS, type ImportKind } from '../vocabulary.ts';

export { IMPORT_KINDS, type ImportKind };

export const isImportKind = (value: string): value is ImportKind => (IMPORT_KINDS as readonly string[]).includes(value);

/** One bad cell (or row, when column is null), with its reason as a code and in both languages. */
export interface ImportIssue {
  /** Line of the file (CSV) or sheet row (XLSX) where the record starts; the header is row 1. */
  row: number;
  column: string | null;
  /** The cell as read (trimmed; long values shortened). */
  value: string | null;
  code: string;
  params?: Record<string, string | number>;
  reasonZh: string;
  reasonEn: string;
}

export interface ImportWarning {
  code: string;
  params?: Record<string, string | number>;
  reasonZh: string;
  reasonEn: string;
}

export interface ImportReport {
  kind: ImportKind;
  fileName: string;
  format: 'csv' | 'xlsx';
  dryRun: boolean;
  /** The character encoding the file was read in: utf-8, gb18030 (which reads GBK and GB2312), utf-16le/be. */
  encoding: string;
  timeZone: string;
  sha256: string;
  /** Data rows read (the header and blank rows are not counted). */
  rows: number;
  /** Rows written: 0 when any row is bad or on a dry run. */
  imported: number;
  /** Every problem found, in file order (capped at maxErrors; errorCount is the full number). */
  errors: ImportIssue[];
  errorCount: number;
  warnings: ImportWarning[];
  durationMs: number;
}

/** `index`: a bulk import building its indexes and checking its keys once at the end (see bulk.ts). */
export type ImportPhase = 'parse' | 'validate' | 'write' | 'index';

/** parse counts bytes of the file read; validate and write count rows. */
export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface ImportOptions {
  kind: ImportKind;
  /** Shown in the report and the audit entry. */
  fileName: string;
  /** The file's content, or a path to read it from (one of the two). */
  bytes?: Uint8Array | undefined;
  path?: string | undefined;
  dryRun?: boolean | undefined;
  actor: Actor;
  /**
   * The signed-in importer. With a viewer, every row must lie within their jurisdiction subtree
   * and cases default to their agency; without one (the command line) nothing is scoped.
   */
  viewer?: Viewer | undefined;
  /** Zone of dates and times written without an offset (IANA name). Default Asia/Shanghai. */
  timeZone?: string | undefined;
  /** Agency of imported cases that name none, when there is no viewer (command line). */
  defaultAgencyId?: string | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
  /** Most errors listed in the report (all are counted). Default 100,000. */
  maxErrors?: number | undefined;
  /** Rows per validation batch and per write statement. Default 20,000. */
  batchSize?: number | undefined;
  /**
   * Rows from which a cases import runs in bulk mode (indexes and foreign keys rebuilt once at the
   * end, the table locked meanwhile; see bulk.ts) when it is also at least half the table's size.
   * Default 100,000; 0 turns bulk mode off.
   */
  bulkRows?: number | undefined;
  /**
   * Whether the statistics rollups (stats_daily, stats_monthly) of the rows written are collected
   * and applied once, set-based, at the end of the import's transaction instead of by the rollup
   * triggers after every statement (see stats/rollups.ts). Same rollups either way. Default true; false
   * is for benchmarks comparing the two.
   */
  deferRollups?: boolean | undefined;
  /**
   * Whether, on a PostgreSQL server, rows are written with COPY where the kind can (cases; see
   * db/copy.ts) instead of INSERT … SELECT from a JSON parameter. Same rows either way. Default
   * true; false is for tests and benchmarks comparing the two. (PGlite always writes JSON.)
   */
  copy?: boolean | undefined;
}
