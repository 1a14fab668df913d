import { sql } from 'drizzle-orm';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { configurePdfRenderer } from '../../src/pdf/renderer.ts';
import { browserUnavailableReason } from '../support/browser.ts';
import { testDrivers } from '../support/db.ts';
import { createRelicsApi } from './support.ts';

type Api = Awaited<ReturnType<typeof createRelicsApi>>;
const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
const unavailable = browserUnavailableReason();

/** A gate a test opens when it wants the blocked Chromium launch to go on. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe.skipIf(unavailable).each(testDrivers())('certificate PDFs through one shared Chromium on %s', (driver) => {
  let api: Api;
  const realLaunch = chromium.launch.bind(chromium);
  const launch = vi.spyOn(chromium, 'launch');

  beforeAll(async () => {
    api = await createRelicsApi(driver);
  });
  afterAll(async () => {
    await api?.close();
    launch.mockRestore();
  });

  const issue = async (description: string, lang: 'zh' | 'en' = 'zh') => {
    const response = await api.request({ method: 'POST', url: '/api/public/certificates', payload: { description, lang } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().code as string;
  };
  const pdf = (code: string, headers: Record<string, string> = {}) =>
    api.request({ method: 'GET', url: `/api/public/certificates/${code}/pdf`, headers });

  it('ten parallel anonymous requests launch one browser and print once; all get the same bytes; later requests come from the database', async () => {
    const renderer = await configurePdfRenderer();
    const code = await issue('青玉双耳碗 乾隆年制');
    const launchesBefore = launch.mock.calls.length;
    const responses = await Promise.all(Array.from({ length: 10 }, () => pdf(code)));
    for (const response of responses) {
      expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(response.rawPayload.equals(responses[0]!.rawPayload)).toBe(true);
    }
    expect(launch.mock.calls.length - launchesBefore).toBeLessThanOrEqual(1);
    expect(renderer.stats).toMatchObject({ launches: 1, renders: 1, active: 0, queued: 0 });

    const again = await pdf(code);
    expect(again.statusCode).toBe(200);
    expect(again.rawPayload.equals(responses[0]!.rawPayload)).toBe(true);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const etag = again.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(renderer.stats.renders).toBe(1);
    const revalidated = await pdf(code, { 'if-none-match': etag });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);

    // Another process (a fresh renderer, nothing in memory) serves it from the database without printing.
    const other = await configurePdfRenderer();
    const fromDatabase = await pdf(code);
    expect(fromDatabase.rawPayload.equals(responses[0]!.rawPayload)).toBe(true);
    expect(other.stats).toMatchObject({ launches: 0, renders: 0 });
    const stored = rows<{ n: number }>(await api.db.database.db.execute(sql`select count(*)::int as n from relic_certificate_pdfs`));
    expect(stored[0]!.n).toBe(1);

    // The other language is a second print, kept beside the first.
    const english = await api.request({ method: 'GET', url: `/api/public/certificates/${code}/pdf?lang=en` });
    expect(english.statusCode).toBe(200);
    expect(english.rawPayload.equals(responses[0]!.rawPayload)).toBe(false);
    expect(other.stats).toMatchObject({ launches: 1, renders: 1 });
  });

  it('public search and verification answer while PDFs wait in the render queue', async () => {
    const renderer = await configurePdfRenderer({ concurrency: 1, queueLimit: 4 });
    const codes = [await issue('白玉鼻烟壶'), await issue('青铜方鼎'), await issue('鎏金铜佛像')];
    const held = gate();
    launch.mockImplementationOnce(async (options) => {
      await held.opened;
      return realLaunch(options);
    });
    const printing = codes.map((code) => pdf(code));
    await vi.waitFor(() => expect(renderer.stats).toMatchObject({ active: 1, queued: 2 }));

    const searches = await Promise.all([
      api.request({ method: 'GET', url: '/api/public/objects?q=青玉' }),
      api.request({ method: 'GET', url: '/api/public/objects?q=jade%20bowl' }),
      api.request({ method: 'GET', url: '/api/public/objects' }),
      api.request({ method: 'GET', url: `/api/public/certificates/${codes[0]}` }),
      api.request({ method: 'GET', url: `/api/public/certificates/${codes[1]}/html` }),
    ]);
    for (const response of searches) expect(response.statusCode, response.body).toBe(200);
    // Every search was answered while the renders were still waiting: nothing has been printed yet.
    expect(renderer.stats).toMatchObject({ active: 1, queued: 2, renders: 0 });

    held.open();
    for (const response of await Promise.all(printing)) expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(renderer.stats).toMatchObject({ launches: 1, renders: 3, active: 0, queued: 0 });
  });

  it('a full queue answers 503 with Retry-After and a zh/en message instead of piling up', async () => {
    const renderer = await configurePdfRenderer({ concurrency: 1, queueLimit: 1 });
    const codes = [await issue('清代青花瓷瓶'), await issue('明代铜香炉'), await issue('汉代玉璧')];
    const held = gate();
    launch.mockImplementationOnce(async (options) => {
      await held.opened;
      return realLaunch(options);
    });
    const first = pdf(codes[0]!);
    const second = pdf(codes[1]!);
    await vi.waitFor(() => expect(renderer.stats).toMatchObject({ active: 1, queued: 1 }));

    const refused = await pdf(codes[2]!);
    expect(refused.statusCode, refused.body).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.json().error.code).toBe('pdf.busy');
    expect(refused.json().error.message).toMatch(/秒后再试/);
    const refusedEn = await pdf(codes[2]!, { 'accept-language': 'en' });
    expect(refusedEn.json().error.message).toMatch(/Too many PDFs/);
    expect(renderer.stats.refused).toBe(2);

    held.open();
    expect((await first).statusCode).toBe(200);
    expect((await second).statusCode).toBe(200);
    expect((await pdf(codes[2]!)).statusCode).toBe(200);
  });

  it('without Chromium a PDF answers 503 saying it needs Chromium, never 500; stored PDFs are still served', async () => {
    const stored = await issue('辽代鎏金银冠');
    await configurePdfRenderer();
    expect((await pdf(stored)).statusCode).toBe(200);

    await configurePdfRenderer({ executablePath: '/nonexistent/chromium' });
    const code = await issue('宋代汝窑盘');
    const missing = await pdf(code);
    expect(missing.statusCode, missing.body).toBe(503);
    // An installation does not happen in seconds: try again in an hour.
    expect(missing.headers['retry-after']).toBe('3600');
    expect(missing.json().error.code).toBe('pdf.chromium_missing');
    expect(missing.json().error.message).toContain('apt-get install chromium');
    const missingEn = await pdf(code, { 'accept-language': 'en' });
    expect(missingEn.json().error.message).toMatch(/PDF export needs Chromium/);

    const commander = await api.login('nmg.commander');
    const report = await api.request({
      method: 'POST',
      url: '/api/reports/render',
      session: commander,
      payload: { from: '2025-01-01', to: '2025-12-31', lang: 'zh', format: 'pdf' },
    });
    expect(report.statusCode, report.body).toBe(503);
    expect(report.json().error.code).toBe('pdf.chromium_missing');

    expect((await pdf(stored)).statusCode).toBe(200);
  });

  it('report PDFs print through the same shared browser', async () => {
    const renderer = await configurePdfRenderer();
    const commander = await api.login('nmg.commander');
    const body = { from: '2025-01-01', to: '2025-12-31', format: 'pdf' };
    const [zh, en] = await Promise.all([
      api.request({ method: 'POST', url: '/api/reports/render', session: commander, payload: { ...body, lang: 'zh' } }),
      api.request({ method: 'POST', url: '/api/reports/render', session: commander, payload: { ...body, lang: 'en' } }),
    ]);
    for (const response of [zh, en]) {
      expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
      expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(renderer.stats).toMatchObject({ launches: 1, renders: 2 });
  });
});
