// Screening batches run as jobs of the one queue (module jobs): the upload is kept in the job's folder, the batch and
// its listings are recorded before the caller gets its id (a file that cannot be read is refused then), and a worker
// screens the listings. Each listing is written in its own statement (screening.ts), so a job stopped with its server
// runs again at the next start and goes on with the listings still pending; progress and the summary are stored with
// the job for the user who started it.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import type { JobDefinition, JobQueue, JobStatus } from '../jobs/index.ts';
import type { PhotoStore } from '../relics/index.ts';
import type { LazyQueryPool } from './pool.ts';
import { type ReviewThreshold, recordScreeningBatch, type ScreeningProgress, type ScreeningSummary, screenListings } from './screening.ts';

export const SCREENING_QUEUE = 'matching.screening';

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

/** What the job carries: file names inside its folder. */
interface ScreeningJob {
  batchId: string;
  total: number;
  listings: string;
  images: string | null;
  threshold: ReviewThreshold;
}

export function screeningJob(db: Db, options: { photoStore: PhotoStore; pool: LazyQueryPool }): JobDefinition<ScreeningJob, ScreeningSummary> {
  return {
    queue: SCREENING_QUEUE,
    followed: true,
    run({ data, folder, progress, signal }) {
      if (!folder) throw new Error(`screening job ${data.batchId} lost its upload`);
      // Without a zip the images folder is empty: every listing image reports that it cannot be found.
      const images = data.images ? path.join(folder, data.images) : fs.mkdtempSync(path.join(folder, 'no-images-'));
      return screenListings(db, {
        file: path.join(folder, data.listings),
        images,
        threshold: data.threshold,
        pool: options.pool.get(),
        photoStore: options.photoStore,
        signal,
        onProgress: (p: ScreeningProgress) => progress(p),
      });
    },
  };
}

/**
 * Records the batch of the upload in the prepared job's folder and queues its screening: resolves once the batch and
 * its listings are recorded (a file that cannot be read rejects with its DomainError; the caller removes the folder).
 */
export async function startScreening(
  db: Db,
  queue: JobQueue,
  job: { id: string; folder: string },
  upload: { listings: string; images: string | null; fileName: string; threshold: ReviewThreshold },
  actor: Actor,
): Promise<ScreeningJobStatus> {
  const { batchId, total } = await recordScreeningBatch(db, {
    file: upload.listings,
    images: upload.images ?? fs.mkdtempSync(path.join(job.folder, 'no-images-')),
  });
  await db.transaction((tx) =>
    appendAudit(tx, actor, {
      action: 'matching.screening.start',
      entityType: 'screening_batch',
      entityId: batchId,
      after: { fileName: upload.fileName, listingImages: total, threshold: upload.threshold },
    }),
  );
  const data: ScreeningJob = {
    batchId,
    total,
    listings: path.basename(upload.listings),
    images: upload.images ? path.basename(upload.images) : null,
    threshold: upload.threshold,
  };
  await queue.enqueue(SCREENING_QUEUE, data, { id: job.id, userId: actor.userId ?? '', subjectId: batchId, progress: { done: 0, total } });
  return { batchId, state: 'running', done: 0, total, percent: 0, summary: null, errorCode: null };
}

const statusOf = (batchId: string, job: JobStatus): ScreeningJobStatus => {
  const p = (job.progress ?? {}) as Partial<ScreeningProgress>;
  const summary = job.state === 'done' ? (job.result as ScreeningSummary) : null;
  const total = summary?.listingImages ?? p.total ?? 0;
  const done = job.state === 'done' ? total : (p.done ?? 0);
  return {
    batchId,
    state: job.state === 'queued' ? 'running' : job.state,
    done,
    total,
    percent: job.state === 'done' ? 100 : total > 0 ? Math.floor((100 * done) / total) : 0,
    summary,
    // An internal failure says what the user can do: the same file again goes on with the listings not yet screened.
    errorCode: job.error ? (job.error.code.startsWith('jobs.') ? 'matching.screening_failed' : job.error.code) : null,
    errorParams: job.error?.params ?? {},
  };
};

/** The newest screening job of this user for the batch; undefined for anyone else, or an unknown batch. */
export async function screeningStatus(queue: JobQueue, batchId: string, userId: string): Promise<ScreeningJobStatus | undefined> {
  const job = await queue.statusBySubject(SCREENING_QUEUE, batchId, userId);
  return job ? statusOf(batchId, job) : undefined;
}
