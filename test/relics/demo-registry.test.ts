import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRegistry } from '../../src/seed/demo-registry.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

describe.each(testDrivers())('demo registry (%s)', (driver) => {
  let api: TestApi;
  const photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-demo-photos-'));

  beforeAll(async () => {
    api = await createTestApi(driver);
  });
  afterAll(async () => {
    await api?.close();
    fs.rmSync(photoDir, { recursive: true, force: true });
  });

  it('publishes its invented objects once, so the public portal has something to find on first start', async () => {
    expect(await seedDemoRegistry(api.db.database.db, { dir: photoDir })).toBe(10);
    expect(await seedDemoRegistry(api.db.database.db, { dir: photoDir })).toBe(0);
    const found = await api.request({ method: 'GET', url: `/api/public/objects?q=${encodeURIComponent('玉碗')}` });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items.map((i: { titleZh: string }) => i.titleZh)).toEqual(['青玉双耳碗']);
  });
});
