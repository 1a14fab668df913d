// The registry and photo matching wired together: a registry photo is fingerprinted by the background worker, staff
// and the public search by photo through the API, and a confirmed screening hit becomes a lead on the object's case.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDrivers } from '../support/db.ts';
import { runCli } from '../support/cli.ts';
import { PUBLIC_PHOTO_SEARCH_RATE_LIMIT } from '../../src/http/routes/matching.ts';
import type { Session } from '../support/api.ts';
import { act, createRelicsApi, day, draftObject, multipart } from '../relics/support.ts';
import {
  decideReview, fingerprintStatus, raiseLeadOnLinkedCase, resolvePhotoObjects, reviewQueue, screenListings, sha256Of, startRegistryFingerprinting, dropIndex,
} from '../../src/modules/matching/index.ts';
import { SYSTEM_ACTOR } from '../../src/modules/audit/index.ts';
import { caseEvents } from '../../src/modules/cases/index.ts';
import { notifications } from '../../src/modules/notifications/index.ts';
import { auditLog } from '../../src/modules/audit/index.ts';
import { eq, sql } from 'drizzle-orm';
import type { Viewer } from '../../src/modules/org/index.ts';
import { makeZip } from '../relics/zip.ts';
import { buildApp, jobQueueOf } from '../../src/http/app.ts';
import { scene } from './images.ts';

const withEnglish = <T extends { headers: Record<string, string> }>(m: T): T => ({ ...m, headers: { ...m.headers, 'accept-language': 'en' } });

