// Screening batches as jobs of the one queue: a batch recorded and queued, then left by a process that stopped, is
// screened by the next process from its pending listings; the summary is stored with the job for its starter only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createJobQueue, type JobQueue } from '../../src/modules/jobs/index.ts';
import {
  fingerprintPhoto,
  lazyQueryPool,
  screeningJob,
  screeningListings,
  screeningStatus,
  sha256Of,
  startScreening,
} from '../../src/modules/matching/index.ts';
import { createTestDatabase, type TestDatabase, testDrivers } from '../support/db.ts';
import { rephotographed, scene } from './images.ts';

const USER = '00000000-0000-4000-8000-0000000000a1';
const OTHER = '00000000-0000-4000-8000-0000000000b2';

describe.each(testDrivers())('screening jobs (%s)', (driver) => {
  let test: TestDatabase;
  let root: string;
  beforeAll(async () => {
    test = await createTestDatabase(driver);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-jobs-'));
    const stolen = await scene(80);
    await fingerprintPhoto(test.database.db, sha256Of(stolen), stolen);
    fs.mkdirSync(path.join(root, 'images'));
    fs.writeFileSync(path.join(root, 'images/hit.jpg'), await rephotographed(stolen));
    for (const seed of [81, 82, 83, 84]) fs.writeFileSync(path.join(root, `images/s${seed}.jpg`), await scene(seed));
  }, 300_000);
  afterAll(async () => {
    await test?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const queueOf = (work: boolean): JobQueue => {
    const queue = createJobQueue(test.database, { filesDir: path.join(root, 'job-files'), work });
    queue.define(screeningJob(test.database.db, { photoStore: { dir: path.join(root, 'listing-photos') }, pool: lazyQueryPool(0) }));
    return queue;
  };

  it('runs a batch queued while no process worked the queue at the next start, once, and shows it to its starter only', async () => {
    const db = test.database.db;
    const sender = queueOf(false);
    const job = sender.prepare();
    fs.writeFileSync(
      path.join(job.folder, 'listings.csv'),
      ['source,reference,images', 'mkt,a,hit.jpg', 'mkt,b,s81.jpg', 'mkt,c,s82.jpg', 'mkt,d,s83.jpg', 'mkt,e,s84.jpg'].join('\n'),
    );
    fs.mkdirSync(path.join(job.folder, 'images'));
    fs.cpSync(path.join(root, 'images'), path.join(job.folder, 'images'), { recursive: true });
    const started = await startScreening(
      db,
      sender,
      job,
      {
        listings: path.join(job.folder, 'listings.csv'),
        images: path.join(job.folder, 'images'),
        fileName: 'listings.csv',
        threshold: 'possible',
      },
      { userId: USER, username: 'screener' },
    );
    const { batchId } = started;
    expect(started).toMatchObject({ state: 'running', done: 0, total: 5 });
    const statuses = async () =>
      (await db.select({ status: screeningListings.status }).from(screeningListings).where(eq(screeningListings.batchId, batchId)))
        .map((r) => r.status)
        .sort();
    expect(await statuses()).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
    expect(await screeningStatus(sender, batchId, USER)).toMatchObject({ state: 'running', done: 0, total: 5, percent: 0 });
    await sender.stop();
    expect(fs.existsSync(job.folder)).toBe(true);

    const worker = queueOf(true);
    await worker.start();
    try {
      expect(await screeningStatus(worker, batchId, OTHER)).toBeUndefined();
      await vi.waitFor(async () => expect(await screeningStatus(worker, batchId, USER)).toMatchObject({ state: 'done' }), {
        timeout: 60_000,
        interval: 50,
      });
      expect(await screeningStatus(worker, batchId, USER)).toMatchObject({
        done: 5,
        total: 5,
        percent: 100,
        summary: { batchId, listingImages: 5, screened: 5, alreadyScreened: 0, queuedForReview: 1 },
      });
      expect(await statuses()).toEqual(['screened', 'screened', 'screened', 'screened', 'screened']);
      // The hit's photo was kept for the reviewer, and the upload is gone once the batch is done.
      expect(fs.existsSync(path.join(root, 'listing-photos', 'web'))).toBe(true);
      expect(fs.existsSync(job.folder)).toBe(false);
    } finally {
      await worker.stop();
    }
  }, 120_000);

  it('refuses a listings file it cannot use when starting, and queues nothing', async () => {
    const queue = queueOf(false);
    const job = queue.prepare();
    fs.writeFileSync(path.join(job.folder, 'l.csv'), 'title\nbowl\n');
    await expect(
      startScreening(
        test.database.db,
        queue,
        job,
        { listings: path.join(job.folder, 'l.csv'), images: null, fileName: 'l.csv', threshold: 'possible' },
        { userId: USER, username: 'screener' },
      ),
    ).rejects.toMatchObject({ code: 'matching.listings_missing_columns' });
    queue.discard(job.id);
    expect(fs.existsSync(job.folder)).toBe(false);
    await queue.stop();
  });
});
