// Screening batches as server jobs: a batch left half-done when the process stopped is picked up again at the next
// start and finished from its pending listings; a failed job keeps its upload so that it can be.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { fingerprintPhoto, screeningListings, sha256Of } from '../../src/modules/matching/index.ts';
import { screeningJobs } from '../../src/modules/matching/screening-jobs.ts';
import { createTestDatabase, testDrivers, type TestDatabase } from '../support/db.ts';
import { rephotographed, scene } from './images.ts';
import { screenUntilStopped } from './jobs.ts';

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

  it('resumes a batch that stopped half-way at the next start, screening only what was left', async () => {
    const db = test.database.db;
    const dir = path.join(root, 'uploads');
    const options = { dir, photoStore: { dir: path.join(root, 'listing-photos') }, workers: 0 };
    const before = screeningJobs(db, options);
    const folder = before.prepare();
    fs.writeFileSync(path.join(folder, 'listings.csv'), ['source,reference,images', 'mkt,a,hit.jpg', 'mkt,b,s81.jpg', 'mkt,c,s82.jpg', 'mkt,d,s83.jpg', 'mkt,e,s84.jpg'].join('\n'));
    fs.cpSync(path.join(root, 'images'), path.join(folder, 'images'), { recursive: true });
    const job = { userId: 'u-1', threshold: 'possible', listings: 'listings.csv', images: 'images', fileName: 'listings.csv' };
    // The process "dies" after two listings: what was screened is recorded, the rest is pending, the upload stays.
    const batchId = await screenUntilStopped(db, folder, job, 2, options.photoStore);
    const statuses = async () => (await db.select({ status: screeningListings.status }).from(screeningListings).where(eq(screeningListings.batchId, batchId))).map((r) => r.status).sort();
    expect(await statuses()).toEqual(['pending', 'pending', 'pending', 'screened', 'screened']);

    // Beside it: the folder of a batch recorded in another database (a server sharing the photo folder), and an
    // upload still being written. Neither is this process's to resume or remove.
    const foreign = path.join(dir, 'foreign');
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, 'job.json'), JSON.stringify({ ...job, batchId: '00000000-0000-4000-8000-000000000000' }));
    const uploading = path.join(dir, 'uploading');
    fs.mkdirSync(uploading);

    const after = screeningJobs(db, options);
    expect(await after.resume()).toBe(1);
    expect(after.status(batchId, 'someone-else')).toBeUndefined();
    await vi.waitFor(() => expect(after.status(batchId, 'u-1')).toMatchObject({ state: 'done' }), { timeout: 60_000, interval: 50 });
    expect(after.status(batchId, 'u-1')).toMatchObject({ done: 5, total: 5, percent: 100, summary: { batchId, listingImages: 5, screened: 3, alreadyScreened: 0 } });
    expect(await statuses()).toEqual(['screened', 'screened', 'screened', 'screened', 'screened']);
    // The hit's photo was kept for the reviewer, and the upload is gone once the batch is done.
    expect(fs.existsSync(path.join(root, 'listing-photos', 'web'))).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['foreign', 'uploading']);
    expect(await screeningJobs(db, options).resume()).toBe(0);
    await after.close();
    await before.close();
  }, 120_000);

  it('refuses a listings file it cannot use when starting, and keeps nothing of the upload', async () => {
    const jobs = screeningJobs(test.database.db, { dir: path.join(root, 'uploads2'), photoStore: { dir: path.join(root, 'listing-photos') }, workers: 0 });
    const folder = jobs.prepare();
    fs.writeFileSync(path.join(folder, 'l.csv'), 'title\nbowl\n');
    await expect(jobs.start(folder, { listings: path.join(folder, 'l.csv'), images: null, fileName: 'l.csv', threshold: 'possible' }, { userId: null, username: 'system' } as never))
      .rejects.toMatchObject({ code: 'matching.listings_missing_columns' });
    expect(fs.existsSync(folder)).toBe(false);
    await jobs.close();
  });
});
