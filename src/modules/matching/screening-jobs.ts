// Screening batches run as server jobs: an upload is kept in a job folder, the batch starts and the caller gets its id
// at once; progress and the summary are read while it runs. The batch and its listings are recorded in the database
// before any is screened (screening.ts), each listing in its own statement, so a job that dies with the process is
// picked up again at the next start (its folder is still there) or when the same file is uploaded again, and goes on
// with the listings still pending.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { DomainError } from '../../core/errors.ts';
import { appendAudit, type Actor } from '../audit/index.ts';
import type { PhotoStore } from '../relics/index.ts';
import { lazyQueryPool, type LazyQueryPool } from './pool.ts';
import { screenListings, type ReviewThreshold, type ScreeningSummary } from './screening.ts';
import { screeningBatches } from './schema.ts';

export interface ScreeningJobStatus {
  batchId: string;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  percent: number;
  summary: ScreeningSummary | null;
  /** For a failed job: what went wrong (a message code). */
  errorCode: string | null;
  /** The values its message names (a path, a limit, a detail). */
  errorParams?: Record<string, string | number>;
}

interface JobFile {
  userId: string; threshold: ReviewThreshold; listings: string; images: string | null; fileName: string;
  /** Written once the batch is recorded: only a folder whose batch is in this database is resumed by it. */
  batchId?: string;
}

interface Entry { userId: string; status: ScreeningJobStatus }

export interface ScreeningJobs {
  /** A new job folder to write the upload into. */
  prepare(): string;
  /**
   * Starts screening the upload in `folder` (the listings file, and the images zip or null): resolves with the batch
   * once it and its listings are recorded (a file that cannot be read rejects with its DomainError, and the folder
   * is removed); the screening goes on in the background.
   */
  start(folder: string, upload: { listings: string; images: string | null; fileName: string; threshold: ReviewThreshold }, actor: Actor): Promise<ScreeningJobStatus>;
  /** The job's progress for the user who started it; undefined for anyone else, or an unknown batch. */
  status(batchId: string, userId: string): ScreeningJobStatus | undefined;
  /** Picks up the jobs a previous process left unfinished. */
  resume(): Promise<number>;
  /** Waits for the running jobs to stop at their next listing, and ends the worker threads. */
  close(): Promise<void>;
}

export interface ScreeningJobsOptions {
  /** Where uploads are kept while their batch runs. */
  dir: string;
  photoStore: PhotoStore;
  /** Worker threads of the pool (default: one per core); 0 screens on the main thread. Ignored when `pool` is given. */
  workers?: number;
  /** A pool shared with others (the server's searches by photo): used, not closed, by these jobs. */
  pool?: LazyQueryPool;
  onError?: (error: unknown) => void;
}

const JOB_FILE = 'job.json';
const KEEP_FINISHED_MS = 60 * 60 * 1000;
const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;

