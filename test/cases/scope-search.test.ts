import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

const day = (d: string) => `${d}T10:00:00+08:00`;
type Summary = { id: string; caseNo: string; title: string };

describe.each(testDrivers())('case scoping, search, masking and links on %s', (driver) => {
  let api: TestApi;
  const s = new Map<string, Session>();
  const ids = new Map<string, string>();

  beforeAll(async () => {
    api = await createTestApi(driver);
    for (const u of ['admin', 'nmg.commander', 'hohhot.investigator', 'baotou.investigator', 'heritage.officer', 'shaanxi.commander'])
      s.set(u, await api.login(u));
    const make = async (key: string, who: string, payload: Record<string, unknown>) => {
      const r = await api.request({
        method: 'POST',
        url: '/api/cases',
        session: s.get(who)!,
        payload: { reportedAt: day('2020-05-01'), ...payload },
      });
      expect(r.statusCode, r.body).toBe(201);
      ids.set(key, r.json().id);
    };
    await make('hohhot', 'hohhot.investigator', {
      categoryCode: 'relic.theft.museum',
      title: '呼和浩特博物馆青玉双耳碗被盗案',
      summary: '夜间撬窗入室盗窃馆藏玉器',
      jurisdictionCode: '150102',
    });
    await make('hohhot2', 'hohhot.investigator', {
      categoryCode: 'fraud.telecom',
      title: '冒充客服电信诈骗案',
      summary: '冒充电商客服以退款为名诱导转账',
      jurisdictionCode: '150100',
      campaignCodes: ['fraud-2020'],
    });
    await make('baotou', 'baotou.investigator', {
      categoryCode: 'fraud.telecom',
      title: '包头冒充客服电信诈骗案',
      summary: '冒充电商客服以退款为名诱导受害人转账',
      jurisdictionCode: '150200',
    });
    await make('province', 'nmg.commander', { categoryCode: 'gang.evil_force', title: '全区涉恶团伙案', jurisdictionCode: '150000' });
    await make('shaanxi', 'shaanxi.commander', { categoryCode: 'relic.excavation', title: '西安盗掘古墓葬案', jurisdictionCode: '610100' });
  });
  afterAll(() => api?.close());

  const list = async (who: string, query = '') => {
    const r = await api.request({ method: 'GET', url: `/api/cases?pageSize=200${query}`, session: s.get(who)! });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { items: Summary[]; total: number };
  };
  const keysOf = (items: Summary[]) =>
    [...ids]
      .filter(([, id]) => items.some((c) => c.id === id))
      .map(([k]) => k)
      .sort();

  it('lists exactly the cases of each user’s jurisdiction subtree', async () => {
    expect(keysOf((await list('admin')).items)).toEqual(['baotou', 'hohhot', 'hohhot2', 'province', 'shaanxi']);
    expect(keysOf((await list('nmg.commander')).items)).toEqual(['baotou', 'hohhot', 'hohhot2', 'province']);
    expect(keysOf((await list('hohhot.investigator')).items)).toEqual(['hohhot', 'hohhot2']);
    expect(keysOf((await list('baotou.investigator')).items)).toEqual(['baotou']);
    expect((await list('heritage.officer')).items).toEqual([]);
  });

  it('answers 404 for a case outside scope, for the case and all its sub-resources', async () => {
    const other = ids.get('baotou')!;
    for (const path of ['', '/timeline', '/parties', '/property', '/links', '/link-suggestions', '/graph']) {
      const r = await api.request({ method: 'GET', url: `/api/cases/${other}${path}`, session: s.get('hohhot.investigator')! });
      expect(r.statusCode, path).toBe(404);
    }
    const write = await api.request({
      method: 'POST',
      url: `/api/cases/${other}/transitions`,
      session: s.get('hohhot.investigator')!,
      payload: { action: 'file' },
    });
    expect(write.statusCode).toBe(404);
  });

  it('searches Chinese text without spaces, by two characters, and within scope only', async () => {
    expect(keysOf((await list('admin', `&q=${encodeURIComponent('玉碗')}`)).items)).toEqual([]);
    expect(keysOf((await list('admin', `&q=${encodeURIComponent('双耳碗')}`)).items)).toEqual(['hohhot']);
    expect(keysOf((await list('admin', `&q=${encodeURIComponent('冒充客服')}`)).items)).toEqual(['baotou', 'hohhot2']);
    expect(keysOf((await list('hohhot.investigator', `&q=${encodeURIComponent('冒充客服')}`)).items)).toEqual(['hohhot2']);
  });

  it('finds a case by one character, whether the index holds it alone or only as the start of a pair', async () => {
    // 玉 is held only in 青玉's neighbour pairs (玉双, 玉器); 器 ends the summary and is held alone.
    expect(keysOf((await list('admin', `&q=${encodeURIComponent('玉')}`)).items)).toEqual(['hohhot']);
    expect(keysOf((await list('admin', `&q=${encodeURIComponent('器')}`)).items)).toEqual(['hohhot']);
    expect(keysOf((await list('admin', `&q=${encodeURIComponent('骗')}`)).items)).toEqual(['baotou', 'hohhot2']);
    expect(keysOf((await list('admin', `&q=${encodeURIComponent('玉 博物馆')}`)).items)).toEqual(['hohhot']);
    expect(keysOf((await list('admin', `&q=${encodeURIComponent('鼎')}`)).items)).toEqual([]);
  });

  it('filters by category subtree, status, jurisdiction subtree, campaign and dates', async () => {
    expect(keysOf((await list('admin', '&category=relic')).items)).toEqual(['hohhot', 'shaanxi']);
    expect(keysOf((await list('admin', '&category=fraud&jurisdiction=150100')).items)).toEqual(['hohhot2']);
    expect(keysOf((await list('admin', '&campaign=fraud-2020')).items)).toEqual(['hohhot2']);
    expect((await list('admin', '&status=solved')).total).toBe(0);
    expect((await list('admin', '&from=2020-05-01&to=2020-05-01')).total).toBe(5);
    expect((await list('admin', '&from=2020-05-02')).total).toBe(0);
    const bad = await api.request({ method: 'GET', url: '/api/cases?status=won&sort=random', session: s.get('admin')! });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['querystring:/sort', 'querystring:/status']);
  });

  it('masks personal data for analysts, shows it to investigators, and audits each unmasked read', async () => {
    const caseId = ids.get('hohhot2')!;
    const added = await api.request({
      method: 'POST',
      url: `/api/cases/${caseId}/parties`,
      session: s.get('hohhot.investigator')!,
      payload: { role: 'victim', name: '李小红', idNumber: '150102199001011234', phone: '13912345678' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const before = await api.db.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'case.parties.read'`);
    const full = (await api.request({ method: 'GET', url: `/api/cases/${caseId}/parties`, session: s.get('hohhot.investigator')! })).json().items[0];
    expect(full).toMatchObject({ name: '李小红', idNumber: '150102199001011234', phone: '13912345678', masked: false });
    const after = await api.db.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'case.parties.read'`);
    const count = (r: unknown) => (r as { rows: Array<{ n: number }> }).rows[0]!.n;
    expect(count(after)).toBe(count(before) + 1);

    const analyst = await api.login('admin'); // admin sees all; create an analyst to check masking
    const agencies = (await api.request({ method: 'GET', url: '/api/agencies', session: analyst })).json().items as Array<{
      id: string;
      nameZh: string;
    }>;
    await api.request({
      method: 'POST',
      url: '/api/users',
      session: analyst,
      payload: {
        username: 'hohhot.analyst',
        displayName: '分析员',
        password: 'analyst-password',
        roles: ['analyst'],
        agencyId: agencies.find((a) => a.nameZh === '呼和浩特市公安局')!.id,
        jurisdictionCode: '150100',
      },
    });
    const analystSession = await api.login('hohhot.analyst', 'analyst-password');
    const masked = (await api.request({ method: 'GET', url: `/api/cases/${caseId}/parties`, session: analystSession })).json().items[0];
    expect(masked).toMatchObject({ name: '李**', idNumber: '150102********1234', phone: '139****5678', masked: true });
    expect(count(await api.db.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'case.parties.read'`))).toBe(
      count(before) + 1,
    );
  });

  it('suggests links from shared identifiers and similar modus operandi, across the viewer’s scope', async () => {
    const baotouCase = ids.get('baotou')!;
    await api.request({
      method: 'POST',
      url: `/api/cases/${baotouCase}/parties`,
      session: s.get('baotou.investigator')!,
      payload: { role: 'suspect', name: '赵某', phone: '139-1234-5678' },
    });
    const suggestions = (
      await api.request({ method: 'GET', url: `/api/cases/${ids.get('hohhot2')}/link-suggestions`, session: s.get('nmg.commander')! })
    ).json().items;
    expect(suggestions[0]).toMatchObject({ caseId: baotouCase, shared: [{ kind: 'phone', value: '13912345678' }] });
    expect(suggestions[0].score).toBeGreaterThan(1);
    expect(suggestions[0].textSimilarity).toBeGreaterThan(0);
    const fromHohhot = (
      await api.request({ method: 'GET', url: `/api/cases/${ids.get('hohhot2')}/link-suggestions`, session: s.get('hohhot.investigator')! })
    ).json().items;
    expect(fromHohhot.map((x: { caseId: string }) => x.caseId)).not.toContain(baotouCase);
  });

  it('links cases by hand with a reason, shows the link on both sides and in the graph, and unlinks', async () => {
    const [a, b] = [ids.get('hohhot2')!, ids.get('baotou')!];
    const commander = s.get('nmg.commander')!;
    const linked = await api.request({
      method: 'POST',
      url: `/api/cases/${a}/links`,
      session: commander,
      payload: { otherCaseId: b, reason: '同一诈骗手机号' },
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(
      (await api.request({ method: 'POST', url: `/api/cases/${b}/links`, session: commander, payload: { otherCaseId: a, reason: 'again' } }))
        .statusCode,
    ).toBe(409);
    expect(
      (await api.request({ method: 'POST', url: `/api/cases/${a}/links`, session: commander, payload: { otherCaseId: a, reason: 'self' } }))
        .statusCode,
    ).toBe(400);
    const fromB = (await api.request({ method: 'GET', url: `/api/cases/${b}/links`, session: commander })).json().items;
    expect(fromB).toEqual([expect.objectContaining({ caseId: a, reason: '同一诈骗手机号' })]);
    const graph = (await api.request({ method: 'GET', url: `/api/cases/${a}/graph`, session: commander })).json();
    expect(graph.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining([`case:${a}`, `case:${b}`, 'identifier:phone:13912345678']));
    expect(graph.edges).toEqual(expect.arrayContaining([{ source: `case:${a}`, target: `case:${b}`, kind: 'linked' }]));
    expect((await api.request({ method: 'DELETE', url: `/api/cases/${a}/links/${b}`, session: commander })).statusCode).toBe(204);
    expect((await api.request({ method: 'GET', url: `/api/cases/${b}/links`, session: commander })).json().items).toEqual([]);
  });

  it('shows a case’s audit trail to admins only', async () => {
    const id = ids.get('hohhot')!;
    expect((await api.request({ method: 'GET', url: `/api/cases/${id}/audit`, session: s.get('nmg.commander')! })).statusCode).toBe(403);
    const trail = (await api.request({ method: 'GET', url: `/api/cases/${id}/audit`, session: s.get('admin')! })).json().items;
    expect(trail.map((e: { action: string }) => e.action)).toContain('case.create');
  });
});
