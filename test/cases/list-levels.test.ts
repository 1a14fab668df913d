import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases } from '../../src/modules/cases/index.ts';
import type { Viewer } from '../../src/modules/org/index.ts';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

// Issue 13, item 12: the case list of every viewer level (national, province, city, county) with no
// filter, one filter and a text search gives the right first page in order and an exact total,
// flagged as such; past EXACT_TOTAL_UP_TO the total is the planner's estimate, flagged.
type Summary = { id: string; caseNo: string };
type List = { items: Summary[]; total: number; totalIsEstimate: boolean };

describe.each(testDrivers())('the case list at every viewer level on %s', (driver) => {
  let api: TestApi;
  const s = new Map<string, Session>();
  // Case numbers, newest first: the order every list below must keep.
  const filed: Array<{ caseNo: string; code: string; day: string }> = [
    { caseNo: 'LV-8', code: '610100', day: '2021-03-08' },
    { caseNo: 'LV-7', code: '150102', day: '2021-03-07' },
    { caseNo: 'LV-6', code: '150202', day: '2021-03-06' },
    { caseNo: 'LV-5', code: '150000', day: '2021-03-05' },
    { caseNo: 'LV-4', code: '150102', day: '2021-03-04' },
    { caseNo: 'LV-3', code: '150103', day: '2021-03-03' },
    { caseNo: 'LV-2', code: '150200', day: '2021-03-02' },
    { caseNo: 'LV-1', code: '150102', day: '2021-03-01' },
  ];
  const inScope: Record<string, (code: string) => boolean> = {
    admin: () => true,
    'nmg.commander': (code) => code.startsWith('15'),
    'baotou.investigator': (code) => code.startsWith('1502'),
    'xincheng.investigator': (code) => code === '150102',
  };
  const expected = (who: string, keep: (c: (typeof filed)[number]) => boolean = () => true) =>
    filed.filter((c) => inScope[who]!(c.code) && keep(c)).map((c) => c.caseNo);

  beforeAll(async () => {
    api = await createTestApi(driver);
    const admin = await api.login('admin');
    const db = api.db.database.db;
    const [agency] = (
      (await db.execute(sql`select id from agencies where jurisdiction_code = '150102' and kind = 'public_security'`)) as unknown as {
        rows: Array<{ id: string }>;
      }
    ).rows;
    const created = await api.request({
      method: 'POST',
      url: '/api/users',
      session: admin,
      payload: {
        username: 'xincheng.investigator',
        displayName: '新城区侦查员',
        password: 'county-level-password-1',
        roles: ['investigator'],
        agencyId: agency!.id,
        jurisdictionCode: '150102',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    s.set('admin', admin);
    for (const u of ['nmg.commander', 'baotou.investigator']) s.set(u, await api.login(u));
    s.set('xincheng.investigator', await api.login('xincheng.investigator', 'county-level-password-1'));
    // Filed oldest first, so that creation order does not happen to give the list's order.
    for (const c of [...filed].reverse()) {
      const r = await api.request({
        method: 'POST',
        url: '/api/cases',
        session: admin,
        payload: {
          caseNo: c.caseNo,
          categoryCode: 'relic.theft',
          title: `文物被盗案 ${c.caseNo}`,
          jurisdictionCode: c.code,
          reportedAt: `${c.day}T10:00:00+08:00`,
        },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  });
  afterAll(() => api?.close());

  const list = async (who: string, query: string): Promise<List> => {
    const r = await api.request({ method: 'GET', url: `/api/cases?${query}`, session: s.get(who)! });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as List;
  };

  for (const who of Object.keys(inScope)) {
    it(`${who}: no filter, one filter and text search give the newest cases first and an exact total`, async () => {
      const all = expected(who);
      const first = await list(who, 'pageSize=2');
      expect(first.items.map((c) => c.caseNo)).toEqual(all.slice(0, 2));
      expect({ total: first.total, totalIsEstimate: first.totalIsEstimate }).toEqual({ total: all.length, totalIsEstimate: false });
      const second = await list(who, 'pageSize=2&page=2');
      expect(second.items.map((c) => c.caseNo)).toEqual(all.slice(2, 4));
      expect(second.total).toBe(all.length);

      const hohhot = expected(who, (c) => c.code.startsWith('1501'));
      const filtered = await list(who, 'pageSize=2&jurisdiction=150100');
      expect(filtered.items.map((c) => c.caseNo)).toEqual(hohhot.slice(0, 2));
      expect({ total: filtered.total, totalIsEstimate: filtered.totalIsEstimate }).toEqual({ total: hohhot.length, totalIsEstimate: false });

      const text = await list(who, `pageSize=2&q=${encodeURIComponent('被盗')}`);
      expect(text.items.map((c) => c.caseNo)).toEqual(all.slice(0, 2));
      expect({ total: text.total, totalIsEstimate: text.totalIsEstimate }).toEqual({ total: all.length, totalIsEstimate: false });
      const none = await list(who, `pageSize=2&q=${encodeURIComponent('走私')}`);
      expect({ items: none.items, total: none.total, totalIsEstimate: none.totalIsEstimate }).toEqual({
        items: [],
        total: 0,
        totalIsEstimate: false,
      });
    });
  }

  it('gives the planner’s estimate, flagged, when there are more matches than it counts, and the exact total on the last page', async () => {
    const db = api.db.database.db;
    await db.execute(sql`analyze cases`);
    const [row] = (
      (await db.execute(sql`
      select u.id, u.username, u.roles, u.agency_id, a.kind, u.jurisdiction_code, j.level from users u
      join agencies a on a.id = u.agency_id join jurisdictions j on j.code = u.jurisdiction_code where u.username = 'admin'`)) as unknown as {
        rows: Array<Record<string, unknown>>;
      }
    ).rows;
    const viewer: Viewer = {
      userId: String(row!.id),
      username: 'admin',
      roles: row!.roles as Viewer['roles'],
      agencyId: String(row!.agency_id),
      agencyKind: row!.kind as Viewer['agencyKind'],
      jurisdictionCode: String(row!.jurisdiction_code),
      jurisdictionLevel: row!.level as Viewer['jurisdictionLevel'],
    };
    const estimated = await listCases(db, viewer, {}, { page: 1, pageSize: 3 }, { exactTotalUpTo: 2 });
    expect(estimated.items.map((c) => c.caseNo)).toEqual(['LV-8', 'LV-7', 'LV-6']);
    expect({ total: estimated.total, totalIsEstimate: estimated.totalIsEstimate }).toEqual({ total: 8, totalIsEstimate: true });
    const last = await listCases(db, viewer, {}, { page: 3, pageSize: 3 }, { exactTotalUpTo: 2 });
    expect(last.items.map((c) => c.caseNo)).toEqual(['LV-2', 'LV-1']);
    expect({ total: last.total, totalIsEstimate: last.totalIsEstimate }).toEqual({ total: 8, totalIsEstimate: false });
  });
});
