import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserTestServer, browserUnavailableReason, startBrowserTestServer } from '../support/browser.ts';
import { printTrafficOnFailure } from '../support/traffic.ts';

const unavailable = browserUnavailableReason();
if (unavailable) console.log(`skipping browser tests: ${unavailable}`);

describe.skipIf(unavailable)('web app in Chromium', () => {
  let server: BrowserTestServer;
  printTrafficOnFailure(() => server?.traffic);
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-shots-'));

  beforeAll(async () => {
    server = await startBrowserTestServer();
    ({ baseUrl, browser } = server);
    page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    server.traffic.watchPage(page);
  });
  afterAll(() => server?.close());

  it('logs in as nmg.commander, shows the shell in Chinese, switches to English, and logs out', async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login/);
    await page.fill('#username', 'nmg.commander');
    await page.fill('#password', 'lianfang-demo');
    await page.click('[data-testid="login-submit"]');

    await page.getByTestId('app-shell').waitFor();
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('态势');
    const nav = page.getByTestId('nav-menu');
    await expect(nav.textContent()).resolves.toContain('案件');
    await expect(page.getByTestId('header-jurisdiction').textContent()).resolves.toContain('内蒙古自治区');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const zhShot = path.join(shots, 'shell-zh-CN.png');
    await page.screenshot({ path: zhShot, fullPage: true });

    await page.getByTestId('lang-en').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expect(nav.textContent()).resolves.toContain('Cases');
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('Dashboard');
    await expect(page.getByTestId('header-jurisdiction').textContent()).resolves.toContain('Inner Mongolia');
    const enShot = path.join(shots, 'shell-en.png');
    await page.screenshot({ path: enShot, fullPage: true });
    for (const shot of [zhShot, enShot]) expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
    console.log(`screenshots: ${zhShot} ${enShot}`);

    // The choice is remembered across a reload.
    await page.reload();
    await page.getByTestId('app-shell').waitFor();
    await expect(nav.textContent()).resolves.toContain('Cases');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
  });

  it("names months and weekdays in the date picker in the page's language", async () => {
    const staff = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    server.traffic.watchPage(staff, 'picker');
    await staff.goto(`${baseUrl}/login`);
    await staff.fill('#username', 'hohhot.investigator');
    await staff.fill('#password', 'lianfang-demo');
    await staff.click('[data-testid="login-submit"]');
    await staff.getByTestId('app-shell').waitFor();
    await staff.goto(`${baseUrl}/cases/new`);
    await staff.locator('#reportedAt').click();
    const dropdown = staff.locator('.ant-picker-dropdown:visible');
    await dropdown.waitFor();
    const zh = await dropdown.textContent();
    expect(zh).toMatch(/一.*二.*三/);
    expect(zh).toMatch(/\d+月/);
    expect(zh).not.toMatch(/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?![a-z])|Su(?=Mo)|Mo(?=Tu)/);
    await staff.keyboard.press('Escape');
    await staff.getByTestId('lang-en').click();
    await staff.waitForFunction(() => document.documentElement.lang === 'en');
    await staff.locator('#reportedAt').click();
    await dropdown.waitFor();
    expect(await dropdown.textContent()).toMatch(/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?![a-z])/);
    await staff.close();
  });

  it('shows the public area without a login, with its own layout', async () => {
    const visitor = await browser.newPage({ viewport: { width: 390, height: 844 } });
    server.traffic.watchPage(visitor, 'visitor');
    await visitor.goto(`${baseUrl}/public`);
    await visitor.getByTestId('public-layout').waitFor();
    expect(await visitor.getByTestId('app-shell').count()).toBe(0);
    await visitor.screenshot({ path: path.join(shots, 'public-phone.png') });
    await visitor.close();
  });
});
