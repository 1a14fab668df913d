// The built web app as a browser receives it: compressed when the browser accepts it, hashed
// assets cached for good, and index.html for client-side routes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/http/web.ts';
import { createTestApi, type TestApi } from '../support/api.ts';

describe('web app serving', () => {
  let api: TestApi;
  let asset: string;

  beforeAll(async () => {
    const assets = fs.readdirSync(path.join(WEB_DIST, 'assets'));
    // The largest script: the one whose size a slow link feels.
    asset = assets
      .filter((f) => f.endsWith('.js'))
      .sort((a, b) => fs.statSync(path.join(WEB_DIST, 'assets', b)).size - fs.statSync(path.join(WEB_DIST, 'assets', a)).size)[0]!;
    api = await createTestApi('pglite');
  }, 180_000);
  afterAll(() => api?.close());

  it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip, and the same bytes either way', async () => {
    const raw = fs.readFileSync(path.join(WEB_DIST, 'assets', asset));
    const url = `/assets/${asset}`;

    const br = await api.request({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(raw.length / 2);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(raw)).toBe(true);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const gz = await api.request({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).equals(raw)).toBe(true);

    const plain = await api.request({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(raw)).toBe(true);
  });

  it('answers a client-side route with index.html, never cached', async () => {
    const res = await api.request({ method: 'GET', url: '/cases/some-page', headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    const body =
      res.headers['content-encoding'] === 'br'
        ? zlib.brotliDecompressSync(res.rawPayload).toString()
        : res.headers['content-encoding'] === 'gzip'
          ? zlib.gunzipSync(res.rawPayload).toString()
          : res.body;
    expect(body).toContain('<div id="root">');
  });

  it('still answers an unknown API path with a JSON 404', async () => {
    const res = await api.request({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'route_not_found' } });
  });
});
