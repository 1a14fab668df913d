// Bulk import of cases, parties, property and gangs from CSV or XLSX (all-or-nothing on the server). The upload
// answers at once with a job id (the server imports in the background, on its job queue); the page follows the job
// until its report.
import { ApiError, request, upload } from './client';
import type { ResponseOf } from './schema';
import type { ImportKind, ImportReport } from './types';

export interface ImportProgress {
  /** 0–100 while the file is being sent. */
  onUploadProgress?: (percent: number) => void;
  /** The file is sent; the server is checking and importing it. */
  onUploaded?: () => void;
  /** 0–100 of the server's own work (reading, checking, writing, building indexes), as the job reports it. */
  onProcessing?: (percent: number) => void;
  signal?: AbortSignal;
}

/** The answer to an upload that started a job. */
export type StartedJob = ResponseOf<'/api/imports/{kind}', 'post'>;
/** An import job as its starter follows it. */
export type ImportJob = ResponseOf<'/api/imports/jobs/{id}'>;

interface FollowedJob<R> {
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: { percent: number };
  report: R | null;
  error: { code: string; message: string } | null;
}

const POLL_MS = 1000;

/**
 * Follows a job (GET `url`, once a second) until it is done: resolves with its report, rejects with an ApiError
 * carrying the job's error code and message when it failed, or an AbortError when `signal` aborts.
 */
export async function followJob<R>(url: string, onPercent?: (percent: number) => void, signal?: AbortSignal): Promise<R> {
  for (let wait = 200; ; wait = POLL_MS) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, wait);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(new DOMException('aborted', 'AbortError'));
        },
        { once: true },
      );
    });
    const job = await request<FollowedJob<R>>(url, { signal });
    onPercent?.(job.progress.percent);
    if (job.state === 'done' && job.report) return job.report;
    if (job.state === 'failed') throw new ApiError(200, job.error?.code ?? 'jobs.failed', job.error?.message ?? job.error?.code ?? 'failed');
  }
}

/** Uploads the file, then follows the import job to its report. */
export async function importFile(kind: ImportKind, file: File, dryRun: boolean, progress: ImportProgress = {}): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  const { onProcessing, ...rest } = progress;
  const started = await upload<StartedJob>(`/api/imports/${kind}`, form, { query: { dryRun }, ...rest });
  return followJob<ImportReport>(`/api/imports/jobs/${started.jobId}`, onProcessing, progress.signal);
}
