import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideReview, fingerprintPhoto, reviewQueue, screenListings, sha256Of } from '../../src/modules/matching/index.ts';
import { combineCandidates, evidenceTerms } from '../../src/modules/matching/text.ts';
import { makeZip } from '../relics/zip.ts';
import { createTestDatabase, type TestDatabase, testDrivers } from '../support/db.ts';
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
    const first = await screenListings(db, { file: path.join(dir, 'listings.csv'), images: dir, onProgress: (p) => progress.push(p.done) });
    expect(first).toMatchObject({ listingImages: 6, screened: 2, alreadyScreened: 0, queuedForReview: 1 });
    expect(first.errors.map((e) => `${e.row}:${e.image}:${e.code}`).sort()).toEqual([
      '3:img/missing.jpg:matching.photo_missing',
      '4:img/cut.jpg:matching.image_truncated',
      '4:img/notes.jpg:matching.not_an_image',
      '6:../../etc/passwd:matching.photo_missing',
    ]);
    expect(first.issues).toEqual([{ row: 5, column: 'reference', value: '', code: 'matching.listing_field_required' }]);
    expect(progress.at(-1)).toBe(6);

    const queue = await reviewQueue(db, sql`true`);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ source: 'xianyu', reference: 'item-1', bestSha256: sha256Of(stolen), bestVerdict: 'strong' });

    // The same file again resumes nothing and adds nothing; another file with the same listing skips it too.
    const again = await screenListings(db, { file: path.join(dir, 'listings.csv'), images: dir });
    expect(again).toMatchObject({ screened: 0, queuedForReview: 0 });
    fs.writeFileSync(path.join(dir, 'relisted.csv'), 'source,reference,images\nxianyu,item-1,img/hit.jpg\n');
    const relisted = await screenListings(db, { file: path.join(dir, 'relisted.csv'), images: dir });
    expect(relisted).toMatchObject({ listingImages: 1, screened: 0, alreadyScreened: 1 });
    expect(await reviewQueue(db, sql`true`)).toHaveLength(1);

    const leads: unknown[] = [];
    await decideReview(db, queue[0]!.id, 'confirmed', async (_tx, hit) => {
      leads.push(hit);
      return { caseId: 'case-1' };
    });
    expect(leads).toEqual([expect.objectContaining({ photoSha256: sha256Of(stolen), reference: 'item-1' })]);
    expect(await reviewQueue(db, sql`true`)).toHaveLength(0);
    await expect(decideReview(db, queue[0]!.id, 'rejected')).rejects.toMatchObject({ code: 'matching.review_not_found' });
  }, 120_000);

  it('refuses a listings file without the needed columns, or an empty one', async () => {
    const db = test.database.db;
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'title,price\nbowl,1\n');
    await expect(screenListings(db, { file: path.join(dir, 'bad.csv'), images: dir })).rejects.toMatchObject({
      code: 'matching.listings_missing_columns',
    });
    fs.writeFileSync(path.join(dir, 'empty.csv'), '');
    await expect(screenListings(db, { file: path.join(dir, 'empty.csv'), images: dir })).rejects.toMatchObject({ code: 'matching.listings_empty' });
  }, 60_000);

  it('takes the images from a zip; a listing whose image is not in it gets a per-listing error and the rest is screened', async () => {
    const db = test.database.db;
    const stolen = await scene(70);
    await fingerprintPhoto(db, sha256Of(stolen), stolen);
    const zipDir = path.join(dir, 'zipped');
    fs.mkdirSync(zipDir);
    fs.writeFileSync(
      path.join(zipDir, 'images.zip'),
      makeZip([
        { name: 'photos/lot-1.jpg', data: await rephotographed(stolen) },
        { name: 'photos/lot-2.jpg', data: await scene(71) },
      ]),
    );
    fs.writeFileSync(
      path.join(zipDir, 'listings.csv'),
      [
        'source,reference,title,images',
        'auction,Z-1,bowl,photos/lot-1.jpg',
        'auction,Z-2,vase,photos/lot-2.jpg',
        'auction,Z-3,mirror,photos/not-in-zip.jpg',
      ].join('\n'),
    );
    const summary = await screenListings(db, { file: path.join(zipDir, 'listings.csv'), images: path.join(zipDir, 'images.zip') });
    expect(summary).toMatchObject({ listingImages: 3, screened: 2 });
    expect(summary.errors).toEqual([{ row: 4, image: 'photos/not-in-zip.jpg', code: 'matching.photo_missing' }]);
    // (Z-2, another generated scene, may come out "possible": generated scenes share the same font's glyphs.)
    expect((await reviewQueue(db, sql`true`)).find((q) => q.reference === 'Z-1')).toMatchObject({
      bestSha256: sha256Of(stolen),
      bestVerdict: 'strong',
      candidates: [expect.objectContaining({ kind: 'photo', verdict: 'strong' })],
    });
    // The zip was expanded into a temporary folder that is gone afterwards.
    expect(
      fs
        .readdirSync(os.tmpdir())
        .filter((n) => n.startsWith('lianfang-zip-'))
        .every((n) => !fs.existsSync(path.join(os.tmpdir(), n, 'photos/lot-1.jpg'))),
    ).toBe(true);
  }, 120_000);

  it('an empty zip, or a zip with an unsafe path, gives every listing a clear error and the batch still finishes', async () => {
    const db = test.database.db;
    const zipDir = path.join(dir, 'empty');
    fs.mkdirSync(zipDir);
    fs.writeFileSync(path.join(zipDir, 'empty.zip'), makeZip([]));
    fs.writeFileSync(path.join(zipDir, 'listings.csv'), 'source,reference,images\nmarket,E-1,a.jpg\nmarket,E-2,b.jpg;c.jpg\n');
    const empty = await screenListings(db, { file: path.join(zipDir, 'listings.csv'), images: path.join(zipDir, 'empty.zip') });
    expect(empty).toMatchObject({ listingImages: 3, screened: 0, queuedForReview: 0 });
    expect(empty.errors.map((e) => `${e.row}:${e.image}:${e.code}`)).toEqual([
      '2:a.jpg:matching.images_zip_empty',
      '3:b.jpg:matching.images_zip_empty',
      '3:c.jpg:matching.images_zip_empty',
    ]);
    // Run again: nothing is screened twice and the errors are reported as recorded.
    const again = await screenListings(db, { file: path.join(zipDir, 'listings.csv'), images: path.join(zipDir, 'empty.zip') });
    expect(again.errors.map((e) => e.code)).toEqual(['matching.images_zip_empty', 'matching.images_zip_empty', 'matching.images_zip_empty']);

    fs.writeFileSync(path.join(zipDir, 'evil.zip'), makeZip([{ name: '../../evil.jpg', data: await scene(72) }]));
    fs.writeFileSync(path.join(zipDir, 'evil.csv'), 'source,reference,images\nmarket,V-1,evil.jpg\n');
    const evil = await screenListings(db, { file: path.join(zipDir, 'evil.csv'), images: path.join(zipDir, 'evil.zip') });
    expect(evil.errors).toEqual([{ row: 2, image: 'evil.jpg', code: 'relics.zip_unsafe_path' }]);
    expect(fs.existsSync(path.join(dir, 'evil.jpg'))).toBe(false);
  }, 60_000);
});

