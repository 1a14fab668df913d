import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideReview, fingerprintPhoto, reviewQueue, screenListings, sha256Of } from '../../src/modules/matching/index.ts';
import { createTestDatabase, testDrivers, type TestDatabase } from '../support/db.ts';
import { rephotographed, scene } from './images.ts';

describe.each(testDrivers())('market screening (%s)', (driver) => {
  let test: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    test = await createTestDatabase(driver);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-screen-'));
  }, 300_000);
  afterAll(async () => {
    await test?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('screens listings with per-listing errors, queues the hit for review, and re-screening the same listings is idempotent', async () => {
    const db = test.database.db;
    const stolen = await scene(60);
    await fingerprintPhoto(db, sha256Of(stolen), stolen);
    fs.mkdirSync(path.join(dir, 'img'));
    fs.writeFileSync(path.join(dir, 'img/hit.jpg'), await rephotographed(stolen));
    fs.writeFileSync(path.join(dir, 'img/other.jpg'), await scene(61));
    fs.writeFileSync(path.join(dir, 'img/cut.jpg'), (await scene(62)).subarray(0, 4000));
    fs.writeFileSync(path.join(dir, 'img/notes.jpg'), 'not an image');
    const csv = [
      'source,reference,title,description,price,date,seller,images',
      'xianyu,item-1,青玉碗 jade bowl,清代,38000,2026-11-01,古玩阁,img/hit.jpg',
      'xianyu,item-2,瓷瓶 vase,,1200,2026-11-02,someone,img/other.jpg;img/missing.jpg',
      'auction,lot-3,铜镜 mirror,,,2026-11-03,,img/cut.jpg|img/notes.jpg',
      'auction,,no reference,,,,,img/other.jpg',
      'auction,lot-5,escape,,,,,../../etc/passwd',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'listings.csv'), csv);

    const progress: number[] = [];
    const first = await screenListings(db, { file: path.join(dir, 'listings.csv'), imagesDir: path.join(dir), onProgress: (p) => progress.push(p.done) });
    expect(first).toMatchObject({ listingImages: 6, screened: 2, alreadyScreened: 0, queuedForReview: 1 });
    expect(first.errors.map((e) => `${e.row}:${e.image}:${e.code}`).sort()).toEqual([
      '3:img/missing.jpg:matching.photo_missing',
      '4:img/cut.jpg:matching.image_truncated',
      '4:img/notes.jpg:matching.not_an_image',
      '6:../../etc/passwd:matching.photo_missing',
    ]);
    expect(first.issues).toEqual([{ row: 5, column: 'reference', value: '', code: 'matching.listing_field_required' }]);
    expect(progress.at(-1)).toBe(6);

    const queue = await reviewQueue(db);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ source: 'xianyu', reference: 'item-1', bestSha256: sha256Of(stolen), bestVerdict: 'strong' });

    // The same file again resumes nothing and adds nothing; another file with the same listing skips it too.
    const again = await screenListings(db, { file: path.join(dir, 'listings.csv'), imagesDir: dir });
    expect(again).toMatchObject({ screened: 0, queuedForReview: 0 });
    fs.writeFileSync(path.join(dir, 'relisted.csv'), 'source,reference,images\nxianyu,item-1,img/hit.jpg\n');
    const relisted = await screenListings(db, { file: path.join(dir, 'relisted.csv'), imagesDir: dir });
    expect(relisted).toMatchObject({ listingImages: 1, screened: 0, alreadyScreened: 1 });
    expect(await reviewQueue(db)).toHaveLength(1);

    const leads: unknown[] = [];
    await decideReview(db, queue[0]!.id, 'confirmed', async (hit) => {
      leads.push(hit);
      return { caseId: 'case-1' };
    });
    expect(leads).toEqual([expect.objectContaining({ photoSha256: sha256Of(stolen), reference: 'item-1' })]);
    expect(await reviewQueue(db)).toHaveLength(0);
    await expect(decideReview(db, queue[0]!.id, 'rejected')).rejects.toMatchObject({ code: 'matching.review_not_found' });
  }, 120_000);

  it('refuses a listings file without the needed columns, or an empty one', async () => {
    const db = test.database.db;
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'title,price\nbowl,1\n');
    await expect(screenListings(db, { file: path.join(dir, 'bad.csv'), imagesDir: dir })).rejects.toMatchObject({ code: 'matching.listings_missing_columns' });
    fs.writeFileSync(path.join(dir, 'empty.csv'), '');
    await expect(screenListings(db, { file: path.join(dir, 'empty.csv'), imagesDir: dir })).rejects.toMatchObject({ code: 'matching.listings_empty' });
  }, 60_000);
});
