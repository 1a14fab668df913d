// Browser test of the case pages: an investigator in Hohhot, in Chinese, records a case, files it
// (立案) and solves it (破案), then finds it in the list as 已破案 by searching its title.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserTestServer, browserUnavailableReason, staffPage, startBrowserTestServer } from '../support/browser.ts';
import { printTrafficOnFailure } from '../support/traffic.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.log(`skipping browser tests: ${unavailable}`);

const TITLE = '测试盗墓案';
const CATEGORY = '盗掘古文化遗址、古墓葬';

describe.skipIf(unavailable)('case pages in Chromium', () => {
  let server: BrowserTestServer;
  printTrafficOnFailure(() => server?.traffic);
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-shots-'));
  const pageErrors: string[] = [];
  /** Status codes (and times) of the transition requests answered, for the failure message of transition(). */
  const transitionAnswers: string[] = [];

  beforeAll(async () => {
    server = await startBrowserTestServer();
    ({ baseUrl, browser } = server);
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    server.traffic.watchPage(page);
    page.on('response', (response) => {
      if (response.url().endsWith('/transitions')) transitionAnswers.push(`${response.status()} at ${new Date().toISOString()}`);
    });
  }, 180_000);
  afterAll(() => server?.close());

  /** Waits until the page's h1 (lazy-loaded pages replace it a moment after the URL changes) reads `text`. */
  async function waitForTitle(text: string) {
    await page.waitForFunction((want) => document.querySelector('[data-testid="page-title"]')?.textContent === want, text);
  }

  /** Runs a lifecycle action from the case page and waits for the new status. */
  async function transition(action: string, expectedStatus: string) {
    await page.getByTestId(`case-action-${action}`).click();
    const confirm = page.getByTestId('transition-confirm');
    const answersBefore = transitionAnswers.length;
    await confirm.click();
    // A confirm click that sends nothing (no request, no error, modal still open) was seen in 2 of 5 full runs under
    // load, never reproduced alone: click once more, as a person would, and say so in the log.
    const sent = await page
      .waitForResponse((r) => r.url().endsWith('/transitions'), { timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (!sent && transitionAnswers.length === answersBefore && (await confirm.isVisible().catch(() => false))) {
      console.log(`${action}: the first confirm click sent no request; clicking again`);
      await confirm.click();
    }
    try {
      await page.waitForFunction((text) => document.querySelector('[data-testid="case-status"]')?.textContent === text, expectedStatus, {
        timeout: 15_000,
      });
    } catch (err) {
      // Say why: a refusal from the server shows in the modal; a field it did not accept shows under the field; and
      // whether the request was answered at all, and what the page shows instead (this step failed under load in CI).
      const shown = await page
        .getByTestId('transition-error')
        .textContent({ timeout: 1_000 })
        .catch(() => null);
      const fieldErrors = await page
        .locator('[data-testid="transition-modal"] .ant-form-item-explain-error')
        .allTextContents()
        .catch(() => []);
      const status = await page
        .getByTestId('case-status')
        .textContent({ timeout: 1_000 })
        .catch(() => null);
      const modalOpen = await page
        .getByTestId('transition-confirm')
        .isVisible()
        .catch(() => false);
      throw new Error(
        `${action}: status did not become ${expectedStatus}; modal says ${JSON.stringify(shown)}, field errors ${JSON.stringify(fieldErrors)}, ` +
          `transition answers ${JSON.stringify(transitionAnswers)}, status shown ${JSON.stringify(status)}, modal open ${modalOpen}`,
        { cause: err },
      );
    }
    // The next action reuses the same modal: let this one finish closing first, as a person would.
    await confirm.waitFor({ state: 'detached' });
  }

  it('files and solves a new case and finds it in the list as 已破案', async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login/);
    await page.fill('#username', 'hohhot.investigator');
    await page.fill('#password', 'lianfang-demo');
    await page.click('[data-testid="login-submit"]');
    await page.getByTestId('app-shell').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    // 案件 → 新建案件
    await page.getByTestId('nav-cases').click();
    await page.waitForURL(/\/cases$/);
    await waitForTitle('案件');
    await page.getByTestId('cases-table').waitFor();
    await page.getByTestId('case-new').click();
    await page.waitForURL(/\/cases\/new$/);
    await waitForTitle('新建案件');

    // Submitting the empty form shows the client-side messages in Chinese.
    await page.getByTestId('case-submit').click();
    await page.getByText('请选择案件类别').waitFor();
    await page.getByText('请输入案件名称').waitFor();

    // Category from the tree (searched), jurisdiction defaults to the user's (Hohhot), title.
    await page.locator('#categoryCode').click();
    await page.locator('#categoryCode').fill('盗掘');
    await page.locator('.ant-select-tree-title', { hasText: CATEGORY }).click();
    await expect(page.locator('.ant-form-item:has(#jurisdictionCode)').textContent()).resolves.toContain('呼和浩特市');
    await page.fill('#title', TITLE);
    await page.fill('#summary', '某古墓葬遭盗掘，现场发现盗洞一处。');
    await page.getByTestId('case-submit').click();

    // The case page: 已报案 → 立案 → 破案.
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByTestId('case-header').waitFor();
    await waitForTitle(TITLE);
    await expect(page.getByTestId('case-status').textContent()).resolves.toBe('已报案');
    const caseNo = (await page.getByTestId('case-no').innerText()).trim();
    expect(caseNo).not.toBe('');
    await expect(page.getByTestId('case-summary').textContent()).resolves.toContain(CATEGORY);

    await transition('file', '已立案');
    await transition('solve', '已破案');
    expect(await page.getByTestId('case-action-solve').count()).toBe(0);

    // The timeline shows both steps.
    await page.getByTestId('case-tab-timeline').click();
    await page.getByTestId('case-timeline').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-entry"][data-kind="solved"]').length === 1);
    const timeline = await page.getByTestId('case-timeline').textContent();
    expect(timeline).toContain('立案');
    expect(timeline).toContain('破案');
    const caseShot = path.join(shots, 'case-page-zh-CN.png');
    await page.screenshot({ path: caseShot, fullPage: true });

    // Back to the list, search by title: the case is there as 已破案.
    await page.getByTestId('nav-cases').click();
    await page.waitForURL(/\/cases$/);
    const search = page.locator('input[data-testid="cases-search"], [data-testid="cases-search"] input').first();
    await search.fill(TITLE);
    await search.press('Enter');
    await page.waitForURL(/[?&]q=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get('q') ?? '')).toBe(TITLE);
    const row = page.locator('[data-testid="cases-table"] tr.ant-table-row', { hasText: caseNo });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(TITLE);
    await expect(row.locator('[data-testid="case-row-status"]').textContent()).resolves.toBe('已破案');
    const listShot = path.join(shots, 'case-list-zh-CN.png');
    await page.screenshot({ path: listShot, fullPage: true });
    for (const shot of [caseShot, listShot]) expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
    console.log(`screenshots: ${caseShot} ${listShot}`);

    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the national commander finds a campaign by its name, extends it, and sees the extension in its history', async () => {
    const commander = await staffPage(browser, baseUrl, 'admin', pageErrors, server.traffic);
    await commander.goto(`${baseUrl}/campaigns`);
    const row = commander.locator('tr.ant-table-row', { hasText: '常态化扫黑除恶斗争' });
    await row.waitFor();
    await expect(row.textContent()).resolves.not.toContain('sweep-gangs');
    await row.getByRole('link').click();
    await commander.waitForURL(/\/campaigns\/sweep-gangs$/);
    await commander.getByTestId('campaign-extend').click();
    for (const [field, value] of [
      ['newEndsOn', '2028-12-31'],
      ['decidedOn', '2026-11-30'],
    ] as const) {
      await commander.fill(`#extension_${field}`, value);
      await commander.press(`#extension_${field}`, 'Enter');
    }
    await commander.fill('#extension_reason', '成效显著，延长一年');
    await commander.getByTestId('campaign-extend-ok').click();
    await commander.getByText('2026-11-30 决定延期：2027-12-31 → 2028-12-31。理由：成效显著，延长一年').waitFor();
    await commander.getByText('2021-01-01 – 2028-12-31').waitFor();
    await commander.getByTestId('campaign-member-cases').click();
    await commander.waitForURL(/\/cases\?campaign=sweep-gangs/);
    expect(pageErrors).toEqual([]);
    await commander.close();
  }, 120_000);
});
