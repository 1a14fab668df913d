// Bulk import of cases, parties, property and gangs from CSV or XLSX (all-or-nothing on the server).
import { request, upload } from './client';
import type { ResponseOf } from './schema';
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
export type ServerImportProgress = ResponseOf<'/api/imports/progress/{id}'>;

export function getImportProgress(progressId: string, signal?: AbortSignal): Promise<ServerImportProgress> {
  return request<ServerImportProgress>(`/api/imports/progress/${progressId}`, { signal });
}

/** A version-4 UUID (crypto.randomUUID exists only on https and localhost; getRandomValues everywhere). */
export function randomUuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Follows the server's own progress of an upload it is processing (reading, checking, writing,
 * building indexes), once a second, until the returned function is called.
 */
export function followImportProgress(progressId: string, onPercent: (percent: number) => void, signal?: AbortSignal): () => void {
  const timer = setInterval(() => {
    getImportProgress(progressId, signal).then(
      (p) => onPercent(p.percent),
      () => undefined, // not started yet, or already finished: the answer to the upload tells
    );
  }, 1000);
  return () => clearInterval(timer);
}

export function importFile(kind: ImportKind, file: File, dryRun: boolean, progress: ImportProgress = {}): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  const { progressId, ...rest } = progress;
  return upload<ImportReport>(`/api/imports/${kind}`, form, { query: { dryRun, ...(progressId ? { progressId } : {}) }, ...rest });
}
