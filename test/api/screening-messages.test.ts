import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRelicsApi } from '../relics/support.ts';
import { makeZip } from '../relics/zip.ts';
import type { Session } from '../support/api.ts';

/** Issue 13, low: a screening's per-listing errors showed their messages' placeholders unfilled ({width}, {min}). */

function upload(files: Record<string, { name: string; bytes: Buffer; type: string }>) {
  const boundary = 'screening-messages';
  const chunks: Buffer[] = [];
  for (const [field, file] of Object.entries(files)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('screening messages (pglite)', () => {
  let api: Awaited<ReturnType<typeof createRelicsApi>>;
  let investigator: Session;
  beforeAll(async () => {
    api = await createRelicsApi('pglite');
    investigator = await api.login('hohhot.investigator');
  });
  afterAll(() => api?.close());

  it('words a listing’s image error without unfilled placeholders, in both languages', async () => {
    const tiny = await sharp({ create: { width: 12, height: 12, channels: 3, background: '#886644' } })
      .jpeg()
      .toBuffer();
    const body = upload({
      listings: { name: 'l.csv', bytes: Buffer.from('source,reference,title,images\nmarket,M-1,bowl,tiny.jpg\n'), type: 'text/csv' },
      images: { name: 'images.zip', bytes: makeZip([{ name: 'tiny.jpg', data: tiny }]), type: 'application/zip' },
    });
    const started = await api.request({ method: 'POST', url: '/api/matching/screenings', session: investigator, ...body });
    expect(started.statusCode, started.body).toBe(202);
    const { batchId } = started.json();
    for (const lang of ['zh', 'en']) {
      let job: { state: string; summary: { errors: Array<{ code: string; message: string }> } } | undefined;
      await vi.waitFor(
        async () => {
          job = (
            await api.request({
              method: 'GET',
              url: `/api/matching/screenings/${batchId}`,
              session: investigator,
              headers: { 'accept-language': lang },
            })
          ).json();
          expect(job!.state).toBe('done');
        },
        { timeout: 60_000, interval: 100 },
      );
      const [error] = job!.summary.errors;
      expect(error!.code).toBe('matching.image_too_small');
      expect(error!.message).not.toMatch(/[{}]/);
      expect(error!.message).toMatch(/32/);
    }
  }, 90_000);
});
