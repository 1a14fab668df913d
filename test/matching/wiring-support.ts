// The registry and photo matching wired together, as the wiring-*.test.ts files use them: a published object with a
// linked case and a draft, each with a real registry photo fingerprinted by the background worker the server starts.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import type { DriverName } from '../../src/db/client.ts';
import { jobQueueOf } from '../../src/http/app.ts';
import { dropIndex, fingerprintStatus, sha256Of, startRegistryFingerprinting } from '../../src/modules/matching/index.ts';
import { act, createRelicsApi, day, draftObject, multipart } from '../relics/support.ts';
import type { Session } from '../support/api.ts';

const PHOTOS = path.resolve(process.cwd(), '../shared/data/photos');
const PUBLISHED_PHOTO = path.join(PHOTOS, 'jade001_00.jpg');
const UNPUBLISHED_PHOTO = path.join(PHOTOS, 'jade010_00.jpg');
export const available = fs.existsSync(PUBLISHED_PHOTO) && fs.existsSync(UNPUBLISHED_PHOTO);
if (!available) console.warn(`wiring tests skipped: the real registry photos are absent (${PUBLISHED_PHOTO}, ${UNPUBLISHED_PHOTO})`);

export const publishedBytes = () => fs.readFileSync(PUBLISHED_PHOTO);
export const unpublishedBytes = () => fs.readFileSync(UNPUBLISHED_PHOTO);

export const withEnglish = <T extends { headers: Record<string, string> }>(m: T): T => ({ ...m, headers: { ...m.headers, 'accept-language': 'en' } });

/** A multipart body with several files (field → file). */
export function multipartFiles(files: Record<string, { name: string; bytes: Buffer; type: string }>) {
  const boundary = `----lianfang${Math.random().toString(16).slice(2)}`;
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

/** Another crop of the same photo: the central 70 %, smaller, recompressed — as a listing or a visitor would have it. */
export async function otherCrop(bytes: Buffer): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const left = Math.round(width * 0.12);
  const top = Math.round(height * 0.18);
  return sharp(bytes)
    .extract({ left, top, width: Math.round(width * 0.7), height: Math.round(height * 0.7) })
    .resize({ width: 700, withoutEnlargement: true })
    .jpeg({ quality: 70 })
    .toBuffer();
}

export interface Wiring {
  api: Awaited<ReturnType<typeof createRelicsApi>>;
  heritage: Session;
  commander: Session;
  investigator: Session;
  /** The case the published object is linked to. */
  caseId: string;
  /** Published, with a linked case, in Hohhot (investigator's jurisdiction). */
  published: { id: string; objectRef: string; publicationNo: string };
  /** A heritage draft: no publication number, no case. */
  unpublished: { id: string; objectRef: string };
}

/**
 * Registers the describe block's set-up and tear-down; the returned object is filled before its first test. As the
 * server does at start, the registry's hook queues each new photo on the job queue and its job fingerprints it.
 */
export function wiring(driver: DriverName): Wiring {
  const w = {} as Wiring;
  let stopHook: (() => void) | undefined;
  beforeAll(async () => {
    w.api = await createRelicsApi(driver);
    const { api } = w;
    w.heritage = await api.login('heritage.officer');
    w.commander = await api.login('nmg.commander');
    w.investigator = await api.login('hohhot.investigator');
    const db = api.db.database.db;
    // As the server does at start: the hook queues each new photo on the app's job queue, whose job fingerprints it.
    stopHook = startRegistryFingerprinting(db, jobQueueOf(api.app));

    const theCase = await api.request({
      method: 'POST',
      url: '/api/cases',
      session: w.investigator,
      payload: { categoryCode: 'relic.trafficking', title: '玉碗被盗案', jurisdictionCode: '150102', reportedAt: day('2025-07-01') },
    });
    expect(theCase.statusCode, theCase.body).toBe(201);
    w.caseId = theCase.json().id;

    const draft = await draftObject(api, w.investigator, { caseId: w.caseId });
    const upload = await api.request({
      method: 'POST',
      url: `/api/relics/objects/${draft.id}/photos?view=front`,
      session: w.investigator,
      ...multipart({}, { bytes: publishedBytes() }),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    expect((await act(api, w.investigator, draft.id, { action: 'submit' })).statusCode).toBe(200);
    const approved = await act(api, w.commander, draft.id, { action: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    w.published = approved.json();

    w.unpublished = await draftObject(api, w.heritage, { titleZh: '未公开的玉器', titleEn: 'Unpublished jade' });
    const upload2 = await api.request({
      method: 'POST',
      url: `/api/relics/objects/${w.unpublished.id}/photos?view=front`,
      session: w.heritage,
      ...multipart({}, { bytes: unpublishedBytes() }),
    });
    expect(upload2.statusCode, upload2.body).toBe(201);

    for (const bytes of [publishedBytes(), unpublishedBytes()]) {
      await vi.waitFor(async () => expect(await fingerprintStatus(db, sha256Of(bytes))).toMatchObject({ status: 'done' }), {
        timeout: 120_000,
        interval: 200,
      });
    }
  }, 300_000);

  afterAll(async () => {
    stopHook?.();
    if (w.api) dropIndex(w.api.db.database.db);
    await w.api?.close();
  });
  return w;
}
