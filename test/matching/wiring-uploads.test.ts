// Screening uploads through the API: a server job with progress for its user, resumed by the next server after a stop,
// and the listing photo of a queued hit kept without metadata for reviewers who may see the object.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { auditLog } from '../../src/modules/audit/index.ts';
import { makeZip } from '../relics/zip.ts';
import type { Session } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';
import { scene } from './images.ts';
import { available, multipartFiles, otherCrop, publishedBytes, wiring, withEnglish } from './wiring-support.ts';

describe.skipIf(!available).each(testDrivers())('screening uploads as server jobs on %s', (driver) => {
  const w = wiring(driver);

  /** Starts a screening upload (202 at once) and follows its progress until the summary is there. */
  async function screenUpload(session: Session, body: { payload: Buffer; headers: Record<string, string> }) {
    const started = await w.api.request({ method: 'POST', url: '/api/matching/screenings', session, ...body });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ state: 'running', done: 0, summary: null });
    const { batchId, total } = started.json();
    const seen: number[] = [];
    let job: { state: string; done: number; total: number; percent: number; summary: Record<string, unknown> } | undefined;
    await vi.waitFor(
      async () => {
        const progress = await w.api.request({
          method: 'GET',
          url: `/api/matching/screenings/${batchId}`,
          session,
          headers: body.headers['accept-language'] ? { 'accept-language': body.headers['accept-language'] } : {},
        });
        expect(progress.statusCode, progress.body).toBe(200);
        job = progress.json();
        seen.push(job!.done);
        expect(job!.state).toBe('done');
      },
      { timeout: 120_000, interval: 100 },
    );
    expect(job).toMatchObject({ done: total, total, percent: 100 });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    return { batchId, job: job! };
  }

  it('screens an upload of a listings file and an images zip as a server job: 202 at once, progress for its user only, then the summary; an empty zip gives a per-listing error', async () => {
    const { api, investigator } = w;
    const csv = Buffer.from('source,reference,title,images\nupload,UP-1,bowl,lot.jpg\nupload,UP-2,vase,other.jpg\n');
    const { batchId, job } = await screenUpload(
      investigator,
      withEnglish(
        multipartFiles({
          listings: { name: 'listings.csv', bytes: csv, type: 'text/csv' },
          images: { name: 'images.zip', bytes: makeZip([{ name: 'lot.jpg', data: await otherCrop(publishedBytes()) }]), type: 'application/zip' },
        }),
      ),
    );
    expect(job.summary).toMatchObject({
      batchId,
      listingImages: 2,
      screened: 1,
      queuedForReview: 1,
      errors: [{ row: 3, image: 'other.jpg', code: 'matching.photo_missing', message: 'The photo file cannot be found' }],
    });
    // Another user does not see the batch's progress; the start is audited.
    const other = await api.login('baotou.investigator');
    const foreign = await api.request({ method: 'GET', url: `/api/matching/screenings/${batchId}`, session: other });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('matching.screening_not_found');
    const audit = await api.db.database.db.select().from(auditLog).where(eq(auditLog.action, 'matching.screening.start'));
    expect(audit.find((a) => a.entityId === batchId)).toMatchObject({
      actorUsername: 'hohhot.investigator',
      after: { fileName: 'listings.csv', listingImages: 2, threshold: 'possible' },
    });
    // Nothing of the upload is left on disk once the batch is done.
    expect(fs.readdirSync(path.join(api.config.dataDir, 'job-files'))).toEqual([]);

    const csv2 = Buffer.from('source,reference,images\nupload,UP-3,a.jpg\n');
    const empty = await screenUpload(
      investigator,
      multipartFiles({
        listings: { name: 'l.csv', bytes: csv2, type: 'text/csv' },
        images: { name: 'images.zip', bytes: makeZip([]), type: 'application/zip' },
      }),
    );
    expect(empty.job.summary.errors).toEqual([
      { row: 2, image: 'a.jpg', code: 'matching.images_zip_empty', message: expect.stringMatching(/压缩包/) },
    ]);

    const noListings = await api.request({
      method: 'POST',
      url: '/api/matching/screenings',
      session: investigator,
      ...multipartFiles({ images: { name: 'images.zip', bytes: makeZip([]), type: 'application/zip' } }),
    });
    expect(noListings.statusCode).toBe(400);
    expect(noListings.json().error.code).toBe('matching.listings_file_missing');
    // A listings file the server cannot use is refused at once, and its upload is not kept.
    const badColumns = await api.request({
      method: 'POST',
      url: '/api/matching/screenings',
      session: investigator,
      ...multipartFiles({ listings: { name: 'l.csv', bytes: Buffer.from('title\nbowl\n'), type: 'text/csv' } }),
    });
    expect(badColumns.statusCode, badColumns.body).toBe(400);
    expect(badColumns.json().error.code).toBe('matching.listings_missing_columns');
    expect(fs.readdirSync(path.join(api.config.dataDir, 'job-files'))).toEqual([]);
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/api/matching/screenings',
          ...multipartFiles({ listings: { name: 'l.csv', bytes: csv2, type: 'text/csv' } }),
        })
      ).statusCode,
    ).toBe(401);
    expect((await api.request({ method: 'GET', url: `/api/matching/screenings/${batchId}` })).statusCode).toBe(401);
  }, 120_000);

  it('a batch queued while no server worked the queue is screened by the next one at start, once, and its user follows it there', async () => {
    const { api, investigator } = w;
    const listings = Buffer.from('source,reference,title,images\nresume,R-1,bowl,a.jpg\nresume,R-2,b,b.jpg\nresume,R-3,c,c.jpg\n');
    const images = makeZip([
      { name: 'a.jpg', data: await otherCrop(publishedBytes()) },
      { name: 'b.jpg', data: await scene(301) },
      { name: 'c.jpg', data: await scene(302) },
    ]);
    // A server that only sends jobs (its workers down) records the batch and queues it, then stops.
    const first = await buildApp({ ...api.config, jobWorkers: false }, api.db.database);
    let batchId: string;
    try {
      await first.ready();
      const body = multipartFiles({
        listings: { name: 'resume.csv', bytes: listings, type: 'text/csv' },
        images: { name: 'images.zip', bytes: images, type: 'application/zip' },
      });
      const started = await first.inject({
        method: 'POST',
        url: '/api/matching/screenings',
        payload: body.payload,
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
      await vi.waitFor(
        async () => {
          const progress = await next.inject({ method: 'GET', url: `/api/matching/screenings/${batchId}`, headers: { cookie: investigator.cookie } });
          expect(progress.statusCode, progress.body).toBe(200);
          job2 = progress.json();
          expect(job2!.state).toBe('done');
        },
        { timeout: 60_000, interval: 100 },
      );
      expect(job2).toMatchObject({ done: 3, total: 3, summary: { batchId, listingImages: 3, screened: 3 } });
      expect(fs.readdirSync(path.join(api.config.dataDir, 'job-files'))).toEqual([]);
    } finally {
      await next.close();
    }
  }, 120_000);

  it('keeps the listing photo of a queued hit, without metadata, for reviewers who may see the object; another jurisdiction gets 404', async () => {
    const { api, investigator, commander, published } = w;
    // The listing photo carries EXIF (a camera and the seller's name) that must not be served.
    const listingPhoto = await sharp(await otherCrop(publishedBytes()))
      .withMetadata({ exif: { IFD0: { Make: 'SecretCam', Artist: 'seller-name' } } })
      .jpeg()
      .toBuffer();
    expect((await sharp(listingPhoto).metadata()).exif?.includes(Buffer.from('SecretCam'))).toBe(true);
    const csv = Buffer.from('source,reference,title,images\nphoto,PH-1,jade bowl,lot.jpg\n');
    const { job } = await screenUpload(
      investigator,
      multipartFiles({
        listings: { name: 'photo.csv', bytes: csv, type: 'text/csv' },
        images: { name: 'images.zip', bytes: makeZip([{ name: 'lot.jpg', data: listingPhoto }]), type: 'application/zip' },
      }),
    );
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
    const unknown = await api.request({ method: 'GET', url: `/api/matching/reviews/${item.id + 1000}/photo/web`, session: investigator });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('matching.listing_photo_not_found');
    expect((await api.request({ method: 'GET', url: item.listingPhotoUrl })).statusCode).toBe(401);
  }, 120_000);
});