export function screeningJobs(db: Db, options: ScreeningJobsOptions): ScreeningJobs {
  const entries = new Map<string, Entry>();
  const running = new Set<Promise<unknown>>();
  const pool = options.pool ?? lazyQueryPool(options.workers);
  const ownsPool = !options.pool;
  let closing = false;
  const key = (batchId: string, userId: string) => `${batchId}:${userId}`;
  /** A finished job's status is kept an hour for the page that follows it. */
  const forgetLater = (entry: Entry) => {
    const k = key(entry.status.batchId, entry.userId);
    setTimeout(() => {
      if (entries.get(k) === entry) entries.delete(k);
    }, KEEP_FINISHED_MS).unref();
  };

  const run = (folder: string, job: JobFile, audit?: Actor): Promise<ScreeningJobStatus> => new Promise((resolveStart, rejectStart) => {
    let entry: Entry | undefined;
    const work = screenListings(db, {
      file: path.join(folder, job.listings), images: job.images ? path.join(folder, job.images) : fs.mkdtempSync(path.join(folder, 'no-images-')),
      threshold: job.threshold, pool: pool.get(), photoStore: options.photoStore,
      onBatch: ({ batchId, total }) => {
        if (job.batchId !== batchId) fs.writeFileSync(path.join(folder, JOB_FILE), JSON.stringify({ ...job, batchId }));
        const status: ScreeningJobStatus = { batchId, state: 'running', done: 0, total, percent: 0, summary: null, errorCode: null };
        entry = { userId: job.userId, status };
        entries.set(key(batchId, job.userId), entry);
        const started = { ...status };
        if (!audit) {
          resolveStart(started);
          return;
        }
        db.transaction((tx) => appendAudit(tx, audit, {
          action: 'matching.screening.start', entityType: 'screening_batch', entityId: batchId,
          after: { fileName: job.fileName, listingImages: total, threshold: job.threshold },
        })).then(() => resolveStart(started), rejectStart);
      },
      onProgress: ({ done, total }) => {
        if (!entry) return;
        entry.status.done = done;
        entry.status.total = total;
        entry.status.percent = total > 0 ? Math.floor((100 * done) / total) : 100;
      },
    }).then((summary) => {
      entry!.status = { ...entry!.status, state: 'done', percent: 100, summary };
      fs.rmSync(folder, { recursive: true, force: true });
      forgetLater(entry!);
    }, (error: unknown) => {
      if (!entry) {
        // Nothing was recorded: the file itself is at fault (or the database refused); the upload is not kept.
        fs.rmSync(folder, { recursive: true, force: true });
        rejectStart(error);
        return;
      }
      // The folder stays: the next start tries the batch again from its pending listings.
      entry.status = { ...entry.status, state: 'failed', errorCode: error instanceof DomainError ? error.code : 'matching.screening_failed', errorParams: error instanceof DomainError ? error.params : {} };
      forgetLater(entry);
      options.onError?.(error);
    }).finally(() => running.delete(work));
    running.add(work);
  });

  return {
    prepare() {
      const folder = path.join(options.dir, randomUUID());
      fs.mkdirSync(folder, { recursive: true });
      return folder;
    },
    async start(folder, upload, actor) {
      if (closing) throw new Error('screening jobs are closing');
      const job: JobFile = { userId: actor.userId ?? '', threshold: upload.threshold, listings: path.basename(upload.listings), images: upload.images ? path.basename(upload.images) : null, fileName: upload.fileName };
      fs.writeFileSync(path.join(folder, JOB_FILE), JSON.stringify(job));
      return run(folder, job, actor);
    },
    status(batchId, userId) {
      const entry = entries.get(key(batchId, userId));
      return entry ? { ...entry.status } : undefined;
    },
    async resume() {
      if (!fs.existsSync(options.dir)) return 0;
      let resumed = 0;
      for (const name of fs.readdirSync(options.dir)) {
        const folder = path.join(options.dir, name);
        let job: JobFile | undefined;
        try {
          job = JSON.parse(fs.readFileSync(path.join(folder, JOB_FILE), 'utf8')) as JobFile;
        } catch {
          job = undefined;
        }
        if (!job?.batchId) {
          // Never started (the upload was cut, or the file refused before a crash): nobody was told of a batch. Left
          // alone while an upload could still be under way.
          const age = Date.now() - fs.statSync(folder).mtimeMs;
          if (age > STALE_UPLOAD_MS) fs.rmSync(folder, { recursive: true, force: true });
          continue;
        }
        // The folder may belong to another database sharing the photo folder (a test run beside a server): only a
        // batch recorded here, and not finished, is this process's to resume.
        const [batch] = await db.select({ finishedAt: screeningBatches.finishedAt }).from(screeningBatches).where(eq(screeningBatches.id, job.batchId));
        if (!batch) continue;
        await run(folder, job).then(() => resumed++, (error: unknown) => options.onError?.(error));
      }
      return resumed;
    },
    async close() {
      closing = true;
      if (ownsPool) await pool.close();
      await Promise.allSettled([...running]);
    },
  };
}
