// A confirmed screening hit belongs to the registry object it was confirmed for, in the reviewer's scope: never to an
// older object elsewhere that happens to share the photo. And the review queue is scoped before its limit.

import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents } from '../../src/modules/cases/index.ts';
import { screeningBatches, screeningListings } from '../../src/modules/matching/schema.ts';
import { notifications } from '../../src/modules/notifications/index.ts';
import { relicPhotos } from '../../src/modules/relics/index.ts';
import { createRelicsApi, day, draftObject, jpegWithGps, multipart } from '../relics/support.ts';
import type { Session } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

type Api = Awaited<ReturnType<typeof createRelicsApi>>;

describe.each(testDrivers())('screening review scope on %s', (driver) => {
  let api: Api;
  let hohhot: Session;
  let baotou: Session;
  let hohhotCaseId: string;
  let photoSha: string;
  let baotouObject: { id: string; objectRef: string };
  let batchId: string;

  /** Queues a hit on the shared photo, as screening would (the decision does not depend on how the hit was found). */
  async function queueHit(reference: string, score = 0.9): Promise<number> {
    const [row] = await api.db.database.db
      .insert(screeningListings)
      .values({
        batchId,
        rowNo: 1,
        source: 'online-market',
        reference,
        imageKey: `key-${reference}`,
        imagePath: `${reference}.jpg`,
        status: 'screened',
        bestSha256: photoSha,
        bestScore: score,
        bestVerdict: 'strong',
        candidates: [],
        reviewStatus: 'queued',
      })
      .returning({ id: screeningListings.id });
    return row!.id;
  }

  async function uploadPhoto(session: Session, objectId: string, bytes: Buffer): Promise<string> {
    const upload = await api.request({
      method: 'POST',
      url: `/api/relics/objects/${objectId}/photos?view=front`,
      session,
      ...multipart({}, { bytes }),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const [photo] = await api.db.database.db.select({ sha256: relicPhotos.sha256 }).from(relicPhotos).where(eq(relicPhotos.objectId, objectId));
    return photo!.sha256;
  }

  beforeAll(async () => {
    api = await createRelicsApi(driver);
    hohhot = await api.login('hohhot.investigator');
    baotou = await api.login('baotou.investigator');
    const theCase = await api.request({
      method: 'POST',
      url: '/api/cases',
      session: hohhot,
      payload: { categoryCode: 'relic.trafficking', title: '玉碗被盗案', jurisdictionCode: '150102', reportedAt: day('2025-07-01') },
    });
    expect(theCase.statusCode, theCase.body).toBe(201);
    hohhotCaseId = theCase.json().id;
    const bytes = await jpegWithGps(900, 700);
    // The older object: Hohhot's, linked to Hohhot's case.
    const hohhotObject = await draftObject(api, hohhot, { caseId: hohhotCaseId });
    photoSha = await uploadPhoto(hohhot, hohhotObject.id, bytes);
    // The newer object in Baotou, with the same photo bytes and no case.
    baotouObject = await draftObject(api, baotou, { jurisdictionCode: '150203', titleZh: '青玉碗', inventoryNo: 'BT-1' });
    expect(await uploadPhoto(baotou, baotouObject.id, bytes)).toBe(photoSha);
    const [batch] = await api.db.database.db
      .insert(screeningBatches)
      .values({ fileName: 'listings.csv', fileSha256: 'review-scope' })
      .returning({ id: screeningBatches.id });
    batchId = batch!.id;
  }, 180_000);
  afterAll(() => api?.close());

  it("a hit Baotou confirms goes to Baotou's object and never writes into Hohhot's case", async () => {
    const listingId = await queueHit('LOT-BT-1');
    const decided = await api.request({
      method: 'POST',
      url: `/api/matching/reviews/${listingId}/decision`,
      session: baotou,
      payload: { decision: 'confirmed' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const caseId = decided.json().caseId as string;
    expect(caseId).not.toBe(hohhotCaseId);
    // Baotou can read the case its confirmation wrote to: a new case in Baotou's object's jurisdiction.
    const opened = await api.request({ method: 'GET', url: `/api/cases/${caseId}`, session: baotou });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().jurisdictionCode).toBe('150203');
    const db = api.db.database.db;
    const hohhotLeads = await db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, hohhotCaseId), eq(caseEvents.kind, 'lead_from_screening')));
    expect(hohhotLeads).toEqual([]);
    const notes = await db.select({ jurisdiction: notifications.recipientJurisdiction, link: notifications.link }).from(notifications);
    expect(notes).toEqual([{ jurisdiction: '150203', link: `/cases/${caseId}` }]);
    expect((await api.request({ method: 'GET', url: '/api/notifications', session: hohhot })).json().items).toEqual([]);
  });

  it("a confirmation for an object outside the reviewer's scope is not found, and writes nothing", async () => {
    const listingId = await queueHit('LOT-BT-2');
    const hohhotObjectId = (
      await api.db.database.db
        .select({ id: relicPhotos.objectId })
        .from(relicPhotos)
        .where(sql`${relicPhotos.sha256} = ${photoSha} and ${relicPhotos.objectId} <> ${baotouObject.id}`)
    )[0]!.id;
    const before = (await api.db.database.db.select({ n: sql<number>`count(*)::int` }).from(caseEvents))[0]!.n;
    const refused = await api.request({
      method: 'POST',
      url: `/api/matching/reviews/${listingId}/decision`,
      session: baotou,
      payload: { decision: 'confirmed', objectId: hohhotObjectId },
    });
    expect(refused.statusCode, refused.body).toBe(404);
    expect(refused.json().error.code).toBe('matching.review_not_found');
    expect((await api.db.database.db.select({ n: sql<number>`count(*)::int` }).from(caseEvents))[0]!.n).toBe(before);
    const [listing] = await api.db.database.db
      .select({ status: screeningListings.reviewStatus })
      .from(screeningListings)
      .where(eq(screeningListings.id, listingId));
    expect(listing!.status).toBe('queued');
    // Named rightly, the same hit is confirmed.
    const confirmed = await api.request({
      method: 'POST',
      url: `/api/matching/reviews/${listingId}/decision`,
      session: baotou,
      payload: { decision: 'confirmed', objectId: baotouObject.id },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
  });

  it("when two objects in the reviewer's scope share the photo, the reviewer must say which one", async () => {
    const commander = await api.login('nmg.commander');
    const listingId = await queueHit('LOT-NMG-1');
    const ambiguous = await api.request({
      method: 'POST',
      url: `/api/matching/reviews/${listingId}/decision`,
      session: commander,
      payload: { decision: 'confirmed' },
    });
    expect(ambiguous.statusCode, ambiguous.body).toBe(400);
    expect(ambiguous.json().error.fields).toEqual([expect.objectContaining({ path: '/objectId' })]);
    const chosen = await api.request({
      method: 'POST',
      url: `/api/matching/reviews/${listingId}/decision`,
      session: commander,
      payload: { decision: 'confirmed', objectId: baotouObject.id },
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    const hohhotLeads = await api.db.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, hohhotCaseId), eq(caseEvents.kind, 'lead_from_screening')));
    expect(hohhotLeads).toEqual([]);
  });

  it("the review queue is scoped before its limit: a county's hit is listed though the country has 500 better ones elsewhere", async () => {
    const db = api.db.database.db;
    // 501 better-scored hits on a photo only Hohhot may see.
    const hohhotOnly = await draftObject(api, hohhot, { titleZh: '另一件玉器', inventoryNo: 'HH-2' });
    const otherSha = await uploadPhoto(hohhot, hohhotOnly.id, await jpegWithGps(640, 480));
    await db.insert(screeningListings).values(
      Array.from({ length: 501 }, (_, i) => ({
        batchId,
        rowNo: i + 2,
        source: 'bulk',
        reference: `HH-${i}`,
        imageKey: `hh-${i}`,
        imagePath: `hh-${i}.jpg`,
        status: 'screened',
        bestSha256: otherSha,
        bestScore: 0.99,
        bestVerdict: 'strong',
        candidates: [],
        reviewStatus: 'queued',
      })),
    );
    const mine = await queueHit('LOT-BT-3', 0.5);
    const queue = await api.request({ method: 'GET', url: '/api/matching/reviews', session: baotou });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().items.map((i: { id: number }) => i.id)).toContain(mine);
    expect(queue.json().items.every((i: { objectId: string }) => i.objectId === baotouObject.id)).toBe(true);
  });
});
