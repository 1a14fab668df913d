import fs from 'node:fs';
import os from 'node:os';
import { type Browser, chromium } from 'playwright-core';
import type { MessageCatalogue } from '../core/errors.ts';

/**
 * HTML → PDF through one Chromium per process: launched at the first render, reused by every render
 * after it (a fresh browser context per render, so nothing of one page reaches the next), relaunched
 * when it crashed or disconnected, closed with the server. At most `concurrency` pages print at once;
 * up to `queueLimit` more renders wait their turn, and any beyond that are refused at once
 * (PdfUnavailableError 'pdf.busy', 503 with Retry-After) instead of piling up browsers and memory.
 * Report PDFs and certificate PDFs both print here.
 */

export interface PdfRendererOptions {
  executablePath: string;
  /** Pages printing at the same time (each is a Chromium renderer process: ~100 MB, most of a core). */
  concurrency: number;
  /** Renders that may wait for a free page; one more is refused. */
  queueLimit: number;
  /** Longest a page may take to load its (self-contained) HTML. */
  loadTimeoutMs: number;
}

export interface PdfPageOptions {
  /** Page margins, CSS lengths (e.g. '15mm'). */
  margin: { top: string; bottom: string; left: string; right: string };
}

export type PdfErrorCode = 'pdf.busy' | 'pdf.chromium_missing';

