import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

/**
 * The scoping rule, as a matrix: users at national, province, city and a sibling city read
 * records (agencies) at each level; each read is allowed exactly when the record's jurisdiction is
 * the reader's or below it, and otherwise answers 404 (never 403), so existence does not leak.
 */
const READERS = ['admin', 'nmg.commander', 'hohhot.investigator', 'baotou.investigator'] as const;
const RECORDS: Record<string, string> = {
  national: '公安部',
  province: '内蒙古自治区公安厅',
  city: '呼和浩特市公安局',
  county: '呼和浩特市公安局新城区分局',
  sibling_city: '包头市公安局',
  other_province: '陕西省公安厅',
};
const EXPECTED: Record<(typeof READERS)[number], Record<keyof typeof RECORDS, 200 | 404>> = {
  admin: { national: 200, province: 200, city: 200, county: 200, sibling_city: 200, other_province: 200 },
  'nmg.commander': { national: 404, province: 200, city: 200, county: 200, sibling_city: 200, other_province: 404 },
  'hohhot.investigator': { national: 404, province: 404, city: 200, county: 200, sibling_city: 404, other_province: 404 },
  'baotou.investigator': { national: 404, province: 404, city: 404, county: 404, sibling_city: 200, other_province: 404 },
};

describe.each(testDrivers())('jurisdiction scoping on %s', (driver) => {
  let api: TestApi;
  const sessions = new Map<string, Session>();
  const ids = new Map<string, string>();

  beforeAll(async () => {
    api = await createTestApi(driver);
    for (const reader of READERS) sessions.set(reader, await api.login(reader));
    const all = (await api.request({ method: 'GET', url: '/api/agencies', session: sessions.get('admin')! })).json().items as Array<{
      id: string;
      nameZh: string;
    }>;
    for (const [level, name] of Object.entries(RECORDS)) ids.set(level, all.find((a) => a.nameZh === name)!.id);
  });
  afterAll(() => api?.close());

  for (const reader of READERS) {
    for (const level of Object.keys(RECORDS)) {
      const expected = EXPECTED[reader][level]!;
      it(`${reader} reading the ${level} record → ${expected}`, async () => {
        const response = await api.request({ method: 'GET', url: `/api/agencies/${ids.get(level)}`, session: sessions.get(reader)! });
        expect(response.statusCode).toBe(expected);
        if (expected === 404) expect(response.json().error.code).toBe('org.agency_not_found');
      });
    }
    it(`${reader}'s list holds exactly the records the matrix allows`, async () => {
      const listed = (await api.request({ method: 'GET', url: '/api/agencies', session: sessions.get(reader)! })).json().items as Array<{
        nameZh: string;
      }>;
      const names = new Set(listed.map((a) => a.nameZh));
      for (const [level, name] of Object.entries(RECORDS)) expect(names.has(name), `${level}`).toBe(EXPECTED[reader][level] === 200);
    });
  }

  it('a partner-agency user sees its own agency only, not the police records of its jurisdiction', async () => {
    const officer = await api.login('heritage.officer');
    const listed = (await api.request({ method: 'GET', url: '/api/agencies', session: officer })).json().items as Array<{ nameZh: string }>;
    expect(listed.map((a) => a.nameZh)).toEqual(['内蒙古自治区文物局']);
    const police = await api.request({ method: 'GET', url: `/api/agencies/${ids.get('city')}`, session: officer });
    expect(police.statusCode).toBe(404);
  });

  it('a record shared with a partner agency becomes visible to that agency only', async () => {
    const { recordShares, agencies } = await import('../../src/modules/org/index.ts');
    const { eq } = await import('drizzle-orm');
    const [customs] = await api.db.database.db.select().from(agencies).where(eq(agencies.nameZh, '呼和浩特海关'));
    await api.db.database.db.insert(recordShares).values({ entityType: 'agency', entityId: ids.get('sibling_city')!, agencyId: customs!.id });
    const customsOfficer = await api.login('hohhot.customs');
    const shared = await api.request({ method: 'GET', url: `/api/agencies/${ids.get('sibling_city')}`, session: customsOfficer });
    expect(shared.statusCode).toBe(200);
    const heritage = await api.login('heritage.officer');
    const notShared = await api.request({ method: 'GET', url: `/api/agencies/${ids.get('sibling_city')}`, session: heritage });
    expect(notShared.statusCode).toBe(404);
  });

  it('users outside scope are 404 and roles without the permission get 403', async () => {
    const commander = sessions.get('nmg.commander')!;
    const users = (await api.request({ method: 'GET', url: '/api/users', session: sessions.get('admin')! })).json().items as Array<{
      id: string;
      username: string;
    }>;
    const shaanxi = users.find((u) => u.username === 'shaanxi.commander')!;
    const baotou = users.find((u) => u.username === 'baotou.investigator')!;
    expect((await api.request({ method: 'GET', url: `/api/users/${shaanxi.id}`, session: commander })).statusCode).toBe(404);
    expect((await api.request({ method: 'GET', url: `/api/users/${baotou.id}`, session: commander })).statusCode).toBe(200);
    const investigator = await api.request({ method: 'GET', url: '/api/users', session: sessions.get('hohhot.investigator')! });
    expect(investigator.statusCode).toBe(403);
    expect(investigator.json().error.code).toBe('forbidden');
  });
});