describe('text evidence of a listing', () => {
  it('finds Latin words and Chinese character pairs', () => {
    expect(evidenceTerms('Qing dynasty jade bowl 青玉碗 the')).toEqual(['qing', 'dynasty', 'jade', 'bowl', '青玉', '玉碗']);
  });

  it('joins photo and text candidates on the same object, labels text-only ones, and never makes text alone strong', () => {
    const photo = { sha256: 'a'.repeat(64), score: 0.7, verdict: 'strong' as const, inliers: 45, regions: { query: [], candidate: [], box: null } };
    const weak = { ...photo, sha256: 'b'.repeat(64), score: 0.1, verdict: 'none' as const, inliers: 2 };
    const texts = [
      { publicationNo: 'P-1', titleZh: '青玉碗', titleEn: 'Jade bowl', textScore: 0.3, words: ['jade', 'bowl', '青玉'], photos: ['a'.repeat(64)] },
      {
        publicationNo: 'P-2',
        titleZh: '玉璧',
        titleEn: 'Jade disc',
        textScore: 0.9,
        words: ['jade', 'disc', '玉璧', 'qing'],
        photos: ['c'.repeat(64)],
      },
      { publicationNo: 'P-3', titleZh: '玉', titleEn: 'Jade', textScore: 0.1, words: ['jade'], photos: [] },
    ];
    const combined = combineCandidates([photo, weak], texts);
    expect(combined.map((c) => [c.kind, c.publicationNo, c.verdict, c.verdictFrom])).toEqual([
      ['photo+text', 'P-1', 'strong', 'photo'],
      ['text', 'P-2', 'possible', 'text'],
      ['text', 'P-3', 'none', 'text'],
    ]);
    // A photo with no verdict of its own, on an object the words found: the words' verdict, never more.
    const onlyWords = combineCandidates([{ ...weak, sha256: 'c'.repeat(64) }], texts.slice(1, 2));
    expect(onlyWords).toEqual([expect.objectContaining({ kind: 'photo+text', verdict: 'possible', verdictFrom: 'text', inliers: 2 })]);
    expect(combined[0]!.words).toEqual(['jade', 'bowl', '青玉']);
    expect(combined[1]).toMatchObject({ sha256: 'c'.repeat(64), score: 0, inliers: 0 });
    expect(combined.some((c) => c.kind === 'text' && c.verdict === 'strong')).toBe(false);
  });
});
