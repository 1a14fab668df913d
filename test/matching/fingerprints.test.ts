import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../src/core/errors.ts';
import { createJobQueue } from '../../src/modules/jobs/index.ts';
import { fingerprintJob, fingerprintPhoto, fingerprintStatus, queueFingerprints, searchByPhoto, sha256Of } from '../../src/modules/matching/index.ts';
import { createTestDatabase, type TestDatabase, testDrivers } from '../support/db.ts';
import { rephotographed, scene } from './images.ts';

describe.each(testDrivers())('fingerprints in the database (%s)', (driver) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(driver);
  }, 300_000);
  afterAll(async () => {
    await test?.dispose();
  });

  it('stores fingerprints, finds a re-photographed registry photo at rank 1 with a strong verdict, and nothing for an unknown scene', async () => {
    const db = test.database.db;
    const photos = await Promise.all([20, 21, 22, 23].map((seed) => scene(seed)));
    for (const bytes of photos) await fingerprintPhoto(db, sha256Of(bytes), bytes);
    // Idempotent: the same photo again changes nothing.
    await fingerprintPhoto(db, sha256Of(photos[0]!), photos[0]!);

    const results = await searchByPhoto(db, await rephotographed(photos[2]!), { top: 3 });
    expect(results[0]).toMatchObject({ sha256: sha256Of(photos[2]!), verdict: 'strong' });
    expect(results[0]!.score).toBeGreaterThan(0.5);
    expect(results[0]!.regions.box).toHaveLength(4);

    const unknown = await searchByPhoto(db, await scene(99));
    expect(unknown.every((r) => r.verdict === 'none')).toBe(true);

    // The caller's filter (e.g. only published objects) hides a photo before ranking.
    const hidden = await searchByPhoto(db, await rephotographed(photos[2]!), { candidateFilter: (sha) => sha !== sha256Of(photos[2]!) });
    expect(hidden.find((r) => r.sha256 === sha256Of(photos[2]!))).toBeUndefined();
  }, 60_000);

  it('refuses bytes that do not match the sha256, and records a photo that is not an image as failed', async () => {
    const db = test.database.db;
    const bytes = await scene(30);
    await expect(fingerprintPhoto(db, sha256Of(Buffer.from('other')), bytes)).rejects.toMatchObject({ code: 'matching.sha256_mismatch' });
    await expect(fingerprintPhoto(db, 'not-a-hash', bytes)).rejects.toBeInstanceOf(DomainError);
    const text = Buffer.from('this is not a photo');
    await expect(fingerprintPhoto(db, sha256Of(text), text)).rejects.toMatchObject({ code: 'matching.not_an_image' });
    expect(await fingerprintStatus(db, sha256Of(text))).toMatchObject({ status: 'failed', errorCode: 'matching.not_an_image' });
  }, 60_000);

  it('fingerprints queued photos through the job queue, retries a missing file, and the new photo becomes searchable', async () => {
    const db = test.database.db;
    const good = await scene(40);
    const broken = (await scene(41)).subarray(0, 3000);
    const missing = sha256Of(Buffer.from('a photo whose file is gone'));
    const store = new Map([
      [sha256Of(good), good],
      [sha256Of(broken), broken],
    ]);
    const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-jobs-'));
    const queue = createJobQueue(test.database, { filesDir, pollingIntervalSeconds: 0.5 });
    queue.define(
      fingerprintJob(
        db,
        async (sha) => store.get(sha) ?? null,
        () => queue,
        { retrySeconds: 0 },
      ),
    );
    await queue.start();
    try {
      expect(await queueFingerprints(db, queue, [sha256Of(good), sha256Of(broken), missing, sha256Of(good)])).toEqual({ queued: 3 });
      const settled = async (sha: string, status: string) =>
        vi.waitFor(async () => expect(await fingerprintStatus(db, sha)).toMatchObject({ status }), { timeout: 60_000, interval: 50 });
      await settled(sha256Of(good), 'done');
      await settled(sha256Of(broken), 'failed');
      expect(await fingerprintStatus(db, sha256Of(broken))).toMatchObject({ errorCode: 'matching.image_truncated' });
      // The missing file is tried MAX_ATTEMPTS times (queued again after each), then failed.
      await settled(missing, 'failed');
      expect(await fingerprintStatus(db, missing)).toMatchObject({ errorCode: 'matching.photo_missing' });

      // Queuing again leaves done photos alone.
      expect(await queueFingerprints(db, queue, [sha256Of(good)])).toEqual({ queued: 0 });
      const results = await searchByPhoto(db, await rephotographed(good), { top: 1 });
      expect(results[0]).toMatchObject({ sha256: sha256Of(good), verdict: 'strong' });
    } finally {
      await queue.stop();
      fs.rmSync(filesDir, { recursive: true, force: true });
    }
  }, 60_000);
});
