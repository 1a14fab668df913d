// Screening hits wired to cases: a reviewer's confirmation becomes a lead on the object's linked case (or one new case)
// with a notification to the object's jurisdiction, all or nothing; listings are matched by text as well as by photo.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/audit/index.ts';
import { caseEvents } from '../../src/modules/cases/index.ts';
import { decideReview, raiseLeadOnLinkedCase, reviewQueue, screenListings, sha256Of } from '../../src/modules/matching/index.ts';
import { notifications } from '../../src/modules/notifications/index.ts';
import type { Viewer } from '../../src/modules/org/index.ts';
import { testDrivers } from '../support/db.ts';
import { scene } from './images.ts';
import { available, otherCrop, publishedBytes, unpublishedBytes, wiring } from './wiring-support.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.skipIf(!available).each(testDrivers())('screening hits wired to cases on %s', (driver) => {
  const w = wiring(driver);

  /** Screens a listings file (CSV text) with its images (file name → bytes) and returns the summary. */
  async function screen(csv: string, images: Record<string, Buffer>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-screen-'));
    try {
      for (const [name, bytes] of Object.entries(images)) fs.writeFileSync(path.join(dir, name), bytes);
      fs.writeFileSync(path.join(dir, 'listings.csv'), csv);
      return await screenListings(w.api.db.database.db, { file: path.join(dir, 'listings.csv'), images: dir });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it("a screening hit, confirmed by a reviewer, becomes a lead on the object's linked case", async () => {
    const { api, investigator, commander, published, caseId } = w;
    const summary = await screen('source,reference,title,images\nauction-house,LOT-17,Jade bowl,listing.jpg\n', {
      'listing.jpg': await otherCrop(publishedBytes()),
    });
    expect(summary.queuedForReview).toBe(1);
    const queue = await api.request({ method: 'GET', url: '/api/matching/reviews', session: investigator });
    expect(queue.statusCode, queue.body).toBe(200);
    const item = queue.json().items.find((i: { reference: string }) => i.reference === 'LOT-17');
    expect(item).toMatchObject({ objectId: published.id, publicationNo: published.publicationNo, bestSha256: sha256Of(publishedBytes()) });

    const decided = await api.request({
      method: 'POST',
      url: `/api/matching/reviews/${item.id}/decision`,
      session: investigator,
      payload: { decision: 'confirmed' },
    });
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
    expect(
      (await api.request({ method: 'GET', url: '/api/notifications', session: baotou })).json().items.map((n: { id: number }) => n.id),
    ).not.toContain(note.id);
    const foreignRead = await api.request({ method: 'POST', url: `/api/notifications/${note.id}/read`, session: baotou });
    expect(foreignRead.statusCode).toBe(404);
    expect(foreignRead.json().error.code).toBe('notifications.not_found');
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
    const again = await api.request({
      method: 'POST',
      url: `/api/matching/reviews/${item.id}/decision`,
      session: investigator,
      payload: { decision: 'rejected' },
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('matching.review_not_found');
  }, 120_000);

  it('a confirmed hit on an object without a linked case opens a new case once; later hits on it go to that case', async () => {
    const { api, investigator, unpublished, caseId } = w;
    const draftPhoto = await otherCrop(unpublishedBytes());
    const summary = await screen('source,reference,title,images\nonline-market,ITEM-1,Jade,draft.jpg\nonline-market,ITEM-2,Jade again,draft.jpg\n', {
      'draft.jpg': draftPhoto,
    });
    expect(summary.queuedForReview).toBe(2);
    const items = (await api.request({ method: 'GET', url: '/api/matching/reviews', session: investigator }))
      .json()
      .items.filter((i: { reference: string }) => i.reference.startsWith('ITEM-'));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ objectId: unpublished.id, publicationNo: null });
    const first = await api.request({
      method: 'POST',
      url: `/api/matching/reviews/${items[0].id}/decision`,
      session: investigator,
      payload: { decision: 'confirmed' },
    });
    expect(first.statusCode, first.body).toBe(200);
    const opened = first.json().caseId as string;
    expect(opened).toMatch(UUID);
    expect(opened).not.toBe(caseId);
    const second = await api.request({
      method: 'POST',
      url: `/api/matching/reviews/${items[1].id}/decision`,
      session: investigator,
      payload: { decision: 'confirmed' },
    });
    expect(second.json()).toEqual({ caseId: opened });
    const timeline = (await api.request({ method: 'GET', url: `/api/cases/${opened}/timeline`, session: investigator })).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'lead_from_screening')).toHaveLength(2);
  }, 120_000);

  it('matches a listing by text too: the same object by photo and words is "photo+text", words alone give a labelled, never strong, text candidate', async () => {
    const { api, investigator, published } = w;
    const summary = await screen(
      [
        'source,reference,title,description,images',
        'market,TXT-1,青玉双耳碗,Celadon jade bowl with two handles,both.jpg',
        'market,TXT-2,青玉双耳碗,"Celadon jade bowl, Qianlong seal mark",unrelated.jpg',
      ].join('\n'),
      { 'both.jpg': await otherCrop(publishedBytes()), 'unrelated.jpg': await scene(501) },
    );
    expect(summary).toMatchObject({ screened: 2, queuedForReview: 2 });
    const items = (await api.request({ method: 'GET', url: '/api/matching/reviews', session: investigator })).json().items;
    const both = items.find((i: { reference: string }) => i.reference === 'TXT-1');
    expect(both.candidates[0]).toMatchObject({
      kind: 'photo+text',
      publicationNo: published.publicationNo,
      objectId: published.id,
      sha256: sha256Of(publishedBytes()),
    });
    expect(both.candidates[0].words).toEqual(expect.arrayContaining(['青玉', '双耳', 'celadon', 'jade', 'bowl']));
    expect(['strong', 'possible']).toContain(both.bestVerdict);
    const text = items.find((i: { reference: string }) => i.reference === 'TXT-2');
    expect(text).toMatchObject({ bestVerdict: 'text_only', objectId: published.id, description: 'Celadon jade bowl, Qianlong seal mark' });
    // The unrelated photo may share a few keypoints with the object's photo (then "photo+text"); the verdict is the words'.
    const candidate = text.candidates.find((c: { publicationNo: string }) => c.publicationNo === published.publicationNo);
    expect(candidate).toMatchObject({ kind: expect.stringMatching(/^(text|photo\+text)$/), verdict: 'possible', verdictFrom: 'text' });
    expect(candidate.words).toEqual(expect.arrayContaining(['qianlong', 'celadon']));
    expect(
      items.every((i: { candidates: Array<{ verdictFrom: string; verdict: string }> }) =>
        i.candidates.every((c) => c.verdictFrom !== 'text' || c.verdict !== 'strong'),
      ),
    ).toBe(true);
  }, 120_000);

  it('a decision is all or nothing: a failure after the lead is written leaves the hit queued and no lead, case event or notification', async () => {
    const { investigator, caseId } = w;
    const db = w.api.db.database.db;
    expect(
      (await screen('source,reference,title,images\nauction-house,ATOMIC-1,Jade bowl,lot.jpg\n', { 'lot.jpg': await otherCrop(publishedBytes()) }))
        .queuedForReview,
    ).toBe(1);
    const queued = (await reviewQueue(db, sql`true`, 500)).find((q) => q.reference === 'ATOMIC-1');
    expect(queued).toMatchObject({ reference: 'ATOMIC-1', bestSha256: sha256Of(publishedBytes()) });
    const count = async () => ({
      events: (await db.select().from(caseEvents).where(eq(caseEvents.kind, 'lead_from_screening'))).length,
      notes: (await db.select().from(notifications)).length,
    });
    const before = await count();
    const reviewer: Viewer = {
      userId: investigator.me.id,
      username: 'hohhot.investigator',
      roles: ['investigator'],
      agencyId: investigator.me.agency.id,
      agencyKind: 'public_security',
      jurisdictionCode: '150100',
      jurisdictionLevel: 'city',
    };
    const raise = raiseLeadOnLinkedCase(SYSTEM_ACTOR, reviewer);
    let wrote = false;
    await expect(
      decideReview(
        db,
        queued!.id,
        'confirmed',
        async (tx, hit) => {
          const lead = await raise(tx, hit);
          wrote = lead !== null;
          throw new Error('fails after the lead and the notification were written');
        },
        SYSTEM_ACTOR,
      ),
    ).rejects.toThrow('fails after the lead and the notification were written');
    expect(wrote).toBe(true);
    expect(await count()).toEqual(before);
    expect((await reviewQueue(db, sql`true`, 500)).find((q) => q.id === queued!.id)).toMatchObject({ id: queued!.id, reference: 'ATOMIC-1' });
    // And it can still be decided afterwards.
    expect(await decideReview(db, queued!.id, 'confirmed', raise, SYSTEM_ACTOR)).toEqual({ caseId });
    expect(await count()).toEqual({ events: before.events + 1, notes: before.notes + 1 });
  }, 60_000);
});