/** A multipart body with several files (field → file). */
function multipartFiles(files: Record<string, { name: string; bytes: Buffer; type: string }>) {
  const boundary = `----lianfang${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [field, file] of Object.entries(files)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const PHOTOS = path.resolve(process.cwd(), '../shared/data/photos');
const PUBLISHED_PHOTO = path.join(PHOTOS, 'jade001_00.jpg');
const UNPUBLISHED_PHOTO = path.join(PHOTOS, 'jade010_00.jpg');
const available = fs.existsSync(PUBLISHED_PHOTO) && fs.existsSync(UNPUBLISHED_PHOTO);
if (!available) console.warn(`wiring tests skipped: the real registry photos are absent (${PUBLISHED_PHOTO}, ${UNPUBLISHED_PHOTO})`);

/** Another crop of the same photo: the central 70 %, smaller, recompressed — as a listing or a visitor would have it. */
async function otherCrop(bytes: Buffer): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const left = Math.round(width * 0.12);
  const top = Math.round(height * 0.18);
  return sharp(bytes).extract({ left, top, width: Math.round(width * 0.7), height: Math.round(height * 0.7) })
    .resize({ width: 700, withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
}

type Api = Awaited<ReturnType<typeof createRelicsApi>>;

describe.skipIf(!available).each(testDrivers())('registry ↔ matching wiring on %s', (driver) => {
  let api: Api;
  let heritage: Session;
  let commander: Session;
  let investigator: Session;
  let stopHook: () => void;
  let caseId: string;
  let published: { id: string; objectRef: string; publicationNo: string };
  let unpublished: { id: string; objectRef: string };
  const publishedBytes = () => fs.readFileSync(PUBLISHED_PHOTO);
  const unpublishedBytes = () => fs.readFileSync(UNPUBLISHED_PHOTO);

  beforeAll(async () => {
    api = await createRelicsApi(driver);
    heritage = await api.login('heritage.officer');
    commander = await api.login('nmg.commander');
    investigator = await api.login('hohhot.investigator');
    const db = api.db.database.db;
    // As the server does at start: the hook queues each new photo on the app's job queue, whose job fingerprints it.
    stopHook = startRegistryFingerprinting(db, jobQueueOf(api.app));

    const theCase = await api.request({ method: 'POST', url: '/api/cases', session: investigator, payload: { categoryCode: 'relic.trafficking', title: '玉碗被盗案', jurisdictionCode: '150102', reportedAt: day('2025-07-01') } });
    expect(theCase.statusCode, theCase.body).toBe(201);
    caseId = theCase.json().id;

    const draft = await draftObject(api, investigator, { caseId });
    const upload = await api.request({ method: 'POST', url: `/api/relics/objects/${draft.id}/photos?view=front`, session: investigator, ...multipart({}, { bytes: publishedBytes() }) });
    expect(upload.statusCode, upload.body).toBe(201);
    expect((await act(api, investigator, draft.id, { action: 'submit' })).statusCode).toBe(200);
    const approved = await act(api, commander, draft.id, { action: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    published = approved.json();

    unpublished = await draftObject(api, heritage, { titleZh: '未公开的玉器', titleEn: 'Unpublished jade' });
    const upload2 = await api.request({ method: 'POST', url: `/api/relics/objects/${unpublished.id}/photos?view=front`, session: heritage, ...multipart({}, { bytes: unpublishedBytes() }) });
    expect(upload2.statusCode, upload2.body).toBe(201);

    for (const bytes of [publishedBytes(), unpublishedBytes()]) {
      await vi.waitFor(async () => expect(await fingerprintStatus(db, sha256Of(bytes))).toMatchObject({ status: 'done' }), { timeout: 120_000, interval: 200 });
    }
  }, 300_000);

  afterAll(async () => {
    stopHook?.();
    if (api) dropIndex(api.db.database.db);
    await api?.close();
  });

  const publicSearch = (bytes: Buffer, type = 'image/jpeg') =>
    api.request({ method: 'POST', url: '/api/public/objects/search-by-photo', ...multipart({}, { bytes, type }) });

  it('the public finds a published object by another crop of its photo at rank 1, with its publication number and public fields only', async () => {
    const response = await publicSearch(await otherCrop(publishedBytes()));
    expect(response.statusCode, response.body).toBe(200);
    const [first] = response.json().items;
    expect(first).toMatchObject({ publicationNo: published.publicationNo, photo: { sha256: sha256Of(publishedBytes()), url: `/api/public/photos/${sha256Of(publishedBytes())}/web` } });
    expect(['strong', 'possible']).toContain(first.verdict);
    expect(first.score).toBeGreaterThan(0);
    expect(Object.keys(first).sort()).toEqual(['photo', 'publicationNo', 'regions', 'score', 'status', 'titleEn', 'titleZh', 'verdict']);
    expect(response.body).not.toContain(published.objectRef);
    expect(response.body).not.toContain('张三');
  }, 120_000);

  it('never returns the photo of an unpublished object to the public, while staff in scope find it', async () => {
    const query = await otherCrop(unpublishedBytes());
    const response = await publicSearch(query);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).not.toContain(sha256Of(unpublishedBytes()));
    expect(response.body).not.toContain(unpublished.objectRef);

    const staff = await api.request({ method: 'POST', url: '/api/matching/search?top=5', session: heritage, ...multipart({}, { bytes: query }) });
    expect(staff.statusCode, staff.body).toBe(200);
    expect(staff.json().items[0]).toMatchObject({ objectId: unpublished.id, objectRef: unpublished.objectRef, publicationNo: null, photo: { sha256: sha256Of(unpublishedBytes()) } });
    expect((await api.request({ method: 'POST', url: '/api/matching/search', ...multipart({}, { bytes: query }) })).statusCode).toBe(401);
  }, 120_000);

  it('refuses a file that is not an image with a clear 400, and a request without a file', async () => {
    const response = await publicSearch(Buffer.from('%PDF-1.4 this is not a photo'), 'application/pdf');
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('matching.not_an_image');
    expect(response.json().error.message).toMatch(/image|图片/);
    const empty = await api.request({ method: 'POST', url: '/api/public/objects/search-by-photo', ...multipart({ top: '3' }) });
    expect(empty.statusCode, empty.body).toBe(400);
    expect(empty.json().error.code).toBe('matching.image_missing');
    expect((await api.request({ method: 'POST', url: '/api/public/objects/search-by-photo', payload: { file: 'x' } })).statusCode).toBe(415);
  }, 60_000);

  it('maps photos to objects for the CLI', async () => {
    const objects = await resolvePhotoObjects(api.db.database.db, [sha256Of(publishedBytes()), sha256Of(unpublishedBytes())]);
    expect(objects.get(sha256Of(publishedBytes()))).toEqual({ objectRef: published.objectRef, publicationNo: published.publicationNo });
    expect(objects.get(sha256Of(unpublishedBytes()))).toEqual({ objectRef: unpublished.objectRef, publicationNo: null });
  });

  // A second process cannot open a PGlite folder the test app holds; on PostgreSQL the real command runs alongside.
  // (so the test exists only in the PostgreSQL half, rather than showing as an unexplained skip in the PGlite half)
  if (driver === 'postgres') it('lianfang match --format json prints the object_ref and publication_no of the photo found', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-match-'));
    try {
      fs.writeFileSync(path.join(dir, 'query.jpg'), await otherCrop(publishedBytes()));
      const found = await runCli(['match', path.join(dir, 'query.jpg'), '--top', '3', '--format', 'json'], api.db.location);
      expect(found.code, found.stderr).toBe(0);
      const rows = JSON.parse(found.stdout) as Array<Record<string, unknown>>;
      expect(rows[0]).toMatchObject({ object_ref: published.objectRef, publication_no: published.publicationNo, score: expect.any(Number), verdict: expect.stringMatching(/strong|possible/) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a screening hit, confirmed by a reviewer, becomes a lead on the object\'s linked case', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-screen-'));
    try {
      fs.writeFileSync(path.join(dir, 'listing.jpg'), await otherCrop(publishedBytes()));
      fs.writeFileSync(path.join(dir, 'listings.csv'), 'source,reference,title,images\nauction-house,LOT-17,Jade bowl,listing.jpg\n');
      const summary = await screenListings(api.db.database.db, { file: path.join(dir, 'listings.csv'), images: dir });
      expect(summary.queuedForReview).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const queue = await api.request({ method: 'GET', url: '/api/matching/reviews', session: investigator });
    expect(queue.statusCode, queue.body).toBe(200);
    const item = queue.json().items.find((i: { reference: string }) => i.reference === 'LOT-17');
    expect(item).toMatchObject({ objectId: published.id, publicationNo: published.publicationNo, bestSha256: sha256Of(publishedBytes()) });

    const decided = await api.request({ method: 'POST', url: `/api/matching/reviews/${item.id}/decision`, session: investigator, payload: { decision: 'confirmed' } });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toEqual({ caseId });
    const timeline = (await api.request({ method: 'GET', url: `/api/cases/${caseId}/timeline`, session: investigator })).json().items;
    expect(timeline.map((e: { kind: string }) => e.kind)).toContain('lead_from_screening');
    // The object's jurisdiction is notified: the investigator there and the province above see it, a sibling city does not.
    const seen = await api.request({ method: 'GET', url: '/api/notifications', session: investigator, headers: { 'accept-language': 'en' } });
    expect(seen.statusCode, seen.body).toBe(200);
    const note = seen.json().items.find((n: { link: string }) => n.link === `/cases/${caseId}`);
    expect(note).toMatchObject({ kind: 'matching.screening_hit', readAt: null, params: { objectRef: published.objectRef, reference: 'LOT-17' } });
    expect(note.title).toContain(published.objectRef);
    expect(note.body).toContain('LOT-17');
    expect(seen.json().unread).toBeGreaterThanOrEqual(1);
    const province = (await api.request({ method: 'GET', url: '/api/notifications', session: commander })).json();
    expect(province.items.map((n: { id: number }) => n.id)).toContain(note.id);
    expect(province.items.find((n: { id: number }) => n.id === note.id).title).toMatch(/市场筛查命中已确认/);
    const baotou = await api.login('baotou.investigator');
    expect((await api.request({ method: 'GET', url: '/api/notifications', session: baotou })).json().items.map((n: { id: number }) => n.id)).not.toContain(note.id);
    expect((await api.request({ method: 'POST', url: `/api/notifications/${note.id}/read`, session: baotou })).statusCode).toBe(404);
    expect((await api.request({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    const read = await api.request({ method: 'POST', url: `/api/notifications/${note.id}/read`, session: investigator });
    expect(read.json()).toEqual({ marked: 1 });
    const after = (await api.request({ method: 'GET', url: '/api/notifications?unread=true', session: investigator })).json();
    expect(after.items.map((n: { id: number }) => n.id)).not.toContain(note.id);
    expect(after.unread).toBe(seen.json().unread - 1);
    // Read is per person: the province's commander has not read it yet.
    const provinceAfter = (await api.request({ method: 'GET', url: '/api/notifications?unread=true', session: commander })).json();
    expect(provinceAfter.items.map((n: { id: number }) => n.id)).toContain(note.id);
    // Decided once: a second decision finds nothing to decide.
    expect((await api.request({ method: 'POST', url: `/api/matching/reviews/${item.id}/decision`, session: investigator, payload: { decision: 'rejected' } })).statusCode).toBe(404);
  }, 120_000);

  it('a confirmed hit on an object without a linked case opens a new case once; later hits on it go to that case', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-screen-'));
    try {
      fs.writeFileSync(path.join(dir, 'draft.jpg'), await otherCrop(unpublishedBytes()));
      fs.writeFileSync(path.join(dir, 'listings.csv'), 'source,reference,title,images\nonline-market,ITEM-1,Jade,draft.jpg\nonline-market,ITEM-2,Jade again,draft.jpg\n');
      expect((await screenListings(api.db.database.db, { file: path.join(dir, 'listings.csv'), images: dir })).queuedForReview).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const items = (await api.request({ method: 'GET', url: '/api/matching/reviews', session: investigator })).json().items
      .filter((i: { reference: string }) => i.reference.startsWith('ITEM-'));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ objectId: unpublished.id, publicationNo: null });
    const first = await api.request({ method: 'POST', url: `/api/matching/reviews/${items[0].id}/decision`, session: investigator, payload: { decision: 'confirmed' } });
    expect(first.statusCode, first.body).toBe(200);
    const opened = first.json().caseId as string;
    expect(opened).toBeTruthy();
    expect(opened).not.toBe(caseId);
    const second = await api.request({ method: 'POST', url: `/api/matching/reviews/${items[1].id}/decision`, session: investigator, payload: { decision: 'confirmed' } });
    expect(second.json()).toEqual({ caseId: opened });
    const timeline = (await api.request({ method: 'GET', url: `/api/cases/${opened}/timeline`, session: investigator })).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'lead_from_screening')).toHaveLength(2);
  }, 120_000);

  it('limits public photo searches per address (429 after the limit)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_PHOTO_SEARCH_RATE_LIMIT.max + 1; i++) {
      statuses.push((await api.request({ method: 'POST', url: '/api/public/objects/search-by-photo', remoteAddress: '203.0.113.9', ...multipart({}, { bytes: Buffer.from('not an image') }) })).statusCode);
    }
    expect(statuses.slice(0, PUBLIC_PHOTO_SEARCH_RATE_LIMIT.max).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another address is not affected.
    expect((await api.request({ method: 'POST', url: '/api/public/objects/search-by-photo', remoteAddress: '203.0.113.10', ...multipart({}, { bytes: Buffer.from('not an image') }) })).statusCode).toBe(400);
  }, 60_000);

  it('matches a listing by text too: the same object by photo and words is "photo+text", words alone give a labelled, never strong, text candidate', async () => {
    const db = api.db.database.db;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-screen-'));
    try {
      fs.writeFileSync(path.join(dir, 'both.jpg'), await otherCrop(publishedBytes()));
      fs.writeFileSync(path.join(dir, 'unrelated.jpg'), await scene(501));
      fs.writeFileSync(path.join(dir, 'listings.csv'), [
        'source,reference,title,description,images',
        'market,TXT-1,青玉双耳碗,Celadon jade bowl with two handles,both.jpg',
        'market,TXT-2,青玉双耳碗,"Celadon jade bowl, Qianlong seal mark",unrelated.jpg',
      ].join('\n'));
      const summary = await screenListings(db, { file: path.join(dir, 'listings.csv'), images: dir });
      expect(summary).toMatchObject({ screened: 2, queuedForReview: 2 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const items = (await api.request({ method: 'GET', url: '/api/matching/reviews', session: investigator })).json().items;
    const both = items.find((i: { reference: string }) => i.reference === 'TXT-1');
    expect(both.candidates[0]).toMatchObject({ kind: 'photo+text', publicationNo: published.publicationNo, objectId: published.id, sha256: sha256Of(publishedBytes()) });
    expect(both.candidates[0].words).toEqual(expect.arrayContaining(['青玉', '双耳', 'celadon', 'jade', 'bowl']));
    expect(['strong', 'possible']).toContain(both.bestVerdict);
    const text = items.find((i: { reference: string }) => i.reference === 'TXT-2');
    expect(text).toMatchObject({ bestVerdict: 'text_only', objectId: published.id, description: 'Celadon jade bowl, Qianlong seal mark' });
    // The unrelated photo may share a few keypoints with the object's photo (then "photo+text"); the verdict is the words'.
    const candidate = text.candidates.find((c: { publicationNo: string }) => c.publicationNo === published.publicationNo);
    expect(candidate).toMatchObject({ kind: expect.stringMatching(/^(text|photo\+text)$/), verdict: 'possible', verdictFrom: 'text' });
    expect(candidate.words).toEqual(expect.arrayContaining(['qianlong', 'celadon']));
    expect(items.every((i: { candidates: Array<{ verdictFrom: string; verdict: string }> }) => i.candidates.every((c) => c.verdictFrom !== 'text' || c.verdict !== 'strong'))).toBe(true);
  }, 120_000);

  it('a decision is all or nothing: a failure after the lead is written leaves the hit queued and no lead, case event or notification', async () => {
    const db = api.db.database.db;
    const queued = (await reviewQueue(db, sql`true`, 500)).find((q) => q.reference === 'TXT-1');
    expect(queued).toBeTruthy();
    const count = async () => ({
      events: (await db.select().from(caseEvents)).filter((e) => e.kind === 'lead_from_screening').length,
      notes: (await db.select().from(notifications)).length,
    });
    const before = await count();
    const reviewer: Viewer = {
      userId: investigator.me.id, username: 'hohhot.investigator', roles: ['investigator'], agencyId: investigator.me.agency.id,
      agencyKind: 'public_security', jurisdictionCode: '150100', jurisdictionLevel: 'city',
    };
    const raise = raiseLeadOnLinkedCase(SYSTEM_ACTOR, reviewer);
    let wrote = false;
    await expect(decideReview(db, queued!.id, 'confirmed', async (tx, hit) => {
      const lead = await raise(tx, hit);
      wrote = lead !== null;
      throw new Error('fails after the lead and the notification were written');
    }, SYSTEM_ACTOR)).rejects.toThrow(/fails after/);
    expect(wrote).toBe(true);
    expect(await count()).toEqual(before);
    expect((await reviewQueue(db, sql`true`, 500)).find((q) => q.id === queued!.id)).toBeTruthy();
    // And it can still be decided afterwards.
    expect(await decideReview(db, queued!.id, 'confirmed', raise, SYSTEM_ACTOR)).toEqual({ caseId });
    expect(await count()).toEqual({ events: before.events + 1, notes: before.notes + 1 });
  }, 60_000);

  /** Starts a screening upload (202 at once) and follows its progress until the summary is there. */
  async function screenUpload(session: Session, body: { payload: Buffer; headers: Record<string, string> }) {
    const started = await api.request({ method: 'POST', url: '/api/matching/screenings', session, ...body });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ state: 'running', done: 0, summary: null });
    const { batchId, total } = started.json();
    const seen: number[] = [];
    let job: { state: string; done: number; total: number; percent: number; summary: Record<string, unknown> } | undefined;
    await vi.waitFor(async () => {
      const progress = await api.request({ method: 'GET', url: `/api/matching/screenings/${batchId}`, session, headers: body.headers['accept-language'] ? { 'accept-language': body.headers['accept-language'] } : {} });
      expect(progress.statusCode, progress.body).toBe(200);
      job = progress.json();
      seen.push(job!.done);
      expect(job!.state).toBe('done');
    }, { timeout: 120_000, interval: 100 });
    expect(job).toMatchObject({ done: total, total, percent: 100 });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    return { batchId, job: job! };
  }

  it('screens an upload of a listings file and an images zip as a server job: 202 at once, progress for its user only, then the summary; an empty zip gives a per-listing error', async () => {
    const csv = Buffer.from('source,reference,title,images\nupload,UP-1,bowl,lot.jpg\nupload,UP-2,vase,other.jpg\n');
    const { batchId, job } = await screenUpload(investigator, withEnglish(multipartFiles({ listings: { name: 'listings.csv', bytes: csv, type: 'text/csv' }, images: { name: 'images.zip', bytes: makeZip([{ name: 'lot.jpg', data: await otherCrop(publishedBytes()) }]), type: 'application/zip' } })));
    expect(job.summary).toMatchObject({ batchId, listingImages: 2, screened: 1, queuedForReview: 1, errors: [{ row: 3, image: 'other.jpg', code: 'matching.photo_missing', message: 'The photo file cannot be found' }] });
    // Another user does not see the batch's progress; the start is audited.
    const other = await api.login('baotou.investigator');
    const foreign = await api.request({ method: 'GET', url: `/api/matching/screenings/${batchId}`, session: other });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('matching.screening_not_found');
    const audit = await api.db.database.db.select().from(auditLog).where(eq(auditLog.action, 'matching.screening.start'));
    expect(audit.find((a) => a.entityId === batchId)).toMatchObject({ actorUsername: 'hohhot.investigator', after: { fileName: 'listings.csv', listingImages: 2, threshold: 'possible' } });
    // Nothing of the upload is left on disk once the batch is done.
    expect(fs.readdirSync(path.join(api.config.dataDir, 'job-files'))).toEqual([]);

    const csv2 = Buffer.from('source,reference,images\nupload,UP-3,a.jpg\n');
    const empty = await screenUpload(investigator, multipartFiles({ listings: { name: 'l.csv', bytes: csv2, type: 'text/csv' }, images: { name: 'images.zip', bytes: makeZip([]), type: 'application/zip' } }));
    expect(empty.job.summary.errors).toEqual([{ row: 2, image: 'a.jpg', code: 'matching.images_zip_empty', message: expect.stringMatching(/压缩包/) }]);

    const noListings = await api.request({ method: 'POST', url: '/api/matching/screenings', session: investigator, ...multipartFiles({ images: { name: 'images.zip', bytes: makeZip([]), type: 'application/zip' } }) });
    expect(noListings.statusCode).toBe(400);
    expect(noListings.json().error.code).toBe('matching.listings_file_missing');
    // A listings file the server cannot use is refused at once, and its upload is not kept.
    const badColumns = await api.request({ method: 'POST', url: '/api/matching/screenings', session: investigator, ...multipartFiles({ listings: { name: 'l.csv', bytes: Buffer.from('title\nbowl\n'), type: 'text/csv' } }) });
    expect(badColumns.statusCode, badColumns.body).toBe(400);
    expect(badColumns.json().error.code).toBe('matching.listings_missing_columns');
    expect(fs.readdirSync(path.join(api.config.dataDir, 'job-files'))).toEqual([]);
    expect((await api.request({ method: 'POST', url: '/api/matching/screenings', ...multipartFiles({ listings: { name: 'l.csv', bytes: csv2, type: 'text/csv' } }) })).statusCode).toBe(401);
    expect((await api.request({ method: 'GET', url: `/api/matching/screenings/${batchId}` })).statusCode).toBe(401);
  }, 120_000);

  it('a batch queued while no server worked the queue is screened by the next one at start, once, and its user follows it there', async () => {
    const listings = Buffer.from('source,reference,title,images\nresume,R-1,bowl,a.jpg\nresume,R-2,b,b.jpg\nresume,R-3,c,c.jpg\n');
    const images = makeZip([{ name: 'a.jpg', data: await otherCrop(publishedBytes()) }, { name: 'b.jpg', data: await scene(301) }, { name: 'c.jpg', data: await scene(302) }]);
    // A server that only sends jobs (its workers down) records the batch and queues it, then stops.
    const first = await buildApp({ ...api.config, jobWorkers: false }, api.db.database);
    let batchId: string;
    try {
      await first.ready();
      const body = multipartFiles({ listings: { name: 'resume.csv', bytes: listings, type: 'text/csv' }, images: { name: 'images.zip', bytes: images, type: 'application/zip' } });
      const started = await first.inject({
        method: 'POST', url: '/api/matching/screenings', payload: body.payload,
        headers: { ...body.headers, cookie: investigator.cookie, 'x-csrf-token': investigator.csrfToken },
      });
      expect(started.statusCode, started.body).toBe(202);
      batchId = started.json().batchId;
    } finally {
      await first.close();
    }
    const next = await buildApp(api.config, api.db.database);
    try {
      await next.ready();
      let job2: { state: string; summary: unknown } | undefined;
      await vi.waitFor(async () => {
        const progress = await next.inject({ method: 'GET', url: `/api/matching/screenings/${batchId}`, headers: { cookie: investigator.cookie } });
        expect(progress.statusCode, progress.body).toBe(200);
        job2 = progress.json();
        expect(job2!.state).toBe('done');
      }, { timeout: 60_000, interval: 100 });
      expect(job2).toMatchObject({ done: 3, total: 3, summary: { batchId, listingImages: 3, screened: 3 } });
      expect(fs.readdirSync(path.join(api.config.dataDir, 'job-files'))).toEqual([]);
    } finally {
      await next.close();
    }
  }, 120_000);

  it('keeps the listing photo of a queued hit, without metadata, for reviewers who may see the object; another jurisdiction gets 404', async () => {
    // The listing photo carries EXIF (a camera and a GPS position) that must not be served.
    const listingPhoto = await sharp(await otherCrop(publishedBytes())).withMetadata({ exif: { IFD0: { Make: 'SecretCam', Artist: 'seller-name' } } }).jpeg().toBuffer();
    expect((await sharp(listingPhoto).metadata()).exif).toBeTruthy();
    const csv = Buffer.from('source,reference,title,images\nphoto,PH-1,jade bowl,lot.jpg\n');
    const { job } = await screenUpload(investigator, multipartFiles({ listings: { name: 'photo.csv', bytes: csv, type: 'text/csv' }, images: { name: 'images.zip', bytes: makeZip([{ name: 'lot.jpg', data: listingPhoto }]), type: 'application/zip' } }));
    expect(job.summary).toMatchObject({ screened: 1, queuedForReview: 1 });
    const reviews = await api.request({ method: 'GET', url: '/api/matching/reviews', session: investigator });
    const item = reviews.json().items.find((i: { reference: string }) => i.reference === 'PH-1');
    expect(item).toMatchObject({ objectId: published.id, listingPhotoUrl: `/api/matching/reviews/${item.id}/photo/web` });
    const photo = await api.request({ method: 'GET', url: item.listingPhotoUrl, session: investigator });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    const served = await sharp(photo.rawPayload).metadata();
    expect(served.exif).toBeUndefined();
    expect(photo.rawPayload.includes(Buffer.from('SecretCam'))).toBe(false);
    expect((await api.request({ method: 'GET', url: `/api/matching/reviews/${item.id}/photo/thumb`, session: commander })).statusCode).toBe(200);
    // Outside the object's jurisdiction, or unknown: not found; without a session: 401.
    const baotou = await api.login('baotou.investigator');
    const foreign = await api.request({ method: 'GET', url: item.listingPhotoUrl, session: baotou });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('matching.listing_photo_not_found');
    expect((await api.request({ method: 'GET', url: `/api/matching/reviews/${item.id + 1000}/photo/web`, session: investigator })).statusCode).toBe(404);
    expect((await api.request({ method: 'GET', url: item.listingPhotoUrl })).statusCode).toBe(401);
  }, 120_000);
});
