import { type Browser, chromium } from 'playwright-core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closePdfRenderer, configurePdfRenderer, holdPdfRenderer, PdfRenderer, PdfUnavailableError, pdfRenderer } from '../../src/pdf/renderer.ts';
import { browserUnavailableReason } from '../support/browser.ts';

const unavailable = browserUnavailableReason();
const MARGIN = { margin: { top: '10mm', bottom: '10mm', left: '10mm', right: '10mm' } };
const page = (text: string) => `<!doctype html><html><head><meta charset="utf-8"></head><body><p>${text}</p></body></html>`;

describe.skipIf(unavailable)('the shared PDF renderer', () => {
  const realLaunch = chromium.launch.bind(chromium);
  const launched: Browser[] = [];
  const launch = vi.spyOn(chromium, 'launch').mockImplementation(async (options) => {
    const browser = await realLaunch(options);
    launched.push(browser);
    return browser;
  });
  afterAll(async () => {
    await closePdfRenderer();
    launch.mockRestore();
  });

  it('prints with at most `concurrency` pages at once from one browser; the rest wait their turn', async () => {
    const renderer = new PdfRenderer({ concurrency: 2, queueLimit: 8 });
    let open!: () => void;
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    launch.mockImplementationOnce(async (options) => {
      await opened;
      const browser = await realLaunch(options);
      launched.push(browser);
      return browser;
    });
    const renders = Array.from({ length: 5 }, (_, i) => renderer.render(page(`第 ${i + 1} 页`), MARGIN));
    await vi.waitFor(() => expect(renderer.stats).toMatchObject({ active: 2, queued: 3 }));
    open();
    const pdfs = await Promise.all(renders);
    for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(renderer.stats).toMatchObject({ launches: 1, renders: 5, active: 0, queued: 0, refused: 0 });
    await renderer.close();
  });

  it('relaunches a browser that disconnected (crash), and after close', async () => {
    const renderer = new PdfRenderer();
    await renderer.render(page('一'), MARGIN);
    expect(renderer.stats.launches).toBe(1);
    await launched.at(-1)!.close();
    expect((await renderer.render(page('二'), MARGIN)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(renderer.stats).toMatchObject({ launches: 2, renders: 2 });
    await renderer.close();
    await renderer.render(page('三'), MARGIN);
    expect(renderer.stats).toMatchObject({ launches: 3, renders: 3 });
    await renderer.close();
  });

  it('a missing Chromium is a PdfUnavailableError naming the path, before any launch', async () => {
    const renderer = new PdfRenderer({ executablePath: '/nonexistent/chromium' });
    expect(renderer.available()).toBe(false);
    const error = await renderer.render(page('x'), MARGIN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfUnavailableError);
    expect(error).toMatchObject({ code: 'pdf.chromium_missing', params: { path: '/nonexistent/chromium' } });
    expect(renderer.stats.launches).toBe(0);
  });

  it('the process renderer stays open while a server holds it, and closes with the last one', async () => {
    const renderer = await configurePdfRenderer();
    expect(pdfRenderer()).toBe(renderer);
    const releaseA = holdPdfRenderer();
    const releaseB = holdPdfRenderer();
    await renderer.render(page('甲'), MARGIN);
    const browser = launched.at(-1)!;
    await releaseA();
    await releaseA();
    expect(browser.isConnected()).toBe(true);
    await releaseB();
    expect(browser.isConnected()).toBe(false);
  });
});
