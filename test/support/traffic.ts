// What a browser test's page and server did, for the failure message of a step that waited in vain: which
// requests the page sent, which the server received and answered (status, milliseconds), which were still
// open, and what the page logged. A step that "never showed its effect" then says which side stalled.
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { beforeEach } from 'vitest';

const KEEP = 60;

export class TrafficLog {
  private readonly started = Date.now();
  private readonly lines: string[] = [];
  private readonly open = new Map<string, number>();
  private serial = 0;

  private add(line: string) {
    this.lines.push(`+${((Date.now() - this.started) / 1000).toFixed(1)}s ${line}`);
    if (this.lines.length > KEEP) this.lines.shift();
  }

  /** Server side: every request received and answered, and those still open. */
  watchServer(app: FastifyInstance): void {
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      const key = `server ${request.method} ${request.url} #${++this.serial}`;
      (request as unknown as { trafficKey: string }).trafficKey = key;
      this.open.set(key, Date.now());
    });
    app.addHook('onResponse', async (request, reply) => {
      const key = (request as unknown as { trafficKey?: string }).trafficKey;
      // Pages and assets only when they failed (a chunk missing while the page runs breaks it quietly).
      if (!key) {
        if (reply.statusCode >= 400) this.add(`server ${request.method} ${request.url} → ${reply.statusCode}`);
        return;
      }
      const since = this.open.get(key);
      this.open.delete(key);
      this.add(`${key.replace(/ #\d+$/, '')} → ${reply.statusCode} in ${since ? Date.now() - since : '?'} ms`);
    });
  }

  /** Browser side: requests the page sent to the API and how they ended, its console errors and uncaught errors. */
  watchPage(page: Page, name = 'page'): void {
    page.on('request', (request) => {
      if (request.url().includes('/api/')) this.add(`${name} sent ${request.method()} ${new URL(request.url()).pathname}`);
    });
    page.on('requestfailed', (request) => this.add(`${name} request failed ${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') this.add(`${name} console.${message.type()}: ${message.text().slice(0, 300)}`);
    });
    page.on('pageerror', (error) => this.add(`${name} uncaught: ${error.message.slice(0, 300)}`));
  }

  toString(): string {
    const now = Date.now();
    const open = [...this.open].map(([key, since]) => `${key.replace(/ #\d+$/, '')} still open after ${now - since} ms`);
    return [
      `last ${this.lines.length} events:`,
      ...this.lines,
      ...(open.length ? ['open on the server:', ...open] : ['nothing open on the server']),
    ].join('\n  ');
  }
}

/** In a describe block: when a test fails, print what its page and server did. */
export function printTrafficOnFailure(log: () => TrafficLog | undefined): void {
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => {
      const traffic = log();
      if (traffic) console.log(`browser test failed; traffic:\n  ${traffic}`);
    });
  });
}
