import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';
import { act, createRelicsApi, day, draftObject, jpegWithGps, multipart } from './support.ts';

type Api = Awaited<ReturnType<typeof createRelicsApi>>;
const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

describe.each(testDrivers())('registry review: four-eyes and the server clock on %s', (driver) => {
  let api: Api;
  let heritage: Session;
  let commander: Session;
  let admin: Session;

  beforeAll(async () => {
    api = await createRelicsApi(driver);
    heritage = await api.login('heritage.officer');
    commander = await api.login('nmg.commander');
    admin = await api.login('admin');
  });
  afterAll(() => api?.close());

  const patch = (session: Session, id: string, payload: Record<string, unknown>) =>
    api.request({ method: 'PATCH', url: `/api/relics/objects/${id}`, session, payload });

  it('a reviewer who edited the draft cannot approve it after the drafter submits; another reviewer can', async () => {
    const draft = await draftObject(api, heritage, { titleZh: '青铜方鼎', titleEn: 'Bronze square ding' });
    const edited = await patch(commander, draft.id, { descriptionZh: '审核人改写的描述', titleEn: 'Bronze ding (reviewer wording)' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await act(api, heritage, draft.id, { action: 'submit' })).statusCode).toBe(200);

    const own = await act(api, commander, draft.id, { action: 'approve' });
    expect(own.statusCode, own.body).toBe(403);
    expect(own.json().error.code).toBe('relics.four_eyes_editor');
    const ownEn = await api.request({
      method: 'POST',
      url: `/api/relics/objects/${draft.id}/transitions`,
      session: commander,
      payload: { action: 'approve' },
      headers: { 'accept-language': 'en' },
    });
    expect(ownEn.json().error.message).toMatch(/edited/);
    expect(own.json().error.message).toMatch(/修改/);
    const still = (await api.request({ method: 'GET', url: `/api/relics/objects/${draft.id}`, session: heritage })).json();
    expect(still).toMatchObject({ status: 'under_review', publicationNo: null });

    const approved = await act(api, admin, draft.id, { action: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('published');
  });

  it('adding a photo to a draft counts as editing it', async () => {
    const draft = await draftObject(api, heritage, { titleZh: '白玉观音', titleEn: 'White jade Guanyin' });
    const photo = multipart({}, { bytes: await jpegWithGps(400, 300) });
    const uploaded = await api.request({ method: 'POST', url: `/api/relics/objects/${draft.id}/photos?view=front`, session: commander, ...photo });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    await act(api, heritage, draft.id, { action: 'submit' });
    const own = await act(api, commander, draft.id, { action: 'approve' });
    expect(own.statusCode, own.body).toBe(403);
    expect(own.json().error.code).toBe('relics.four_eyes_editor');
  });

  it('edits count until the next publication: after withdraw and redraft, only the new edits bar a reviewer', async () => {
    const draft = await draftObject(api, heritage, { titleZh: '青花梅瓶', titleEn: 'Blue-and-white meiping' });
    expect((await patch(commander, draft.id, { titleEn: 'Blue-and-white meiping vase' })).statusCode).toBe(200);
    await act(api, heritage, draft.id, { action: 'submit' });
    expect((await act(api, admin, draft.id, { action: 'approve' })).statusCode).toBe(200);
    // Published: the commander's earlier edit was reviewed by the admin.
    expect((await act(api, commander, draft.id, { action: 'withdraw', reason: '补充照片' })).statusCode).toBe(200);
    expect((await act(api, heritage, draft.id, { action: 'redraft' })).statusCode).toBe(200);
    expect((await patch(heritage, draft.id, { descriptionEn: 'Chipped foot ring' })).statusCode).toBe(200);
    await act(api, heritage, draft.id, { action: 'submit' });
    const again = await act(api, commander, draft.id, { action: 'approve' });
    expect(again.statusCode, again.body).toBe(200);
    // Now the admin edits after a new withdrawal: the admin may not approve, the commander may.
    await act(api, commander, draft.id, { action: 'withdraw', reason: '更正' });
    await act(api, heritage, draft.id, { action: 'redraft' });
    expect((await patch(admin, draft.id, { descriptionZh: '圈足有磕' })).statusCode).toBe(200);
    await act(api, heritage, draft.id, { action: 'submit' });
    expect((await act(api, admin, draft.id, { action: 'approve' })).json().error.code).toBe('relics.four_eyes_editor');
    expect((await act(api, commander, draft.id, { action: 'approve' })).statusCode).toBe(200);
  });

  it('an approval takes the server clock: a backdated `at` is refused and never makes the publication number', async () => {
    const draft = await draftObject(api, heritage, { titleZh: '铜镜', titleEn: 'Bronze mirror' });
    await act(api, heritage, draft.id, { action: 'submit' });
    const backdated = await act(api, commander, draft.id, { action: 'approve', at: '1999-01-01T00:00:00Z' });
    expect(backdated.statusCode, backdated.body).toBe(400);
    expect(backdated.json().error.fields).toEqual([expect.objectContaining({ path: '/at' })]);
    const unchanged = (await api.request({ method: 'GET', url: `/api/relics/objects/${draft.id}`, session: heritage })).json();
    expect(unchanged).toMatchObject({ status: 'under_review', publicationNo: null, publishedAt: null });

    const before = Date.now();
    const approved = await act(api, commander, draft.id, { action: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    const body = approved.json();
    const year = new Date().getUTCFullYear();
    expect(body.publicationNo).toMatch(new RegExp(`^CN-${year}-\\d{6}$`));
    expect(new Date(body.publishedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(body.publishedAt).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('no review step takes a date; recovery keeps its business date, audited beside the server time', async () => {
    const draft = await draftObject(api, heritage, { titleZh: '玉璧', titleEn: 'Jade bi disc' });
    for (const body of [{ action: 'submit', at: day('2025-01-01') }]) {
      const refused = await act(api, heritage, draft.id, body);
      expect(refused.statusCode, refused.body).toBe(400);
    }
    await act(api, heritage, draft.id, { action: 'submit' });
    await act(api, commander, draft.id, { action: 'approve' });
    const investigator = await api.login('hohhot.investigator');
    const theCase = (
      await api.request({
        method: 'POST',
        url: '/api/cases',
        session: investigator,
        payload: { categoryCode: 'relic.theft', title: '玉璧被盗案', jurisdictionCode: '150102', reportedAt: day('2025-05-01') },
      })
    ).json();
    const recovered = await act(api, investigator, draft.id, { action: 'recover', caseId: theCase.id, at: day('2025-08-10') });
    expect(recovered.statusCode, recovered.body).toBe(200);
    expect(recovered.json().recoveredAt).toBe('2025-08-10T02:00:00.000Z');
    const audit = rows<{ after: { businessDate?: string } }>(
      await api.db.database.db.execute(sql`select after from audit_log where entity_id = ${draft.id} and action = 'relic.recover'`),
    );
    expect(audit[0]!.after.businessDate).toBe('2025-08-10T02:00:00.000Z');
  });
});
