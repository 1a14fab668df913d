// Bulk import of cases, parties, property and gangs from CSV or XLSX (all-or-nothing on the server).
import { upload } from './client';
import type { ImportKind, ImportReport } from './types';

export interface ImportProgress {
  /** 0–100 while the file is being sent. */
  onUploadProgress?: (percent: number) => void;
  /** The file is sent; the server is checking and importing it. */
  onUploaded?: () => void;
  signal?: AbortSignal;
}

export function importFile(kind: ImportKind, file: File, dryRun: boolean, progress: ImportProgress = {}): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload<ImportReport>(`/api/imports/${kind}`, form, { query: { dryRun }, ...progress });
}
