import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';
import { act, createRelicsApi, day, draftObject, publishObject } from './support.ts';

type Api = Awaited<ReturnType<typeof createRelicsApi>>;
const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

describe.each(testDrivers())('stolen-object registry on %s', (driver) => {
  let api: Api;
  let heritage: Session;
  let commander: Session;
  let investigator: Session;
  let baotou: Session;
  let customs: Session;

  beforeAll(async () => {
    api = await createRelicsApi(driver);
    heritage = await api.login('heritage.officer');
    commander = await api.login('nmg.commander');
    investigator = await api.login('hohhot.investigator');
    baotou = await api.login('baotou.investigator');
    customs = await api.login('hohhot.customs');
  });
  afterAll(() => api?.close());

  it('drafts, reviews (four-eyes) and publishes an object, every step in its history and the audit log', async () => {
    const draft = await draftObject(api, heritage);
    expect(draft).toMatchObject({ status: 'draft', publicationNo: null });
    expect(draft.objectRef).toMatch(/^OBJ-150102-\d{6}$/);
    expect((await act(api, heritage, draft.id, { action: 'submit' })).json().status).toBe('under_review');
    const selfApproval = await act(api, heritage, draft.id, { action: 'approve' });
    expect(selfApproval.statusCode).toBe(403);
    expect(selfApproval.json().error.code).toBe('relics.four_eyes');
    expect((await api.request({ method: 'GET', url: '/api/public/objects?q=青玉', headers: {} })).json().items).toHaveLength(0);
    const approved = await act(api, commander, draft.id, { action: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().publicationNo).toMatch(/^CN-\d{4}-\d{6}$/);
    const history = (await api.request({ method: 'GET', url: `/api/relics/objects/${draft.id}/history`, session: heritage })).json().items;
    expect(history.map((h: { kind: string; actorUsername: string }) => `${h.kind}:${h.actorUsername}`)).toEqual([
      'drafted:heritage.officer',
      'submit:heritage.officer',
      'approve:nmg.commander',
    ]);
    const audit = rows<{ action: string }>(
      await api.db.database.db.execute(sql`select action from audit_log where entity_id = ${draft.id} order by id`),
    );
    expect(audit.map((r) => r.action)).toEqual(['relic.create', 'relic.submit', 'relic.approve']);
  });

  it('the drafter who submitted cannot approve even as a commander: a second person must', async () => {
    const draft = await draftObject(api, commander, { titleZh: '鎏金铜佛像', titleEn: 'Gilt bronze Buddha' });
    await act(api, commander, draft.id, { action: 'submit' });
    expect((await act(api, commander, draft.id, { action: 'approve' })).statusCode).toBe(403);
    const admin = await api.login('admin');
    expect((await act(api, admin, draft.id, { action: 'approve' })).json().status).toBe('published');
  });

  it("edits a draft (fields, place within the drafter's jurisdiction, linked case); under review and published are not edited", async () => {
    const draft = await draftObject(api, heritage);
    const patch = (session: Session, payload: Record<string, unknown>, id = draft.id) =>
      api.request({ method: 'PATCH', url: `/api/relics/objects/${id}`, session, payload });
    const theCase = (
      await api.request({
        method: 'POST',
        url: '/api/cases',
        session: investigator,
        payload: { categoryCode: 'relic.theft', title: '青玉碗被盗案', jurisdictionCode: '150102', reportedAt: day('2025-05-01') },
      })
    ).json();
    const linked = await patch(investigator, { caseId: theCase.id });
    expect(linked.statusCode, linked.body).toBe(200);
    const edited = await patch(heritage, { titleEn: 'Celadon jade bowl, two leaf handles', jurisdictionCode: '150203' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      titleEn: 'Celadon jade bowl, two leaf handles',
      jurisdictionCode: '150203',
      caseId: theCase.id,
      status: 'draft',
    });
    expect((await patch(investigator, { titleEn: "out of the investigator's scope now" })).statusCode).toBe(404);
    // The edited title's words join the vocabulary that corrects misspelt public queries (trigger on update).
    expect(rows(await api.db.database.db.execute(sql`select word from relic_search_words where word = 'leaf'`))).toHaveLength(1);
    const outside = await patch(heritage, { jurisdictionCode: '610102' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields).toEqual([expect.objectContaining({ path: '/jurisdictionCode' })]);
    const zh = await api.request({
      method: 'PATCH',
      url: `/api/relics/objects/${draft.id}`,
      session: heritage,
      payload: { measurements: [{ dimension: 'height', value: 3, unit: 'kg' }] },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.fields[0]).toMatchObject({ path: '/measurements/0/unit' });
    expect(zh.json().error.fields[0].message).toMatch(/计量单位/);
    expect((await act(api, heritage, draft.id, { action: 'submit' })).statusCode).toBe(200);
    const underReview = await patch(heritage, { titleEn: 'changed under review' });
    expect(underReview.statusCode).toBe(409);
    expect(underReview.json().error.code).toBe('relics.not_editable');
    expect((await patch(commander, { titleEn: 'changed by the reviewer' })).statusCode).toBe(409);
    expect((await act(api, commander, draft.id, { action: 'reject', reason: '请补充尺寸' })).statusCode).toBe(200);
    expect((await patch(heritage, { titleEn: 'Celadon jade bowl (revised)' })).statusCode).toBe(200);
    expect((await patch(customs, { titleEn: 'customs edit' })).statusCode).toBe(403);
  });

  it('refuses to send for review without the required Object ID fields, listing each one', async () => {
    const draft = await draftObject(api, heritage, { titleEn: '', materials: [], measurements: [], periodCode: null, theftDate: null });
    const response = await act(api, heritage, draft.id, { action: 'submit' });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(['/materials', '/measurements', '/periodCode', '/theftDate']);
    expect(response.json().error.fields[0].message).toBe('发布前必须填写');
    expect((await api.request({ method: 'GET', url: `/api/relics/objects/${draft.id}`, session: heritage })).json().status).toBe('draft');
  });

  it('refuses unknown measurement units, wrong units for a dimension and unknown vocabularies, writing nothing', async () => {
    const before = rows<{ n: number }>(await api.db.database.db.execute(sql`select count(*)::int as n from relic_objects`))[0]!.n;
    const response = await api.request({
      method: 'POST',
      url: '/api/relics/objects',
      session: heritage,
      headers: { 'accept-language': 'en' },
      payload: {
        jurisdictionCode: '150102',
        titleZh: '坏数据',
        objectType: 'jade.spaceship',
        materials: ['unobtainium'],
        periodCode: 'atlantis',
        measurements: [
          { dimension: 'height', value: 3, unit: 'furlong' },
          { dimension: 'weight', value: 2, unit: 'cm' },
          { dimension: 'width', value: -1, unit: 'cm' },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      { path: '/objectType', message: 'Unknown type of object' },
      { path: '/materials/0', message: expect.stringContaining('Unknown material') },
      { path: '/measurements/0/unit', message: expect.stringContaining('Unknown unit') },
      { path: '/measurements/1/unit', message: expect.stringContaining('Unknown unit') },
      { path: '/measurements/2/value', message: 'The value must be greater than 0' },
      { path: '/periodCode', message: 'Unknown period' },
    ]);
    const after = rows<{ n: number }>(await api.db.database.db.execute(sql`select count(*)::int as n from relic_objects`))[0]!.n;
    expect(after).toBe(before);
  });

  it('scopes objects by jurisdiction and agency: out of scope is 404; customs may read, not draft', async () => {
    const draft = await draftObject(api, investigator, { titleZh: '呼和浩特的瓷瓶' });
    expect((await api.request({ method: 'GET', url: `/api/relics/objects/${draft.id}`, session: baotou })).statusCode).toBe(404);
    expect((await api.request({ method: 'GET', url: `/api/relics/objects/${draft.id}`, session: commander })).statusCode).toBe(200);
    // A heritage officer sees their own agency's records, not a police draft.
    expect((await api.request({ method: 'GET', url: `/api/relics/objects/${draft.id}`, session: heritage })).statusCode).toBe(404);
    const byCustoms = await api.request({
      method: 'POST',
      url: '/api/relics/objects',
      session: customs,
      payload: { jurisdictionCode: '150100', titleZh: 'x' },
    });
    expect(byCustoms.statusCode).toBe(403);
    const outOfArea = await api.request({
      method: 'POST',
      url: '/api/relics/objects',
      session: baotou,
      payload: { jurisdictionCode: '150102', titleZh: 'x' },
    });
    expect(outOfArea.statusCode).toBe(400);
    expect(outOfArea.json().error.fields[0].path).toBe('/jurisdictionCode');
  });

  it('withdrawal takes an object off the portal at once; redrafting and approving brings it back under the same number', async () => {
    const published = await publishObject(api, heritage, commander, {
      titleZh: '辽代鎏金银冠',
      titleEn: 'Liao gilt silver crown',
      periodCode: 'liao',
      materials: ['silver'],
    });
    const url = `/api/public/objects/${published.publicationNo}`;
    expect((await api.request({ method: 'GET', url })).statusCode).toBe(200);
    expect((await act(api, commander, published.id, { action: 'withdraw' })).statusCode).toBe(400);
    expect((await act(api, commander, published.id, { action: 'withdraw', reason: '信息有误' })).json().status).toBe('withdrawn');
    expect((await api.request({ method: 'GET', url })).statusCode).toBe(404);
    expect((await api.request({ method: 'GET', url: '/api/public/objects?q=银冠' })).json().total).toBe(0);
    await act(api, heritage, published.id, { action: 'redraft' });
    await act(api, heritage, published.id, { action: 'submit' });
    const again = (await act(api, commander, published.id, { action: 'approve' })).json();
    expect(again.publicationNo).toBe(published.publicationNo);
    expect((await api.request({ method: 'GET', url })).statusCode).toBe(200);
  });

  it('recovery links the object to its case and records a recovered cultural relic on the case; return likewise', async () => {
    const published = await publishObject(api, heritage, commander, {
      titleZh: '明代青花梅瓶',
      titleEn: 'Ming blue-and-white meiping vase',
      objectType: 'ceramics.vase',
      materials: ['porcelain'],
      periodCode: 'ming',
    });
    const theCase = (
      await api.request({
        method: 'POST',
        url: '/api/cases',
        session: investigator,
        payload: { categoryCode: 'relic.trafficking', title: '倒卖文物案', jurisdictionCode: '150102', reportedAt: day('2025-07-01') },
      })
    ).json();
    expect((await act(api, investigator, published.id, { action: 'recover' })).statusCode).toBe(400);
    const recovered = await act(api, investigator, published.id, { action: 'recover', caseId: theCase.id, at: day('2025-08-01') });
    expect(recovered.statusCode, recovered.body).toBe(200);
    expect(recovered.json()).toMatchObject({ status: 'recovered', caseId: theCase.id });
    const property = (await api.request({ method: 'GET', url: `/api/cases/${theCase.id}/property`, session: investigator })).json().items;
    expect(property).toEqual([
      expect.objectContaining({ kind: 'cultural_relic', action: 'recovered', quantity: '1.000', unit: 'piece', objectRef: published.objectRef }),
    ]);
    const publicPage = (await api.request({ method: 'GET', url: `/api/public/objects/${published.publicationNo}` })).json();
    expect(publicPage).toMatchObject({ status: 'recovered', recovered: true });
    expect((await act(api, investigator, published.id, { action: 'return', at: day('2025-09-01') })).json().status).toBe('returned');
    const after = (await api.request({ method: 'GET', url: `/api/cases/${theCase.id}/property`, session: investigator })).json().items;
    expect(after.map((p: { action: string }) => p.action)).toEqual(['recovered', 'returned']);
    expect((await act(api, heritage, published.id, { action: 'recover', caseId: theCase.id })).statusCode).toBe(403);
  });
});
