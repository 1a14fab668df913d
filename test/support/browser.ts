import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD, loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { SEED_PERIOD } from '../../src/seed/cases-generator.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createTestDatabase } from './db.ts';
import { TrafficLog } from './traffic.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, never a downloaded browser; flags keep it off the (closed) network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Why browser tests cannot run here, or null when they can. On CI the browser must be there. */
export function browserUnavailableReason(): string | null {
  if (fs.existsSync(CHROMIUM_PATH)) return null;
  const reason = `${CHROMIUM_PATH} not found (install Debian's chromium and fonts-wqy-microhei, as .ci/run does)`;
  if (process.env.CI === 'true') throw new Error(`CI: ${reason}`);
  return reason;
}

export interface BrowserTestServer {
  baseUrl: string;
  browser: Browser;
  /** Requests the server received and answered (pages add theirs with `traffic.watchPage`). */
  traffic: TrafficLog;
  close(): Promise<void>;
}

/** The built SPA (built by the global setup) served by an in-process server on a fresh PGlite database with the demo set, and Chromium. */
export async function startBrowserTestServer(): Promise<BrowserTestServer> {
  const db = await createTestDatabase('pglite');
  // The browser tests read 2019–2020 figures: the demo's cases over those years, as the seed reports have them.
  await seedDemo(db.database.db, 'test', { period: SEED_PERIOD });
  const app = await buildApp(loadConfig({ NODE_ENV: 'test' }), db.database);
  const traffic = new TrafficLog();
  traffic.watchServer(app);
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  return {
    baseUrl,
    browser,
    traffic,
    async close() {
      await browser.close();
      await app.close();
      await db.dispose();
    },
  };
}

/** Logs `page` in to the staff app as a demo user and waits for the app shell. */
export async function logIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('[data-testid="login-submit"]');
  await page.getByTestId('app-shell').waitFor();
}

/** A new desktop-sized page logged in as a demo user; its uncaught errors go to `pageErrors`, its traffic to `traffic`. */
export async function staffPage(browser: Browser, baseUrl: string, username: string, pageErrors: string[], traffic?: TrafficLog): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  traffic?.watchPage(page, username);
  await logIn(page, baseUrl, username);
  return page;
}
