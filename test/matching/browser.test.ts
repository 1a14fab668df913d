// Browser test of search by photo: a published registry object (real photo from ../shared/data/photos/) is found by the
// public on /public/objects ("search by photo", on a phone) and by staff on /matching, with the matched region drawn.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { fingerprintPhoto, screenListings, sha256Of } from '../../src/modules/matching/index.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { completeObject } from '../relics/support.ts';
import { makeZip } from '../relics/zip.ts';
import { browserUnavailableReason, launchChromium, staffPage } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const PHOTO = path.resolve(process.cwd(), '../shared/data/photos/jade001_00.jpg');
const unavailable = browserUnavailableReason() ?? (fs.existsSync(PHOTO) ? null : `${PHOTO} is absent`);
if (unavailable) console.log(`skipping search-by-photo browser tests: ${unavailable}`);

describe.skipIf(unavailable)('search by photo in Chromium', () => {
  let test: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let browser: Browser;
  let baseUrl: string;
  let photoDir: string;
  let queryFile: string;
  let published: { id: string; publicationNo: string };
  const pageErrors: string[] = [];

  async function login(username: string) {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'lianfang-demo' }),
    });
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return (url: string, body: unknown) =>
      fetch(`${baseUrl}${url}`, {
        method: 'POST',
        headers:
          body instanceof FormData
            ? { cookie, 'x-csrf-token': csrfToken }
            : { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: body instanceof FormData ? body : JSON.stringify(body),
      });
  }

  beforeAll(async () => {
    photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-photos-'));
    test = await createTestDatabase('pglite');
    await seedDemo(test.database.db, 'test', { cases: false });
    app = await buildApp(loadConfig({ NODE_ENV: 'test' }, { photoDir }), test.database);
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();

    const heritage = await login('heritage.officer');
    const commander = await login('nmg.commander');
    const draft = (await (await heritage('/api/relics/objects', completeObject)).json()) as { id: string };
    const form = new FormData();
    const bytes = fs.readFileSync(PHOTO);
    form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'bowl.jpg');
    expect((await heritage(`/api/relics/objects/${draft.id}/photos`, form)).status).toBe(201);
    expect((await heritage(`/api/relics/objects/${draft.id}/transitions`, { action: 'submit' })).status).toBe(200);
    const approved = await commander(`/api/relics/objects/${draft.id}/transitions`, { action: 'approve' });
    expect(approved.status).toBe(200);
    published = (await approved.json()) as { id: string; publicationNo: string };
    // What the background worker does after the upload, done here at once.
    await fingerprintPhoto(test.database.db, sha256Of(bytes), bytes);

    const { width = 0, height = 0 } = await sharp(bytes).metadata();
    queryFile = path.join(photoDir, 'query.jpg');
    fs.writeFileSync(
      queryFile,
      await sharp(bytes)
        .extract({ left: Math.round(width * 0.1), top: Math.round(height * 0.15), width: Math.round(width * 0.7), height: Math.round(height * 0.7) })
        .resize({ width: 700 })
        .jpeg({ quality: 75 })
        .toBuffer(),
    );
    fs.writeFileSync(path.join(photoDir, 'listings.csv'), 'source,reference,title,images\nauction-house,LOT-9,Celadon bowl,query.jpg\n');
    expect((await screenListings(test.database.db, { file: path.join(photoDir, 'listings.csv'), images: photoDir })).queuedForReview).toBe(1);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await test?.dispose();
    if (photoDir) fs.rmSync(photoDir, { recursive: true, force: true });
  });

  it('the public finds the object by photo on a phone, without login', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phone.on('pageerror', (err) => pageErrors.push(err.message));
    await phone.goto(`${baseUrl}/public/objects`);
    await phone.getByTestId('photo-search').click();
    await phone.locator('.ant-modal input[type=file]').setInputFiles(queryFile);
    const results = phone.getByTestId('photo-search-results');
    await results.waitFor({ timeout: 60_000 });
    expect(await results.innerText()).toContain(published.publicationNo);
    expect(await results.locator('[data-testid="match-region"]').count()).toBeGreaterThan(0);
    await phone.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('staff find it on /matching, with score, verdict, the region drawn and a link to the object', async () => {
    const page = await staffPage(browser, baseUrl, 'heritage.officer', pageErrors);
    await page.goto(`${baseUrl}/matching`);
    await page.locator('input[type=file]').setInputFiles(queryFile);
    const results = page.getByTestId('match-results');
    await results.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('match-object-link').first().getAttribute('href')).toBe(`/relics/${published.id}`);
    expect(await page.getByTestId('match-verdict').first().innerText()).toMatch(/吻合|match/);
    expect(await page.locator('[data-testid="match-region"] polygon').count()).toBeGreaterThan(0);

    // The screening hit waits in the review queue, with the object; rejecting it empties the queue.
    await page.getByTestId('review-tab').click();
    const queue = page.getByTestId('review-queue');
    await queue.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="review-queue"]')?.textContent?.includes('LOT-9'));
    expect(await queue.innerText()).toContain('Celadon bowl');
    // The evidence side by side: the listing's words marked, the candidate found by photo and by text.
    await queue.locator('.ant-table-row-expand-icon').first().click();
    const evidence = page.getByTestId('review-evidence');
    await evidence.waitFor();
    expect(await evidence.locator('mark').allInnerTexts()).toEqual(expect.arrayContaining(['Celadon', 'bowl']));
    expect(await evidence.getByTestId('candidate-kind').first().innerText()).toMatch(/照片 \+ 文字|Photo \+ text/);
    await queue.getByRole('button', { name: /排除|Reject/ }).click();
    await page.getByText(/暂无待审核|No screening hits/).waitFor();
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('staff screen a listings file with an images zip in the browser, confirm the hit, and the bell shows the notification', async () => {
    const page = await staffPage(browser, baseUrl, 'nmg.commander', pageErrors);
    await page.goto(`${baseUrl}/matching`);
    await page.getByTestId('screening-tab').click();
    fs.writeFileSync(
      path.join(photoDir, 'upload.csv'),
      'source,reference,title,images\nonline-shop,SHOP-3,jade bowl,lot/shop3.jpg\nonline-shop,SHOP-4,vase,lot/missing.jpg\n',
    );
    fs.writeFileSync(path.join(photoDir, 'upload.zip'), makeZip([{ name: 'lot/shop3.jpg', data: fs.readFileSync(queryFile) }]));
    await page.getByTestId('screening-listings').locator('input[type=file]').setInputFiles(path.join(photoDir, 'upload.csv'));
    await page.getByTestId('screening-images').locator('input[type=file]').setInputFiles(path.join(photoDir, 'upload.zip'));
    await page.getByTestId('screening-run').click();
    // The upload returns at once; the page follows the server's progress until the summary is there.
    await page.getByTestId('screening-progress').or(page.getByTestId('screening-summary')).first().waitFor({ timeout: 60_000 });
    const summary = page.getByTestId('screening-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.innerText()).toMatch(/lot\/missing\.jpg[\s\S]*(找不到照片文件|cannot be found)/);
    // Leaving the tab and coming back follows the same batch from the server again: its summary is still there.
    await page.getByTestId('review-tab').click();
    await page.getByTestId('screening-tab').click();
    await page.getByTestId('screening-summary').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('screening-summary').innerText()).toMatch(/lot\/missing\.jpg/);

    await page.getByTestId('review-tab').click();
    const queue = page.getByTestId('review-queue');
    await page.waitForFunction(() => document.querySelector('[data-testid="review-queue"]')?.textContent?.includes('SHOP-3'));
    // The listing's own photo is kept for the reviewer and shows beside the registry photo.
    const row = queue.locator('tr', { hasText: 'SHOP-3' });
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-testid="review-listing-thumb"]')].some((img) => img.complete && img.naturalWidth > 0),
    );
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('review-registry-photo').first().waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-testid="review-listing-photo"] img')].some(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    );
    await row.getByRole('button', { name: /确认|Confirm/ }).click();
    await page
      .getByText(/线索|lead/i)
      .first()
      .waitFor();
    // The object's jurisdiction is notified: the bell's badge counts it, the list shows it.
    await page.reload();
    await page.getByTestId('app-shell').waitFor();
    await page.waitForFunction(() =>
      /\d/.test(document.querySelector('[data-testid="notification-bell"]')?.closest('.ant-badge')?.textContent ?? ''),
    );
    await page.getByTestId('notification-bell').click();
    const list = page.getByTestId('notification-list');
    await list.waitFor();
    expect(await list.innerText()).toContain('SHOP-3');
    await page.getByTestId('notification-item').first().click();
    await page.waitForURL(/\/(cases|relics)\//);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
