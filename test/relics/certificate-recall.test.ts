// Issue 13, item 11: a due-diligence certificate cleared the registered bowl of the demo registry
// when a dealer described it in their own words. A certificate must say "possible match — review"
// whenever a registered object plausibly fits, and still clear an unrelated object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRegistry } from '../../src/seed/demo-registry.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

type Cert = { result: string; matches: Array<{ publicationNo: string; titleZh: string }> };

describe.each(testDrivers())('certificate search on the demo registry (%s)', (driver) => {
  let api: TestApi;
  let bowlNo: string;
  const photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-cert-photos-'));

  beforeAll(async () => {
    api = await createTestApi(driver);
    expect(await seedDemoRegistry(api.db.database.db, { dir: photoDir })).toBe(10);
    const found = await api.request({ method: 'GET', url: `/api/public/objects?q=${encodeURIComponent('青玉双耳碗')}` });
    bowlNo = found.json().items[0].publicationNo;
    expect(bowlNo).toMatch(/^CN-\d{4}-\d{6}$/);
  });
  afterAll(async () => {
    await api?.close();
    fs.rmSync(photoDir, { recursive: true, force: true });
  });

  const certify = async (description: string, lang: 'zh' | 'en' = 'zh'): Promise<Cert> => {
    const response = await api.request({ method: 'POST', url: '/api/public/certificates', payload: { description, lang } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Cert;
  };

  it.each(['青玉双耳碗，口径约15厘米，清代风格', '一件青玉双耳碗', '清代青玉碗', 'Qing dynasty celadon jade bowl with two handles, approx. 15 cm'])(
    "a dealer's description of the registered bowl is a possible match with the bowl first: %s",
    async (description) => {
      const cert = await certify(description);
      expect(cert.result).toBe('possible_match');
      expect(cert.matches[0]?.publicationNo).toBe(bowlNo);
    },
  );

  it.each(['黄花梨圈椅一对，明式，高约98厘米', 'A pair of Victorian silver candlesticks, 25 cm', '清代白玉鼻烟壶'])(
    'an unrelated object is cleared: %s',
    async (description) => {
      const cert = await certify(description);
      expect(cert).toMatchObject({ result: 'no_match', matches: [] });
    },
  );

  it('public search finds the bowl for 清代青玉碗 (period written as a dynasty, a character of the title left out)', async () => {
    const found = await api.request({ method: 'GET', url: `/api/public/objects?q=${encodeURIComponent('清代青玉碗')}` });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items[0]?.publicationNo).toBe(bowlNo);
  });
});
