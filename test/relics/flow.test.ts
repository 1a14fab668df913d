// The "done when", end to end through the API on both drivers: a draft is reviewed and
// published, the public finds it in Chinese and in English (with a typo), a member of the public sends
// a tip, the tip becomes a lead on a case, the object is recovered on that case and the
// relics-recovered figure moves; a dealer's due-diligence certificate names it and is verified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDrivers } from '../support/db.ts';
import { act, createRelicsApi, day, draftObject, multipart } from './support.ts';

describe.each(testDrivers())('registry flow from draft to recovered figure on %s', (driver) => {
  let api: Awaited<ReturnType<typeof createRelicsApi>>;
  beforeAll(async () => {
    api = await createRelicsApi(driver);
  });
  afterAll(() => api?.close());

  it('draft → review → publish → found (zh, en) → tip → lead → recovered → figure moves; certificate issued and verified', async () => {
    const heritage = await api.login('heritage.officer');
    const commander = await api.login('nmg.commander');
    const investigator = await api.login('hohhot.investigator');
    const recoveredFigure = async () =>
      (
        await api.request({ method: 'GET', url: '/api/stats/figures?metric=relics_recovered&from=2025-08-01&to=2025-08-31', session: commander })
      ).json().value as number;
    const before = await recoveredFigure();

    const draft = await draftObject(api, heritage);
    expect((await act(api, heritage, draft.id, { action: 'submit' })).statusCode).toBe(200);
    const published = (await act(api, commander, draft.id, { action: 'approve' })).json();
    expect(published.publicationNo).toMatch(/^CN-\d{4}-\d{6}$/);

    const search = async (q: string, lang: string) =>
      (await api.request({ method: 'GET', url: `/api/public/objects?q=${encodeURIComponent(q)}`, headers: { 'accept-language': lang } })).json();
    expect((await search('玉碗', 'zh-CN')).items[0]?.publicationNo).toBe(published.publicationNo);
    expect((await search('jade bowl', 'en')).items[0]?.publicationNo).toBe(published.publicationNo);
    const typo = await search('celadn bowl', 'en');
    expect(typo.fuzzy).toBe(true);
    expect(typo.items[0]?.publicationNo).toBe(published.publicationNo);

    const tip = await api.request({
      method: 'POST',
      url: `/api/public/objects/${published.publicationNo}/tips`,
      remoteAddress: '10.1.0.1',
      ...multipart({ message: '在旧货市场见到此碗，卖家称来自内蒙古' }),
    });
    expect(tip.statusCode, tip.body).toBe(202);
    const queued = (await api.request({ method: 'GET', url: '/api/relics/tips?status=new', session: investigator })).json().items;
    expect(queued).toHaveLength(1);
    const theCase = (
      await api.request({
        method: 'POST',
        url: '/api/cases',
        session: investigator,
        payload: { categoryCode: 'relic.theft', title: '青玉双耳碗被盗案', jurisdictionCode: '150102', reportedAt: day('2025-06-02') },
      })
    ).json();
    const lead = await api.request({
      method: 'POST',
      url: `/api/relics/tips/${queued[0].id}/review`,
      session: investigator,
      payload: { action: 'lead', caseId: theCase.id },
    });
    expect(lead.json()).toMatchObject({ status: 'lead', leadCaseId: theCase.id });

    const recovered = await act(api, investigator, draft.id, { action: 'recover', caseId: theCase.id, at: day('2025-08-10') });
    expect(recovered.statusCode, recovered.body).toBe(200);
    expect(await recoveredFigure()).toBe(before + 1);
    expect((await search('玉碗', 'zh-CN')).items[0]).toMatchObject({ publicationNo: published.publicationNo, recovered: true });

    const certificate = await api.request({
      method: 'POST',
      url: '/api/public/certificates',
      payload: { description: '青玉双耳碗 乾隆年制', requester: '某拍卖行', lang: 'en' },
    });
    expect(certificate.statusCode, certificate.body).toBe(201);
    expect(certificate.json()).toMatchObject({
      result: 'possible_match',
      matches: [expect.objectContaining({ publicationNo: published.publicationNo })],
    });
    const verified = await api.request({ method: 'GET', url: `/api/public/certificates/${certificate.json().code}` });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ code: certificate.json().code, result: 'possible_match' });
  });
});
