// Campaigns: who sees and who organises them, their period and its extensions, and the errors a user can act on.

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/modules/audit/schema.ts';
import { campaignStatus } from '../../src/modules/campaigns/index.ts';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

describe('campaign status on a day', () => {
  it('is planned before the start, active within, extended past the original end, ended after', () => {
    expect(campaignStatus('2020-12-31', '2021-01-01', '2022-12-31', '2021-12-31')).toBe('planned');
    expect(campaignStatus('2021-01-01', '2021-01-01', '2022-12-31', '2021-12-31')).toBe('active');
    expect(campaignStatus('2021-12-31', '2021-01-01', '2022-12-31', '2021-12-31')).toBe('active');
    expect(campaignStatus('2022-01-01', '2021-01-01', '2022-12-31', '2021-12-31')).toBe('extended');
    expect(campaignStatus('2023-01-01', '2021-01-01', '2022-12-31', '2021-12-31')).toBe('ended');
  });
});

describe.each(testDrivers())('campaigns on %s', (driver) => {
  let api: TestApi;
  let commander: Session;
  let investigator: Session;
  let customs: Session;
  let heritage: Session;
  let guangdong: Session;

  beforeAll(async () => {
    api = await createTestApi(driver);
    commander = await api.login('nmg.commander');
    investigator = await api.login('hohhot.investigator');
    customs = await api.login('hohhot.customs');
    heritage = await api.login('heritage.officer');
    guangdong = await api.login('guangdong.commander');
  });
  afterAll(() => api?.close());

  const campaign = (code: string, extra: Record<string, unknown> = {}) => ({
    code,
    nameZh: '打击文物犯罪专项行动',
    nameEn: 'Relic crime crackdown',
    kind: 'crackdown',
    startsOn: '2021-01-01',
    endsOn: '2021-12-31',
    jurisdictionCodes: ['150000'],
    categoryCodes: ['relic'],
    agencies: [
      { agencyId: commander.me.agency.id, role: 'lead' },
      { agencyId: customs.me.agency.id, role: 'partner' },
    ],
    ...extra,
  });
  const create = (session: Session, body: Record<string, unknown>) => api.request({ method: 'POST', url: '/api/campaigns', session, payload: body });
  const codes = async (session: Session) =>
    (await api.request({ method: 'GET', url: '/api/campaigns', session })).json().items.map((c: { code: string }) => c.code) as string[];

  it('a commander organises a campaign in their province; police below and partner agencies taking part see it, others do not', async () => {
    const created = await create(commander, campaign('relic-nmg-2021'));
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ code: 'relic-nmg-2021', status: 'ended', editable: true, memberCases: 0, originalEndsOn: '2021-12-31' });
    expect(body.jurisdictions).toEqual([{ code: '150000', nameZh: '内蒙古自治区', nameEn: expect.any(String) }]);
    expect(body.categories.map((c: { nameZh: string }) => c.nameZh)).toEqual(['文物犯罪']);
    expect(body.agencies.map((a: { role: string }) => a.role)).toEqual(['lead', 'partner']);

    expect(await codes(investigator)).toContain('relic-nmg-2021');
    expect(await codes(customs)).toContain('relic-nmg-2021');
    expect(await codes(heritage)).not.toContain('relic-nmg-2021');
    expect(await codes(guangdong)).not.toContain('relic-nmg-2021');
    expect((await api.request({ method: 'GET', url: '/api/campaigns/relic-nmg-2021', session: guangdong })).statusCode).toBe(404);
    expect((await api.request({ method: 'GET', url: '/api/campaigns/relic-nmg-2021', session: investigator })).json().editable).toBe(false);

    const [audit] = await api.db.database.db.select().from(auditLog).where(eq(auditLog.action, 'campaign.create'));
    expect(audit).toMatchObject({ entityId: body.id, actorUsername: 'nmg.commander' });
  });

  it('an extension keeps its history and only lengthens the period', async () => {
    expect((await create(commander, campaign('ext-2021'))).statusCode).toBe(201);
    const extend = (payload: Record<string, unknown>) =>
      api.request({ method: 'POST', url: '/api/campaigns/ext-2021/extensions', session: commander, payload });
    const extended = await extend({ newEndsOn: '2022-12-31', decidedOn: '2021-08-31', reason: '成效显著，延长一年' });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json()).toMatchObject({ endsOn: '2022-12-31', originalEndsOn: '2021-12-31' });
    expect(extended.json().extensions).toEqual([
      {
        decidedOn: '2021-08-31',
        previousEndsOn: '2021-12-31',
        newEndsOn: '2022-12-31',
        reason: '成效显著，延长一年',
        recordedAt: expect.any(String),
      },
    ]);
    const shorter = await extend({ newEndsOn: '2022-06-30', decidedOn: '2022-01-10', reason: 'x' });
    expect(shorter.statusCode).toBe(400);
    expect(shorter.json().error).toMatchObject({ code: 'campaigns.extension_must_lengthen', fields: [{ path: '/newEndsOn' }] });
    expect(shorter.json().error.message).toContain('2022-12-31');
    const english = await api.request({
      method: 'POST',
      url: '/api/campaigns/ext-2021/extensions',
      session: commander,
      headers: { 'accept-language': 'en' },
      payload: { newEndsOn: '2022-01-01', decidedOn: '2022-01-10', reason: 'x' },
    });
    expect(english.json().error.message).toBe('The new end date must be after the current end date (2022-12-31)');
    // The refused extension wrote nothing.
    expect((await api.request({ method: 'GET', url: '/api/campaigns/ext-2021', session: commander })).json().extensions).toHaveLength(1);
  });

  it('refuses bad input by field and writes nothing', async () => {
    const reversed = await create(commander, campaign('bad-period', { startsOn: '2021-06-01', endsOn: '2021-01-01' }));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields).toEqual([{ path: '/endsOn', message: expect.stringContaining('结束日期') }]);

    const unknown = await create(
      commander,
      campaign('bad-refs', {
        categoryCodes: ['no.such'],
        agencies: [{ agencyId: '00000000-0000-4000-8000-000000000000', role: 'partner' }],
      }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(
      unknown
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['/agencies', '/agencies/0/agencyId', '/categoryCodes/0']);

    const national = await create(commander, campaign('too-wide', { jurisdictionCodes: ['100000'] }));
    expect(national.statusCode).toBe(400);
    expect(national.json().error.fields).toEqual([{ path: '/jurisdictionCodes/0', message: expect.any(String) }]);

    expect((await create(commander, campaign('relic-nmg-2021'))).json().error.fields).toEqual([{ path: '/code', message: expect.any(String) }]);
    expect((await create(investigator, campaign('by-investigator'))).statusCode).toBe(403);
    expect((await create(customs, campaign('by-customs'))).statusCode).toBe(403);
    const listed = await codes(commander);
    for (const code of ['bad-period', 'bad-refs', 'too-wide', 'by-investigator', 'by-customs']) expect(listed).not.toContain(code);
  });

  it('changes names and agencies, but never the end date, by PATCH; others may not change it', async () => {
    expect((await create(commander, campaign('patch-me'))).statusCode).toBe(201);
    const patch = (session: Session, payload: Record<string, unknown>) =>
      api.request({ method: 'PATCH', url: '/api/campaigns/patch-me', session, payload });
    const renamed = await patch(commander, { nameEn: 'Renamed', agencies: [{ agencyId: commander.me.agency.id, role: 'lead' }] });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ nameEn: 'Renamed', agencies: [{ role: 'lead' }] });
    expect((await patch(commander, { endsOn: '2030-01-01' })).statusCode).toBe(400);
    expect((await patch(commander, { agencies: [{ agencyId: commander.me.agency.id, role: 'partner' }] })).json().error.fields).toEqual([
      { path: '/agencies', message: expect.any(String) },
    ]);
    expect((await patch(investigator, { nameEn: 'x' })).statusCode).toBe(403);
    expect((await patch(guangdong, { nameEn: 'x' })).statusCode).toBe(404);
    // The partner that was removed no longer sees the campaign.
    expect(await codes(customs)).not.toContain('patch-me');
  });

  it('figures by campaign carry the name the campaign was given', async () => {
    expect((await create(commander, campaign('named-2021', { nameZh: '测试命名行动', nameEn: 'Naming test' }))).statusCode).toBe(201);
    const filed = await api.request({
      method: 'POST',
      url: '/api/cases',
      session: investigator,
      payload: {
        categoryCode: 'relic.excavation',
        title: '命名测试案',
        jurisdictionCode: '150102',
        reportedAt: '2021-03-01T10:00:00+08:00',
        campaignCodes: ['named-2021'],
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const fileIt = await api.request({
      method: 'POST',
      url: `/api/cases/${filed.json().id}/transitions`,
      session: investigator,
      payload: { action: 'file', at: '2021-03-02T10:00:00+08:00' },
    });
    expect(fileIt.statusCode, fileIt.body).toBe(200);
    const figures = await api.request({
      method: 'GET',
      url: '/api/stats/by-campaign?metric=cases_filed&from=2021-01-01&to=2021-12-31',
      session: commander,
    });
    expect(figures.statusCode, figures.body).toBe(200);
    expect(figures.json().items.find((i: { code: string }) => i.code === 'named-2021')?.name).toEqual({ zh: '测试命名行动', en: 'Naming test' });
  });
});
