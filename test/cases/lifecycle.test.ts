import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

const day = (d: string) => `${d}T10:00:00+08:00`;

describe.each(testDrivers())('case lifecycle on %s', (driver) => {
  let api: TestApi;
  let investigator: Session;
  let commander: Session;

  beforeAll(async () => {
    api = await createTestApi(driver);
    investigator = await api.login('hohhot.investigator');
    commander = await api.login('nmg.commander');
  });
  afterAll(() => api?.close());

  async function newCase(overrides: Record<string, unknown> = {}, session = investigator) {
    const response = await api.request({
      method: 'POST',
      url: '/api/cases',
      session,
      payload: {
        categoryCode: 'relic.excavation',
        title: '清水河县盗掘古墓葬案',
        summary: '犯罪嫌疑人夜间使用洛阳铲盗掘古墓',
        jurisdictionCode: '150124',
        reportedAt: day('2020-03-01'),
        ...overrides,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; caseNo: string; status: string; allowedActions: string[] };
  }
  const act = (id: string, body: Record<string, unknown>, session = investigator) =>
    api.request({ method: 'POST', url: `/api/cases/${id}/transitions`, session, payload: body });

  it('files, solves, prosecutes and closes a case, each step dated, audited and on the timeline', async () => {
    const created = await newCase();
    expect(created).toMatchObject({
      status: 'reported',
      allowedActions: ['file', 'dismiss'],
      jurisdictionNameZh: '清水河县',
      jurisdictionNameEn: 'Qingshuihe County',
    });
    expect(created.caseNo).toMatch(/^LF150124-2020-\d{6}$/);
    expect((await act(created.id, { action: 'file', at: day('2020-03-02') })).json().status).toBe('filed');
    expect((await act(created.id, { action: 'solve', at: day('2020-04-10') })).json().status).toBe('solved');
    const suspect = await api.request({
      method: 'POST',
      url: `/api/cases/${created.id}/parties`,
      session: investigator,
      payload: { role: 'suspect', name: '王某某', idNumber: '150124198001011234', phone: '13800001234', arrestedAt: day('2020-04-10') },
    });
    expect(suspect.statusCode, suspect.body).toBe(201);
    expect(suspect.json()).toMatchObject({ status: 'arrested', masked: false });
    const prosecuted = (await act(created.id, { action: 'prosecute', at: day('2020-05-20') })).json();
    expect(prosecuted).toMatchObject({ status: 'prosecuted', prosecutedAt: new Date(day('2020-05-20')).toISOString() });
    const closed = (await act(created.id, { action: 'close', at: day('2020-06-30') })).json();
    expect(closed).toMatchObject({ status: 'closed', allowedActions: ['reopen'] });

    const timeline = (await api.request({ method: 'GET', url: `/api/cases/${created.id}/timeline`, session: investigator })).json().items as Array<{
      kind: string;
      actorUsername: string;
    }>;
    expect(timeline.map((e) => e.kind)).toEqual(['reported', 'filed', 'solved', 'party_added', 'prosecuted', 'closed']);
    expect(timeline.every((e) => e.actorUsername === 'hohhot.investigator')).toBe(true);
    const audit = await api.db.database.db.execute(sql`select action from audit_log where entity_id = ${created.id} order by id`);
    expect((audit as unknown as { rows: Array<{ action: string }> }).rows.map((r) => r.action)).toEqual([
      'case.create',
      'case.file',
      'case.solve',
      'case.party.add',
      'case.prosecute',
      'case.close',
    ]);
  });

  it('refuses illegal transitions with 409, and writes nothing', async () => {
    const created = await newCase();
    const solveUnfiled = await act(created.id, { action: 'solve', at: day('2020-03-05') });
    expect(solveUnfiled.statusCode).toBe(409);
    expect(solveUnfiled.json().error.code).toBe('cases.illegal_transition');
    expect((await act(created.id, { action: 'dismiss', reason: '不构成犯罪', at: day('2020-03-03') })).json().status).toBe('dismissed');
    const solveDismissed = await act(created.id, { action: 'solve' });
    expect(solveDismissed.statusCode).toBe(409);
    const page = (await api.request({ method: 'GET', url: `/api/cases/${created.id}`, session: investigator })).json();
    expect(page).toMatchObject({ status: 'dismissed', solvedAt: null, dismissalReason: '不构成犯罪' });
  });

  it('refuses dates out of order and dates in the future', async () => {
    const created = await newCase();
    const early = await act(created.id, { action: 'file', at: day('2020-02-01') });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields).toEqual([{ path: '/at', message: expect.stringContaining('早于') }]);
    const future = await act(created.id, { action: 'file', at: new Date(Date.now() + 86_400_000).toISOString() });
    expect(future.statusCode).toBe(400);
    expect((await api.request({ method: 'GET', url: `/api/cases/${created.id}`, session: investigator })).json().status).toBe('reported');
  });

  it('needs a reason to dismiss and to reopen, and reopening returns the case to its last stage', async () => {
    const created = await newCase();
    expect((await act(created.id, { action: 'dismiss' })).statusCode).toBe(400);
    await act(created.id, { action: 'file', at: day('2020-03-02') });
    await act(created.id, { action: 'solve', at: day('2020-03-09') });
    await act(created.id, { action: 'close', at: day('2020-03-20') });
    const noReason = await act(created.id, { action: 'reopen' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].path).toBe('/reason');
    const reopened = (await act(created.id, { action: 'reopen', reason: '发现新证据' })).json();
    expect(reopened).toMatchObject({ status: 'solved', closedAt: null });
  });

  it('will not transfer for prosecution without a suspect', async () => {
    const created = await newCase();
    await act(created.id, { action: 'file', at: day('2020-03-02') });
    await act(created.id, { action: 'solve', at: day('2020-03-09') });
    const response = await act(created.id, { action: 'prosecute', at: day('2020-03-10') });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].message).toContain('犯罪嫌疑人');
  });

  it('lets commanders set supervision with a reason and lists supervised cases', async () => {
    const created = await newCase({ title: '督办测试案' });
    expect(
      (
        await api.request({
          method: 'PUT',
          url: `/api/cases/${created.id}/supervision`,
          session: investigator,
          payload: { level: 'ministry', reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await api.request({ method: 'PUT', url: `/api/cases/${created.id}/supervision`, session: commander, payload: { level: 'province' } }))
        .statusCode,
    ).toBe(400);
    const set = await api.request({
      method: 'PUT',
      url: `/api/cases/${created.id}/supervision`,
      session: commander,
      payload: { level: 'province', reason: '系列盗掘案件' },
    });
    expect(set.json()).toMatchObject({ supervision: 'province', supervisionReason: '系列盗掘案件', supervisionSetByUsername: 'nmg.commander' });
    const supervised = (await api.request({ method: 'GET', url: '/api/cases?supervision=any', session: commander })).json();
    expect(supervised.items.map((c: { id: string }) => c.id)).toContain(created.id);
  });

  it('rejects unknown categories and jurisdictions, duplicate case numbers and out-of-scope jurisdictions', async () => {
    const bad = async (payload: Record<string, unknown>, status = 400) => {
      const r = await api.request({
        method: 'POST',
        url: '/api/cases',
        session: investigator,
        payload: { categoryCode: 'relic.excavation', title: 't', jurisdictionCode: '150100', reportedAt: day('2020-01-01'), ...payload },
      });
      expect(r.statusCode).toBe(status);
      return r.json().error.fields.map((f: { path: string }) => f.path);
    };
    expect(await bad({ categoryCode: 'relic.nonsense' })).toEqual(['/categoryCode']);
    expect(await bad({ jurisdictionCode: '999999' })).toEqual(['/jurisdictionCode']);
    expect(await bad({ jurisdictionCode: '150200' })).toEqual(['/jurisdictionCode']);
    const first = await newCase({ caseNo: 'DUP-1' });
    expect(first.caseNo).toBe('DUP-1');
    // A case number already taken is a conflict (409), the same whether the early check or the constraint finds it.
    expect(await bad({ caseNo: 'DUP-1' }, 409)).toEqual(['/caseNo']);
  });

  it('lets admins extend the taxonomy below an existing category, and nobody else', async () => {
    const admin = await api.login('admin');
    const payload = { code: 'fraud.telecom.investment', nameZh: '投资理财类诈骗', nameEn: 'Investment fraud' };
    expect((await api.request({ method: 'POST', url: '/api/case-categories', session: commander, payload })).statusCode).toBe(403);
    expect(
      (await api.request({ method: 'POST', url: '/api/case-categories', session: admin, payload: { ...payload, code: 'nowhere.sub' } })).statusCode,
    ).toBe(400);
    expect(
      (await api.request({ method: 'POST', url: '/api/case-categories', session: admin, payload: { ...payload, code: 'toplevel' } })).statusCode,
    ).toBe(400);
    const created = await api.request({ method: 'POST', url: '/api/case-categories', session: admin, payload });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().parentCode).toBe('fraud.telecom');
    const tree = (await api.request({ method: 'GET', url: '/api/case-categories', session: investigator })).json().items;
    expect(tree.map((c: { code: string }) => c.code)).toContain('fraud.telecom.investment');
    const inTree = await newCase({ categoryCode: 'fraud.telecom.investment' });
    const underFraud = (await api.request({ method: 'GET', url: '/api/cases?category=fraud.telecom&pageSize=200', session: investigator })).json()
      .items;
    expect(underFraud.map((c: { id: string }) => c.id)).toContain(inTree.id);
  });

  it('validates property: quantity above zero and a unit that fits the kind', async () => {
    const created = await newCase();
    const add = (payload: Record<string, unknown>) =>
      api.request({
        method: 'POST',
        url: `/api/cases/${created.id}/property`,
        session: investigator,
        payload: { kind: 'cultural_relic', quantity: '3', unit: 'piece', action: 'recovered', at: day('2020-04-01'), ...payload },
      });
    expect((await add({})).statusCode).toBe(201);
    const zero = await add({ quantity: '0' });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields[0].path).toBe('/quantity');
    const wrongUnit = await add({ unit: 'kg' });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().error.fields[0].path).toBe('/unit');
    const items = (await api.request({ method: 'GET', url: `/api/cases/${created.id}/property`, session: investigator })).json().items;
    expect(items).toHaveLength(1);
    expect(Number(items[0].quantity)).toBe(3);
  });
});
