// What the HTTP API shows of background jobs (module jobs): the shapes shared by the routes that start and follow them.
import { Type } from 'typebox';
import type { Lang } from '../core/errors.ts';
import type { ImportProgressView } from '../modules/imports/index.ts';
import { JOB_STATES, type JobStatus } from '../modules/jobs/index.ts';
import { translate } from './messages.ts';

export const JobId = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'the job id the upload answered with',
});
export const JobStateOut = Type.Enum(JOB_STATES, { description: 'queued → running → done or failed' });

/** The answer to an upload that started a job (202). */
export const JobAccepted = Type.Object({ jobId: Type.String(), state: JobStateOut });

/** A failed job: its error code and message (in the language of Accept-Language). */
export const JobError = Type.Object({ code: Type.String(), message: Type.String() });

export const ImportProgressOut = Type.Object({
  phase: Type.Enum(['queued', 'parse', 'validate', 'write', 'index', 'done']),
  /** The whole import (reading, checking, writing, building indexes), 0–100. */
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  rowsRead: Type.Integer(),
  rowsWritten: Type.Integer(),
});

/** An import job's progress as stored by the worker; before it starts `queued`, once finished `done` at 100 %. */
export function jobProgressOf(job: JobStatus, finished: { rowsRead: number; rowsWritten: number } | null) {
  const stored = job.progress as ImportProgressView | null;
  if (job.state === 'done' || job.state === 'failed') {
    return {
      phase: 'done' as const,
      percent: 100,
      rowsRead: finished?.rowsRead ?? stored?.rowsRead ?? 0,
      rowsWritten: finished?.rowsWritten ?? stored?.rowsWritten ?? 0,
    };
  }
  return stored ?? { phase: 'queued' as const, percent: 0, rowsRead: 0, rowsWritten: 0 };
}

export function jobErrorView(job: JobStatus, lang: Lang) {
  return job.error ? { code: job.error.code, message: translate(job.error.code, lang, job.error.params) } : null;
}
