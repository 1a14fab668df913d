// The screening pool: decoding, features and verification in worker threads give exactly the results of the
// single-threaded path, for search by photo and for a whole screening batch (errors included).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintImage, fingerprintPhoto, screeningListings, screenListings, searchByPhoto, sha256Of } from '../../src/modules/matching/index.ts';
import { createQueryPool, type QueryPool } from '../../src/modules/matching/pool.ts';
import {
  assembleRanking,
  type RankOptions,
  type Shortlist,
  settledAt,
  verificationControl,
  verificationPlan,
  verifyClaimed,
  verifyShortlist,
} from '../../src/modules/matching/rank.ts';
import { createTestDatabase, type TestDatabase, testDrivers } from '../support/db.ts';
import { rephotographed, scene } from './images.ts';

describe.each(testDrivers())('screening pool (%s)', (driver) => {
  let test: TestDatabase;
  let pool: QueryPool;
  let dir: string;
  const registry: Buffer[] = [];
  beforeAll(async () => {
    test = await createTestDatabase(driver);
    pool = createQueryPool(2);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-pool-'));
    for (const seed of [70, 71, 72, 73, 74, 75]) {
      const bytes = await scene(seed);
      registry.push(bytes);
      await fingerprintPhoto(test.database.db, sha256Of(bytes), bytes);
    }
  }, 300_000);
  afterAll(async () => {
    await pool?.close();
    await test?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('search by photo in the pool returns exactly what the main thread returns, and the same error for a bad file', async () => {
    const db = test.database.db;
    const queries = [await rephotographed(registry[0]!), await rephotographed(registry[3]!), registry[5]!, await scene(90)];
    for (const query of queries) {
      const local = await searchByPhoto(db, query, { top: 5 });
      const pooled = await searchByPhoto(db, query, { top: 5 }, pool);
      expect(pooled).toEqual(local);
    }
    // The photos really are found (the comparison is not between two empty lists).
    expect((await searchByPhoto(db, queries[0]!, { top: 5 }, pool))[0]).toMatchObject({ sha256: sha256Of(registry[0]!), verdict: 'strong' });
    await expect(searchByPhoto(db, Buffer.from('not an image'), {}, pool)).rejects.toMatchObject({
      name: 'DomainError',
      code: 'matching.not_an_image',
    });
    await expect(searchByPhoto(db, registry[1]!.subarray(0, 3000), {}, pool)).rejects.toMatchObject({ code: 'matching.image_truncated' });
  }, 120_000);

  it('a batch screened with the pool records the same results, errors and summary as without', async () => {
    const db = test.database.db;
    const files: Record<string, Buffer> = {
      'a.jpg': await rephotographed(registry[0]!),
      'b.jpg': await rephotographed(registry[2]!),
      'c.jpg': await scene(91),
      'd.jpg': registry[4]!,
      'e.jpg': await rephotographed(registry[5]!),
      'cut.jpg': registry[1]!.subarray(0, 3000),
    };
    for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
    const csv = (source: string) =>
      [
        'source,reference,title,images',
        ...['a.jpg', 'b.jpg;c.jpg', 'd.jpg', 'e.jpg', 'cut.jpg', 'missing.jpg'].map((images, i) => `${source},lot-${i},bowl ${i},${images}`),
      ].join('\n');
    fs.writeFileSync(path.join(dir, 'single.csv'), csv('single'));
    fs.writeFileSync(path.join(dir, 'pooled.csv'), csv('pooled'));
    const progress: number[] = [];
    const single = await screenListings(db, { file: path.join(dir, 'single.csv'), images: dir });
    const pooled = await screenListings(db, { file: path.join(dir, 'pooled.csv'), images: dir, pool, onProgress: (p) => progress.push(p.done) });
    expect({ ...pooled, batchId: '' }).toEqual({ ...single, batchId: '' });
    expect(single).toMatchObject({ listingImages: 7, screened: 5, queuedForReview: 4 });
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const rows = async (batchId: string) =>
      (
        await db
          .select()
          .from(screeningListings)
          .where(eq(screeningListings.batchId, batchId))
          .orderBy(asc(screeningListings.rowNo), asc(screeningListings.imagePath))
      ).map((r) => ({
        row: r.rowNo,
        image: r.imagePath,
        status: r.status,
        error: r.errorCode,
        best: r.bestSha256,
        score: r.bestScore,
        verdict: r.bestVerdict,
        review: r.reviewStatus,
        candidates: r.candidates,
      }));
    expect(await rows(pooled.batchId)).toEqual(await rows(single.batchId));
  }, 180_000);
});

describe('one shortlist verified by several verifiers', () => {
  // Candidates in stage-one order: the query's own scene twice (under two keys, at positions 2 and 4), four others,
  // one without features; so early stopping can settle at either copy.
  let query: Awaited<ReturnType<typeof fingerprintImage>>;
  let shortlist: Shortlist;
  const variants: RankOptions[] = [
    {},
    { earlyStopInliers: Infinity },
    { earlyStopInliers: 15 },
    { verifyAtMost: 3 },
    { minSharedWords: 5 },
    { top: 3, earlyStopInliers: Infinity },
  ];
  beforeAll(async () => {
    const own = await scene(80);
    query = await fingerprintImage(await rephotographed(own), 'query');
    const features = new Map();
    const keys = ['other-81', 'other-82', 'own-a', 'other-83', 'own-b', 'other-84'];
    for (const key of keys) features.set(key, (await fingerprintImage(key.startsWith('own') ? own : await scene(Number(key.slice(6))))).features);
    shortlist = {
      candidates: [...keys.slice(0, 3), 'no-features', ...keys.slice(3)].map((key, i) => ({ key, score: 10 - i, shared: i === 1 ? 3 : 20 })),
      features,
    };
  }, 120_000);

  it('two verifiers claiming candidates from one counter give exactly the sequential ranking', async () => {
    for (const options of variants) {
      const sequential = await verifyShortlist(query, shortlist, options);
      const control = verificationControl(verificationPlan(shortlist, options).length, true);
      const parts = await Promise.all([verifyClaimed(query, shortlist, control, options), verifyClaimed(query, shortlist, control, options)]);
      expect(parts.every((part) => part.length > 0)).toBe(true); // both really verified something
      expect(assembleRanking(shortlist, parts.flat(), settledAt(control), options)).toEqual(sequential);
    }
    // The query's scene is found, strong, and the default early stop leaves the later copy unverified.
    const ranked = await verifyShortlist(query, shortlist);
    expect(ranked[0]).toMatchObject({ key: 'own-a', verdict: 'strong' });
    expect(ranked.find((r) => r.key === 'own-b')).toMatchObject({ verdict: 'none', inliers: 0 });
    expect((await verifyShortlist(query, shortlist, { earlyStopInliers: Infinity })).find((r) => r.key === 'own-b')).toMatchObject({
      verdict: 'strong',
    });
  }, 120_000);

  it('the pool splits one shortlist across its two workers and returns the sequential ranking', async () => {
    const pool = createQueryPool(2);
    try {
      for (const options of variants) expect(await pool.verify(query, shortlist, options)).toEqual(await verifyShortlist(query, shortlist, options));
      // Concurrent queries sharing the workers: each still gets its own ranking.
      const [first, second] = await Promise.all([pool.verify(query, shortlist, { earlyStopInliers: Infinity }), pool.verify(query, shortlist, {})]);
      expect(first).toEqual(await verifyShortlist(query, shortlist, { earlyStopInliers: Infinity }));
      expect(second).toEqual(await verifyShortlist(query, shortlist, {}));
    } finally {
      await pool.close();
    }
  }, 120_000);
});

describe('screening pool workers', () => {
  it('a worker that dies fails only its own task and is replaced; the pool goes on, and a closed pool refuses work', async () => {
    const pool = createQueryPool(1, { entry: new URL('./fixtures/crashing-worker.mjs', import.meta.url) });
    try {
      const [crashed, queued] = await Promise.allSettled([pool.fingerprint(new Uint8Array(1)), pool.fingerprint(new Uint8Array(5))]);
      expect(crashed).toMatchObject({ status: 'rejected', reason: { message: 'screening worker exited with code 3' } });
      expect(queued).toEqual({ status: 'fulfilled', value: 5 });
      expect(await pool.fingerprint(new Uint8Array(7))).toBe(7);
    } finally {
      await pool.close();
    }
    await expect(pool.fingerprint(new Uint8Array(2))).rejects.toThrow('the screening pool is closed');
  }, 60_000);
});
