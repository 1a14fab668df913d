import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Of } from '../../src/modules/matching/index.ts';
import { runCli } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { rephotographed, scene } from './images.ts';

describe('lianfang match', () => {
  let test: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    test = await createTestDatabase('pglite');
    await test.database.close();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-match-'));
  }, 300_000);
  afterAll(async () => {
    await test?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fingerprints photo files, then prints the registry photo found in a re-photographed picture as JSON', async () => {
    const photos = [await scene(50), await scene(51)];
    photos.forEach((bytes, i) => fs.writeFileSync(path.join(dir, `registry-${i}.jpg`), bytes));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a photo');
    const added = await runCli(
      ['fingerprint', path.join(dir, 'registry-0.jpg'), path.join(dir, 'registry-1.jpg'), path.join(dir, 'notes.txt'), '--lang', 'en'],
      test.location,
    );
    expect(added.code).toBe(1);
    expect(added.stdout).toContain(sha256Of(photos[1]!));
    expect(added.stderr).toContain('notes.txt: The file is not an image');

    fs.writeFileSync(path.join(dir, 'listing.jpg'), await rephotographed(photos[1]!));
    const found = await runCli(['match', path.join(dir, 'listing.jpg'), '--top', '2', '--format', 'json'], test.location);
    expect(found.code).toBe(0);
    const rows = JSON.parse(found.stdout) as Array<Record<string, unknown>>;
    expect(rows[0]).toEqual({ object_ref: null, publication_no: null, score: expect.any(Number), verdict: 'strong', sha256: sha256Of(photos[1]!) });

    const broken = await runCli(['match', path.join(dir, 'notes.txt'), '--lang', 'zh'], test.location);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('文件不是可识别的图片');
  }, 120_000);

  it("lianfang screen --workers 2 screens a listings file in worker threads, prints the summary and keeps the hit's listing photo", async () => {
    const stolen = await scene(52);
    fs.writeFileSync(path.join(dir, 'stolen.jpg'), stolen);
    expect((await runCli(['fingerprint', path.join(dir, 'stolen.jpg')], test.location)).code).toBe(0);
    fs.mkdirSync(path.join(dir, 'lot'));
    const listing = await rephotographed(stolen);
    fs.writeFileSync(path.join(dir, 'lot/hit.jpg'), listing);
    fs.writeFileSync(path.join(dir, 'lot/other.jpg'), await scene(53));
    fs.writeFileSync(path.join(dir, 'screen.csv'), 'source,reference,title,images\nshop,S-1,bowl,hit.jpg\nshop,S-2,vase,other.jpg;gone.jpg\n');
    const photoDir = path.join(dir, 'photos');
    const run = await runCli(
      ['screen', path.join(dir, 'screen.csv'), '--images', path.join(dir, 'lot'), '--workers', '2', '--format', 'json', '--lang', 'en'],
      test.location,
      undefined,
      { LIANFANG_PHOTO_DIR: photoDir },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      listingImages: 3,
      screened: 2,
      queuedForReview: 1,
      errors: [{ row: 3, image: 'gone.jpg', code: 'matching.photo_missing' }],
    });
    expect(run.stderr).toMatch(/screened 3\/3 \(100%/);
    expect(fs.existsSync(path.join(photoDir, 'listings', 'web', sha256Of(listing).slice(0, 2), `${sha256Of(listing)}.jpg`))).toBe(true);
    const refused = await runCli(['screen', path.join(dir, 'screen.csv'), '--workers', '-1'], test.location);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('0–64');
  }, 120_000);
});
