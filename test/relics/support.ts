import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { DriverName } from '../../src/db/client.ts';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';

export const day = (d: string) => `${d}T10:00:00+08:00`;

/** A test app whose photo store is a fresh temporary folder. */
export async function createRelicsApi(driver: DriverName): Promise<TestApi & { photoDir: string }> {
  const photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-photos-'));
  const api = await createTestApi(driver, { photoDir });
  return {
    ...api,
    photoDir,
    async close() {
      await api.close();
      fs.rmSync(photoDir, { recursive: true, force: true });
    },
  };
}

export const completeObject = {
  objectType: 'jade.vessel',
  materials: ['jade'],
  measurements: [
    { dimension: 'height', value: 7.8, unit: 'cm' },
    { dimension: 'diameter', value: 15.2, unit: 'cm' },
  ],
  titleZh: '青玉双耳碗',
  titleEn: 'Celadon jade bowl with two handles',
  subjectZh: '素面，双耳作花叶形',
  subjectEn: 'Plain bowl, handles in the form of leaves',
  inscriptionsZh: '底刻“乾隆年制”四字篆书款',
  inscriptionsEn: 'Four-character Qianlong seal mark on the base',
  distinguishingFeaturesZh: '口沿有一处小磕',
  distinguishingFeaturesEn: 'A small chip on the rim',
  periodCode: 'qing',
  reign: '乾隆',
  yearFrom: 1736,
  yearTo: 1795,
  inventoryNo: 'NMG-1987-0042',
  owner: '张三（私人藏家）',
  circumstances: '夜间撬窗入室盗窃，嫌疑人李四',
  investigatingUnit: '呼和浩特市公安局刑侦支队',
  theftDate: day('2025-06-01'),
  jurisdictionCode: '150102',
};

export async function draftObject(api: TestApi, session: Session, overrides: Record<string, unknown> = {}) {
  const response = await api.request({ method: 'POST', url: '/api/relics/objects', session, payload: { ...completeObject, ...overrides } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; objectRef: string; status: string; publicationNo: string | null };
}

export const act = (api: TestApi, session: Session, id: string, body: Record<string, unknown>) =>
  api.request({ method: 'POST', url: `/api/relics/objects/${id}/transitions`, session, payload: body });

/** Drafts, submits (drafter) and approves (reviewer): a published object. */
export async function publishObject(api: TestApi, drafter: Session, reviewer: Session, overrides: Record<string, unknown> = {}) {
  const draft = await draftObject(api, drafter, overrides);
  const submitted = await act(api, drafter, draft.id, { action: 'submit' });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const approved = await act(api, reviewer, draft.id, { action: 'approve' });
  expect(approved.statusCode, approved.body).toBe(200);
  return approved.json() as { id: string; objectRef: string; status: string; publicationNo: string };
}

/** A multipart body with text fields and optionally one file. */
export function multipart(fields: Record<string, string>, file?: { name?: string; bytes: Buffer; type?: string; field?: string }) {
  const boundary = `----lianfang${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name ?? 'photo.jpg'}"\r\nContent-Type: ${file.type ?? 'image/jpeg'}\r\n\r\n`,
      ),
    );
    chunks.push(file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A real JPEG with EXIF and GPS metadata, to check nothing of it is served. */
export async function jpegWithGps(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 160, b: 110 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'SecretCam', Artist: 'Owner Name' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 49/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '111/1 39/1 0/1' },
    })
    .toBuffer();
}
