// Bulk import of cases, parties, property and gangs from CSV or XLSX (all-or-nothing on the server).
import { request, upload } from './client';
import type { ImportKind, ImportReport } from './types';

export interface ImportProgress {
  /** 0–100 while the file is being sent. */
  onUploadProgress?: (percent: number) => void;
  /** The file is sent; the server is checking and importing it. */
  onUploaded?: () => void;
  signal?: AbortSignal;
  /** A UUID naming this import, so its processing can be followed with getImportProgress. */
  progressId?: string;
}

/** How far the server is with an import started with a progressId (reading, checking, writing, building indexes). */
export interface ServerImportProgress {
  phase: 'parse' | 'validate' | 'write' | 'index' | 'done';
  percent: number;
  rowsRead: number;
  rowsWritten: number;
}

export function getImportProgress(progressId: string, signal?: AbortSignal): Promise<ServerImportProgress> {
  return request<ServerImportProgress>(`/api/imports/progress/${progressId}`, { signal });
}

export function importFile(kind: ImportKind, file: File, dryRun: boolean, progress: ImportProgress = {}): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  const { progressId, ...rest } = progress;
  return upload<ImportReport>(`/api/imports/${kind}`, form, { query: { dryRun, ...(progressId ? { progressId } : {}) }, ...rest });
}
