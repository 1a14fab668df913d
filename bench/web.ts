// The web app as a user meets it, in Chromium against the real server with the demo data:
//   - the login page: first contentful paint, when the form is visible, and the JavaScript loaded
//     before it (bytes on the wire as served, i.e. brotli, and decoded);
//   - after signing in: from the app shell being visible to the dashboard's figures being visible;
//   - every page of the navigation: from the click on its menu item to its first render (once the
//     dashboard has finished drawing its charts).
// Each round opens a fresh browser context (empty cache) and measures everything once cold, then
// again on a new page of the same context (warm cache: hashed assets are cached for good).
// Times are read inside the page (performance.now() at the animation frame where an element first
// has a size), so Playwright's own polling does not add to them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, defaultPdfRendererOptions } from '../src/pdf/renderer.ts';
import { option, percentile, round, startServerProcess, tempDataDir } from './support.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PASSWORD = 'lianfang-demo';

export const help = `npm run bench -- web [--rounds N] [--user NAME] [--no-build]
  --rounds N   fresh browser contexts, each measured cold then warm (default 3)
  --user NAME  demo user to sign in as (default admin: sees every navigation item)
  --no-build   measure dist/web as it is instead of running npm run build first`;

/** Installed before any page script: records when watched elements first have a size, per animation frame. */
const WATCHER = `(() => {
  const seen = (window.__lfSeen = {});
  const watched = { loginForm: '#username', shell: '[data-testid="app-shell"]', figures: '[data-testid^="value-"]' };
  const tick = () => {
    for (const [name, selector] of Object.entries(watched)) {
      if (name in seen) continue;
      const el = document.querySelector(selector);
      if (el && el.getBoundingClientRect().width > 0) seen[name] = performance.now();
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/**
 * In the page (a string: tsx would otherwise wrap its inner functions in a helper the page lacks): clicks a
 * navigation item and resolves with the ms until the new page rendered — the tab title changed and the heading shows.
 */
const CLICK_AND_WAIT_FOR_RENDER = `(testId) => new Promise((resolve, reject) => {
  const waitingSince = performance.now();
  const click = () => {
    // The menu may be re-rendering from the last page's navigation: wait for the item's link.
    const link = document.querySelector('[data-testid="' + testId + '"] a');
    if (!link) {
      if (performance.now() - waitingSince > 10000) return reject(new Error(testId + ': no link in the menu'));
      return requestAnimationFrame(click);
    }
    const before = document.title;
    const started = performance.now();
    link.click();
    const check = () => {
      const heading = document.querySelector('.lf-content [data-testid="page-title"]');
      if (document.title !== before && heading && document.title.startsWith(heading.textContent || '\\u0000')) return resolve(performance.now() - started);
      if (performance.now() - started > 60000) return reject(new Error(testId + ': no render after 60 s'));
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  };
  click();
})`;

interface Seen {
  loginForm?: number;
  shell?: number;
  figures?: number;
}

interface LoginFigures {
  firstContentfulPaintMs: number | null;
  formVisibleMs: number;
  scripts: number;
  jsEncodedBytes: number;
  jsDecodedBytes: number;
  jsTransferredBytes: number;
  encodings: string[];
}

async function measureLogin(page: Page, baseUrl: string, encodings: Map<string, string>): Promise<LoginFigures> {
  await page.goto(`${baseUrl}/login`);
  await page.waitForFunction(() => (window as unknown as { __lfSeen: Seen }).__lfSeen.loginForm !== undefined, null, { timeout: 60_000 });
  const figures = await page.evaluate(() => {
    const seen = (window as unknown as { __lfSeen: Seen }).__lfSeen;
    const formAt = seen.loginForm!;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
      (e) => new URL(e.name).pathname.endsWith('.js') && e.responseEnd <= formAt,
    );
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      firstContentfulPaintMs: fcp ? fcp.startTime : null,
      formVisibleMs: formAt,
      scripts: scripts.map((e) => ({ url: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize, transferred: e.transferSize })),
    };
  });
  return {
    firstContentfulPaintMs: figures.firstContentfulPaintMs,
    formVisibleMs: figures.formVisibleMs,
    scripts: figures.scripts.length,
    jsEncodedBytes: figures.scripts.reduce((s, e) => s + e.encoded, 0),
    jsDecodedBytes: figures.scripts.reduce((s, e) => s + e.decoded, 0),
    jsTransferredBytes: figures.scripts.reduce((s, e) => s + e.transferred, 0),
    encodings: [...new Set(figures.scripts.map((e) => encodings.get(e.url) ?? 'identity'))],
  };
}

interface DashboardFigures {
  loginToShellMs: number;
  shellToFiguresMs: number;
  apiRequests: Array<{ path: string; startMs: number; endMs: number }>;
}

/** Signs in from the login page already open and waits for the dashboard's key figures. */
async function measureDashboard(page: Page, username: string): Promise<DashboardFigures> {
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  const clickedAt = await page.evaluate(() => {
    (document.querySelector('[data-testid="login-submit"]') as HTMLElement).click();
    return performance.now();
  });
  await page.waitForFunction(() => (window as unknown as { __lfSeen: Seen }).__lfSeen.figures !== undefined, null, { timeout: 60_000 });
  const { seen, requests } = await page.evaluate(() => ({
    seen: (window as unknown as { __lfSeen: Seen }).__lfSeen,
    requests: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => new URL(e.name).pathname.startsWith('/api/'))
      .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })),
  }));
  return {
    loginToShellMs: seen.shell! - clickedAt,
    shellToFiguresMs: seen.figures! - seen.shell!,
    // The dashboard's API calls relative to the shell: shows whether they wait on each other or on chunks.
    apiRequests: requests
      .filter((r) => r.start >= clickedAt)
      .map((r) => ({ path: r.path, startMs: round(r.start - seen.shell!, 0), endMs: round(r.end - seen.shell!, 0) })),
  };
}

/**
 * Waits for the dashboard's charts (which load after its figures) and then for no request to finish for
 * half a second, so that each page's first render is timed on its own and not while the dashboard is still
 * drawing (before the charts became their own chunks they came with the figures, so this was always so).
 */
async function settle(page: Page): Promise<void> {
  await page.locator('[data-testid="child-map-card"]').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="by-campaign"]').waitFor({ timeout: 60_000 });
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() - stableSince < 500) {
    const count = await page.evaluate(() => performance.getEntriesByType('resource').length);
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    }
    await page.waitForTimeout(100);
  }
}

/** Clicks each navigation item in turn and times its first render. */
async function measureNavigation(page: Page): Promise<Record<string, number>> {
  const keys = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="nav-"]')]
      .map((el) => el.getAttribute('data-testid')!)
      .filter((id) => id !== 'nav-menu' && document.querySelector(`[data-testid="${id}"] a`)),
  );
  const times: Record<string, number> = {};
  // The dashboard is open now: visit it last, from another page.
  for (const id of [...keys.filter((k) => k !== 'nav-dashboard'), ...keys.filter((k) => k === 'nav-dashboard')]) {
    times[id.slice(4)] = (await page.evaluate(`(${CLICK_AND_WAIT_FOR_RENDER})(${JSON.stringify(id)})`)) as number;
  }
  return times;
}

/** Uncaught errors of the measured pages: a page that broke is not measured (its figures would be of an error screen). */
const pageErrors: string[] = [];

async function newWatchedPage(context: BrowserContext, encodings: Map<string, string>): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Chromium logs every 4xx as an error; the login page's 401 from /api/auth/me is expected.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) encodings.set(response.url(), response.headers()['content-encoding'] ?? 'identity');
  });
  return page;
}

interface Round {
  login: LoginFigures;
  dashboard: DashboardFigures;
  navigation: Record<string, number>;
}

async function measureRound(context: BrowserContext, baseUrl: string, username: string): Promise<Round> {
  const encodings = new Map<string, string>();
  const page = await newWatchedPage(context, encodings);
  const login = await measureLogin(page, baseUrl, encodings);
  const dashboard = await measureDashboard(page, username);
  await settle(page);
  const navigation = await measureNavigation(page);
  await page.close();
  return { login, dashboard, navigation };
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: round(percentile(sorted, 50), 0), max: round(sorted.at(-1)!, 0) };
}

function summarise(rounds: Round[]) {
  const nav = Object.keys(rounds[0]!.navigation);
  return {
    loginFirstContentfulPaintMs: summary(rounds.map((r) => r.login.firstContentfulPaintMs ?? NaN)),
    loginFormVisibleMs: summary(rounds.map((r) => r.login.formVisibleMs)),
    jsBeforeLoginForm: {
      scripts: rounds[0]!.login.scripts,
      encodedKB: round(rounds[0]!.login.jsEncodedBytes / 1024),
      decodedKB: round(rounds[0]!.login.jsDecodedBytes / 1024),
      transferredKB: summary(rounds.map((r) => r.login.jsTransferredBytes / 1024)).median,
      encodings: rounds[0]!.login.encodings,
    },
    loginToShellMs: summary(rounds.map((r) => r.dashboard.loginToShellMs)),
    shellToDashboardFiguresMs: summary(rounds.map((r) => r.dashboard.shellToFiguresMs)),
    dashboardApiRequests: rounds[0]!.dashboard.apiRequests,
    pageFirstRenderMs: Object.fromEntries(nav.map((k) => [k, summary(rounds.map((r) => r.navigation[k] ?? NaN))])),
    slowestPageFirstRenderMs: Math.max(...rounds.flatMap((r) => Object.values(r.navigation)).map((v) => round(v, 0))),
  };
}

export async function run(args: string[]) {
  if (args.includes('--help')) return { help };
  const rounds = Number(option(args, 'rounds') ?? 3);
  const username = option(args, 'user') ?? 'admin';
  if (!args.includes('--no-build')) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error(`npm run build failed (${build.status})`);
  }
  const dataDir = tempDataDir();
  const server = await startServerProcess(dataDir, { LOGIN_RATE_LIMIT: '1000000' });
  const browser = await chromium.launch({ executablePath: defaultPdfRendererOptions().executablePath, args: CHROMIUM_ARGS });
  const loadBefore = os.loadavg();
  try {
    // The first sign-in after a start warms the server's caches; the browser's are what is measured.
    await (
      await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      })
    ).text();
    const cold: Round[] = [];
    const warm: Round[] = [];
    for (let i = 0; i < rounds; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      await context.addInitScript(WATCHER);
      cold.push(await measureRound(context, server.url, username));
      await context.clearCookies(); // signed out again, cache kept
      warm.push(await measureRound(context, server.url, username));
      await context.close();
    }
    if (pageErrors.length) throw new Error(`the pages reported errors, so their figures are not reported:\n${[...new Set(pageErrors)].join('\n')}`);
    return {
      user: username,
      rounds,
      cold: summarise(cold),
      warm: summarise(warm),
      loadAverage: { before: loadBefore.map((l) => round(l, 2)), after: os.loadavg().map((l) => round(l, 2)) },
      targets: {
        jsBeforeLoginForm: '≤ 300 KB compressed',
        shellToDashboardFigures: '< 1000 ms, warm cache',
        pageFirstRender: '< 1500 ms, every page',
      },
    };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
