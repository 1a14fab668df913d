import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { screenListings } from '../../src/modules/matching/index.ts';
import type { PhotoStore } from '../../src/modules/relics/index.ts';

/** A job folder's job.json, as screening-jobs.ts writes it (before the batch is recorded). */
export interface JobFile { userId: string; threshold: string; listings: string; images: string; fileName: string }

/**
 * What a screening job leaves behind when its process stops after `stopAfter` listings: the batch and its listings
 * recorded, job.json naming the batch (as screening-jobs.ts writes it once the batch is recorded), the remaining
 * listings pending, and the upload still in `folder`. Returns the batch id.
 */
export async function screenUntilStopped(db: Db, folder: string, job: JobFile, stopAfter: number, photoStore?: PhotoStore): Promise<string> {
  fs.writeFileSync(path.join(folder, 'job.json'), JSON.stringify(job));
  let batchId = '';
  await expect(screenListings(db, {
    file: path.join(folder, job.listings), images: path.join(folder, job.images), photoStore,
    onBatch: (b) => {
      batchId = b.batchId;
      fs.writeFileSync(path.join(folder, 'job.json'), JSON.stringify({ ...job, batchId }));
    },
    onProgress: ({ done }) => {
      if (done === stopAfter) throw new Error('stopped');
    },
  })).rejects.toThrow('stopped');
  return batchId;
}
