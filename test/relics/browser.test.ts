// Browser test of the registry: a heritage officer's draft is edited in the staff app (checked form,
// place picked from the jurisdiction tree), sent for review through the API, approved in the staff app by a commander in Chinese, then found by the public on /public/objects
// with the two-character query 玉碗, on a phone-sized screen, and opened.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserTestServer, browserUnavailableReason, staffPage, startBrowserTestServer } from '../support/browser.ts';
import { printTrafficOnFailure } from '../support/traffic.ts';
import { completeObject } from './support.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.log(`skipping browser tests: ${unavailable}`);

async function apiLogin(baseUrl: string, username: string) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'lianfang-demo' }),
  });
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
}

describe.skipIf(unavailable)('registry pages in Chromium', () => {
  let server: BrowserTestServer;
  printTrafficOnFailure(() => server?.traffic);
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startBrowserTestServer();
    ({ baseUrl, browser } = server);
  }, 180_000);
  afterAll(() => server?.close());

  it('publishes an object in the staff app and the public finds it in Chinese on a phone', async () => {
    const post = await apiLogin(baseUrl, 'heritage.officer');
    const draft = (await (await post('/api/relics/objects', completeObject)).json()) as { id: string };

    // The drafter edits the draft in the staff app: the place shows as names in a cascader, not a code;
    // a form without any title is refused in Chinese before anything is sent.
    const drafter = await staffPage(browser, baseUrl, 'heritage.officer', pageErrors, server.traffic);
    await drafter.goto(`${baseUrl}/relics/${draft.id}`);
    await drafter.getByTestId('relic-edit').click();
    const form = drafter.getByTestId('relic-edit-form');
    await form.waitFor();
    await drafter.waitForFunction(() => (document.querySelector('[data-testid="field-jurisdiction"]')?.textContent ?? '').includes('呼和浩特'));
    await drafter.fill('[data-testid="field-titleZh"]', '');
    await drafter.fill('[data-testid="field-titleEn"]', '');
    await drafter.getByTestId('relic-save').click();
    await drafter.getByText('请填写中文或英文名称').first().waitFor();
    await drafter.fill('[data-testid="field-titleZh"]', '青玉双耳碗');
    await drafter.fill('[data-testid="field-titleEn"]', 'Celadon jade bowl with two leaf handles');
    await drafter.getByTestId('relic-save').click();
    await drafter.getByTestId('relic-edit').waitFor();
    expect(await drafter.locator('body').innerText()).toContain('Celadon jade bowl with two leaf handles');
    await drafter.close();
    expect((await post(`/api/relics/objects/${draft.id}/transitions`, { action: 'submit' })).status).toBe(200);

    page = await staffPage(browser, baseUrl, 'nmg.commander', pageErrors, server.traffic);
    await page.goto(`${baseUrl}/relics/${draft.id}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="relic-status"]')?.textContent === '待审核');
    await page.getByTestId('relic-action-approve').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="relic-status"]')?.textContent === '已发布（被盗）');
    const publicationNo = (await page.getByTestId('relic-publication-no').innerText()).trim();
    expect(publicationNo).toMatch(/^CN-\d{4}-\d{6}$/);
    await page.close();

    // The public, on a phone, no login.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phone.on('pageerror', (err) => pageErrors.push(err.message));
    server.traffic.watchPage(phone, 'phone');
    await phone.goto(`${baseUrl}/public/objects`);
    const search = phone.locator('input[data-testid="public-search"], [data-testid="public-search"] input').first();
    await search.fill('玉碗');
    await search.press('Enter');
    await phone.waitForURL(/[?&]q=/);
    const result = phone.getByTestId('public-result').first();
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain('青玉双耳碗');
    await expect(result.textContent()).resolves.toContain(publicationNo);
    // The shared URL shows the same search.
    const shared = phone.url();
    await phone.goto(shared);
    await phone.getByTestId('public-result').first().waitFor();
    await result.click();
    await phone.waitForURL(new RegExp(`/public/objects/${publicationNo}$`));
    await phone.waitForFunction(() => document.querySelector('[data-testid="page-title"]')?.textContent === '青玉双耳碗');
    const body = await phone.locator('body').innerText();
    expect(body).toContain('乾隆年制');
    expect(body).not.toContain('张三');
    expect(body).not.toContain('NMG-1987-0042');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(400);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