/** PDF export cannot be done now: Chromium is missing or cannot start, or too many PDFs are waiting. */
export class PdfUnavailableError extends Error {
  constructor(
    readonly code: PdfErrorCode,
    /** Seconds after which trying again makes sense (the Retry-After header). */
    readonly retryAfterSeconds: number,
    readonly params: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${pdfMessages[code]!.en.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''))}`, options);
    this.name = 'PdfUnavailableError';
  }
}

export const pdfMessages: MessageCatalogue = {
  'pdf.busy': { zh: '当前生成 PDF 的请求过多，请 {seconds} 秒后再试', en: 'Too many PDFs are being made right now: try again in {seconds} s' },
  'pdf.chromium_missing': {
    zh: 'PDF 导出需要 Chromium，但服务器上无法启动它（{path}）：请安装（apt-get install chromium fonts-wqy-microhei），或用 CHROMIUM_PATH 指明其位置',
    en: 'PDF export needs Chromium, which the server cannot start ({path}): install it (apt-get install chromium fonts-wqy-microhei) or set CHROMIUM_PATH',
  },
};

/** Chromium flags that keep it off the (closed) network; the web benchmark launches its browser with them too. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const defaultPdfRendererOptions = (): PdfRendererOptions => ({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  concurrency: 2,
  queueLimit: 16,
  loadTimeoutMs: 30_000,
});

export interface PdfRendererStats {
  /** Chromium processes started (one, unless one crashed or the renderer was closed in between). */
  launches: number;
  /** PDFs printed. */
  renders: number;
  /** Renders refused because the queue was full. */
  refused: number;
  /** Pages printing now. */
  active: number;
  /** Renders waiting for a page. */
  queued: number;
}

export class PdfRenderer {
  readonly options: PdfRendererOptions;
  #browser: Promise<Browser> | null = null;
  /** Counts close() calls: a render cut short by close() is not retried on a new browser. */
  #closes = 0;
  #active = 0;
  #waiting: Array<() => void> = [];
  #launches = 0;
  #renders = 0;
  #refused = 0;
  /** Moving average of one render, for Retry-After. */
  #averageMs = 1500;

  constructor(options: Partial<PdfRendererOptions> = {}) {
    this.options = { ...defaultPdfRendererOptions(), ...options };
  }

  get stats(): PdfRendererStats {
    return { launches: this.#launches, renders: this.#renders, refused: this.#refused, active: this.#active, queued: this.#waiting.length };
  }

  /** Whether the configured Chromium is there to run (it may still fail to start). */
  available(): boolean {
    try {
      fs.accessSync(this.options.executablePath, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }

  /** Prints a self-contained HTML page (any request it makes is refused) as A4 PDF. */
  async render(html: string, page: PdfPageOptions): Promise<Buffer> {
    if (!this.available()) throw this.#missing();
    await this.#acquire();
    try {
      const started = Date.now();
      const closes = this.#closes;
      let pdf: Buffer;
      try {
        pdf = await this.#print(html, page);
      } catch (error) {
        // A browser that died under this render (crash, killed, OOM) is relaunched once; one that
        // was closed (the server stopping) is not.
        if (error instanceof PdfUnavailableError || closes !== this.#closes || (await this.#stillConnected())) throw error;
        pdf = await this.#print(html, page);
      }
      this.#renders += 1;
      this.#averageMs = this.#averageMs * 0.7 + (Date.now() - started) * 0.3;
      return pdf;
    } finally {
      this.#release();
    }
  }

  /** Closes the browser; a later render launches a new one. */
  async close(): Promise<void> {
    const browser = this.#browser;
    this.#browser = null;
    this.#closes += 1;
    if (!browser) return;
    const running = await browser.catch(() => null);
    await running?.close().catch(() => undefined);
  }

  #missing(cause?: unknown): PdfUnavailableError {
    return new PdfUnavailableError('pdf.chromium_missing', 3600, { path: this.options.executablePath }, { cause });
  }

  #acquire(): Promise<void> {
    if (this.#active < this.options.concurrency) {
      this.#active += 1;
      return Promise.resolve();
    }
    if (this.#waiting.length >= this.options.queueLimit) {
      this.#refused += 1;
      const rounds = Math.ceil((this.#waiting.length + 1) / this.options.concurrency);
      const seconds = Math.max(1, Math.ceil((rounds * this.#averageMs) / 1000));
      throw new PdfUnavailableError('pdf.busy', seconds, { seconds });
    }
    // The page is handed over by #release: #active stays counted for the waiter.
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active -= 1;
  }

  async #stillConnected(): Promise<boolean> {
    const browser = this.#browser ? await this.#browser.catch(() => null) : null;
    return Boolean(browser?.isConnected());
  }

  #launch(): Promise<Browser> {
    if (this.#browser) return this.#browser;
    this.#launches += 1;
    const launching: Promise<Browser> = chromium.launch({ executablePath: this.options.executablePath, args: CHROMIUM_ARGS }).then(
      (browser) => {
        deprioritiseChromium();
        browser.on('disconnected', () => {
          if (this.#browser === launching) this.#browser = null;
        });
        return browser;
      },
      (error: unknown) => {
        if (this.#browser === launching) this.#browser = null;
        throw this.#missing(error);
      },
    );
    this.#browser = launching;
    return launching;
  }

  async #print(html: string, options: PdfPageOptions): Promise<Buffer> {
    const browser = await this.#launch();
    // The pages are self-contained and script-free: no JavaScript, no network.
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      // Chromium sets a new page's renderer to normal priority: lowered again before it prints.
      deprioritiseChromium();
      await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      await page.setContent(html, { waitUntil: 'load', timeout: this.options.loadTimeoutMs });
      return Buffer.from(await page.pdf({ format: 'A4', printBackground: true, margin: options.margin }));
    } finally {
      await context.close().catch(() => undefined);
    }
  }
}

/** Niceness of this process's Chromium processes: printing yields the CPU to the server's requests. */
export const CHROMIUM_NICENESS = 10;

/**
 * Lowers the CPU priority of every Chromium process below this one (browser, zygote, utilities), so
 * that on a small machine printing takes what the server leaves over rather than slowing every other
 * request. Run after the launch and for each new page (Chromium gives a new page's renderer normal
 * priority). Linux only, best effort.
 */
function deprioritiseChromium(): void {
  if (process.platform !== 'linux') return;
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone already
    }
  }
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    stack.push(...(children.get(pid) ?? []));
    try {
      if (!/chrom/i.test(fs.readFileSync(`/proc/${pid}/comm`, 'utf8'))) continue;
      if (os.getPriority(pid) < CHROMIUM_NICENESS) os.setPriority(pid, CHROMIUM_NICENESS);
    } catch {
      // gone, or not ours to change
    }
  }
}

let shared: PdfRenderer | null = null;
let holders = 0;

/** This process's renderer (created on first use; Chromium starts at the first render). */
export function pdfRenderer(): PdfRenderer {
  shared ??= new PdfRenderer();
  return shared;
}

/** Replaces this process's renderer (tests, benchmarks), closing the old one's browser. */
export async function configurePdfRenderer(options: Partial<PdfRendererOptions> = {}): Promise<PdfRenderer> {
  await shared?.close();
  shared = new PdfRenderer(options);
  return shared;
}

/** Closes this process's browser (a command that rendered a PDF calls it before exiting). */
export async function closePdfRenderer(): Promise<void> {
  await shared?.close();
}

/**
 * A server that may render PDFs holds the renderer while it runs; the release (its onClose) closes
 * the browser once no server of this process holds it any more.
 */
export function holdPdfRenderer(): () => Promise<void> {
  holders += 1;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0) await closePdfRenderer();
  };
}
