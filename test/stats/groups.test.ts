import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/modules/org/index.ts';
import { groupFigures } from '../../src/modules/stats/index.ts';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

// The figure per child jurisdiction (the dashboard's choropleth) and per campaign: one query per
// fact over the rollups, scoped like every figure.
describe.each(testDrivers())('stats by child jurisdiction and by campaign (%s)', (driver) => {
  let api: TestApi;
  let admin: Session;
  let commander: Session;
  let hohhot: Session;

  async function newSolvedCase(session: Session, body: Record<string, unknown>, solvedAt: string | null) {
    const created = await api.request({ method: 'POST', url: '/api/cases', session, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const steps = solvedAt
      ? ([
          ['file', body.reportedAt],
          ['solve', solvedAt],
        ] as const)
      : ([['file', body.reportedAt]] as const);
    for (const [action, at] of steps) {
      const moved = await api.request({ method: 'POST', url: `/api/cases/${id}/transitions`, session, payload: { action, at } });
      expect(moved.statusCode, moved.body).toBe(200);
    }
  }
  const get = (session: Session, url: string) => api.request({ method: 'GET', url, session });
  type Item = { code: string; value: number | null; comparison: { previous: number | null } | null };
  const byCode = (body: { items: Item[] }): Record<string, Item> => Object.fromEntries(body.items.map((i) => [i.code, i]));

  beforeAll(async () => {
    api = await createTestApi(driver);
    admin = await api.login('admin');
    commander = await api.login('nmg.commander');
    hohhot = await api.login('hohhot.investigator');
    const shaanxi = await api.login('shaanxi.commander');
    await newSolvedCase(
      hohhot,
      {
        categoryCode: 'fraud.telecom',
        title: '冒充客服诈骗',
        jurisdictionCode: '150102',
        reportedAt: '2023-03-01T02:00:00Z',
        campaignCodes: ['duanka-2023'],
      },
      '2023-03-05T02:00:00Z',
    );
    await newSolvedCase(
      hohhot,
      {
        categoryCode: 'fraud.telecom',
        title: '刷单诈骗',
        jurisdictionCode: '150102',
        reportedAt: '2024-03-01T02:00:00Z',
        campaignCodes: ['yunjian-2024', 'duanka-2024'],
      },
      '2024-03-02T02:00:00Z',
    );
    await newSolvedCase(
      hohhot,
      {
        categoryCode: 'fraud.telecom',
        title: '投资理财诈骗',
        jurisdictionCode: '150103',
        reportedAt: '2024-06-01T02:00:00Z',
        campaignCodes: ['yunjian-2024'],
      },
      null,
    );
    await newSolvedCase(
      commander,
      { categoryCode: 'violent.robbery', title: '抢劫案', jurisdictionCode: '150202', reportedAt: '2024-05-01T02:00:00Z' },
      '2024-05-03T02:00:00Z',
    );
    await newSolvedCase(
      shaanxi,
      {
        categoryCode: 'violent.robbery',
        title: '西安抢劫案',
        jurisdictionCode: '610100',
        reportedAt: '2024-05-01T02:00:00Z',
        campaignCodes: ['yunjian-2024'],
      },
      '2024-05-20T02:00:00Z',
    );
  }, 120_000);
  afterAll(async () => api?.close());

  it('gives every child jurisdiction of a province its figure and comparison, and no other province', async () => {
    const response = await get(commander, '/api/stats/by-jurisdiction?metric=cases_solved&from=2024-01-01&to=2024-12-31&compare=yoy');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.scope).toMatchObject({ jurisdiction: '150000', level: 'province' });
    const items = byCode(body);
    expect(Object.keys(items).every((code) => code.startsWith('15') && code.endsWith('00'))).toBe(true);
    expect(items['610100']).toBeUndefined();
    expect(items['150100']).toMatchObject({ name: { zh: '呼和浩特市' }, value: 1, comparison: { previous: 1, difference: 0, changePct: 0 } });
    expect(items['150200']).toMatchObject({ value: 1, comparison: { previous: 0 } });
    expect(items['150400']).toMatchObject({ value: 0 });
  });

  it('a national user sees provinces; a rate is formed per child; edge days come from the daily rollup', async () => {
    const national = byCode((await get(admin, '/api/stats/by-jurisdiction?metric=cases_solved&from=2024-01-01&to=2024-12-31')).json());
    expect(national['150000']).toMatchObject({ value: 2, comparison: null });
    expect(national['610000']).toMatchObject({ value: 1 });
    expect(national['440000']).toMatchObject({ value: 0 });
    // 2 filed, 1 solved in Hohhot in 2024 → 50 %
    const rate = byCode((await get(commander, '/api/stats/by-jurisdiction?metric=solve_rate&from=2024-01-01&to=2024-12-31')).json());
    expect(rate['150100']).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(rate['150200']).toMatchObject({ value: 100 });
    expect(rate['150400']!.value).toBeNull();
    // Periods not on month boundaries: 2024-03-02 is in, 2024-05-03 is out.
    const edges = byCode((await get(commander, '/api/stats/by-jurisdiction?metric=cases_solved&from=2024-03-02&to=2024-05-02')).json());
    expect([edges['150100']!.value, edges['150200']!.value]).toEqual([1, 0]);
  });

  it('the same figures come from the records as from the rollups', async () => {
    const viewer: Viewer = {
      userId: '00000000-0000-0000-0000-000000000000',
      username: 'nmg.commander',
      roles: ['commander'],
      agencyId: '00000000-0000-0000-0000-000000000000',
      agencyKind: 'public_security',
      jurisdictionCode: '150000',
      jurisdictionLevel: 'province',
    };
    const request = { metric: 'solve_rate', from: '2024-03-02', to: '2024-12-31', compare: 'yoy' as const };
    const rollup = await groupFigures(api.db.database.db, viewer, request, 'children');
    const plain = await groupFigures(api.db.database.db, viewer, request, 'children', undefined, { plain: true });
    expect(plain.items).toEqual(rollup.items);
  });

  it('a city user sees its districts; a scope outside the user is not found', async () => {
    const city = byCode((await get(hohhot, '/api/stats/by-jurisdiction?metric=cases_filed&from=2024-01-01&to=2024-12-31')).json());
    expect([city['150102']!.value, city['150103']!.value]).toEqual([1, 1]);
    const outside = await get(commander, '/api/stats/by-jurisdiction?metric=cases_solved&from=2024-01-01&to=2024-12-31&jurisdiction=610000');
    expect([outside.statusCode, outside.json().error.code]).toEqual([404, 'stats.jurisdiction_not_found']);
    const sibling = await get(hohhot, '/api/stats/by-jurisdiction?metric=cases_solved&from=2024-01-01&to=2024-12-31&jurisdiction=150200');
    expect(sibling.statusCode).toBe(404);
    const bad = await get(commander, '/api/stats/by-jurisdiction?metric=cases_imagined&from=2024-01-01&to=2024-12-31');
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'stats.unknown_metric']);
    expect(
      (await api.request({ method: 'GET', url: '/api/stats/by-jurisdiction?metric=cases_solved&from=2024-01-01&to=2024-12-31' })).statusCode,
    ).toBe(401);
  });

  it('breaks a figure down by campaign within the scope, with comparison', async () => {
    const response = await get(commander, '/api/stats/by-campaign?metric=cases_filed&from=2024-01-01&to=2024-12-31&compare=yoy');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    // Shaanxi's yunjian-2024 case is not in Inner Mongolia's figures; last year's campaign shows with its comparison.
    expect(body.items.map((i: Item) => [i.code, i.value, i.comparison?.previous])).toEqual([
      ['yunjian-2024', 2, 0],
      ['duanka-2024', 1, 0],
      ['duanka-2023', 0, 1],
    ]);
    const national = byCode((await get(admin, '/api/stats/by-campaign?metric=cases_filed&from=2023-01-01&to=2024-12-31')).json());
    expect([national['yunjian-2024']!.value, national['duanka-2023']!.value]).toEqual([3, 1]);
    // The records behind a campaign's figure.
    const records = (await get(commander, '/api/stats/drilldown?metric=cases_filed&from=2024-01-01&to=2024-12-31&campaign=yunjian-2024')).json();
    expect(records.items.map((i: { title: string }) => i.title).sort()).toEqual(['刷单诈骗', '投资理财诈骗']);
  });

  it("writes a report from a user's definition, and refuses a template naming a missing figure", async () => {
    const definition = {
      version: 1,
      title: { zh: '电诈专报', en: 'Fraud brief' },
      compare: 'yoy',
      figures: { fraud: { metric: 'cases_filed', category: 'fraud' }, yunjian: { metric: 'cases_filed', campaign: 'yunjian-2024' } },
      sections: [
        {
          id: 'main',
          heading: { zh: '概况', en: 'Summary' },
          paragraphs: [
            {
              zh: '立电信诈骗案件{fraud}起，同比{fraud.trend}{fraud.change}%；云剑行动{yunjian}起。',
              en: '{fraud} fraud cases filed, {fraud.trend} {fraud.change}%; {yunjian} in Yunjian.',
            },
          ],
        },
      ],
    };
    const preview = await api.request({
      method: 'POST',
      url: '/api/reports/preview',
      session: commander,
      payload: { from: '2024-01-01', to: '2024-12-31', definition },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().title.zh).toBe('内蒙古自治区电诈专报');
    expect(preview.json().sections.zh[0].paragraphs[0]).toBe('立电信诈骗案件2起，同比上升100%；云剑行动2起。');
    expect(preview.json().sections.en[0].paragraphs[0]).toBe('2 fraud cases filed, up 100%; 2 in Yunjian.');

    const missing = {
      ...definition,
      sections: [{ ...definition.sections[0]!, paragraphs: [{ zh: '抓获{arrested}名', en: '{arrested} arrested' }] }],
    };
    const refused = await api.request({
      method: 'POST',
      url: '/api/reports/preview',
      session: commander,
      payload: { from: '2024-01-01', to: '2024-12-31', definition: missing },
    });
    expect([refused.statusCode, refused.json().error.code]).toEqual([400, 'reports.missing_figure']);
    expect(refused.json().error.message).toBe('报告模板引用了不存在的数据项：arrested（章节 main）');
    const english = await api.request({
      method: 'POST',
      url: '/api/reports/publish',
      session: commander,
      headers: { 'accept-language': 'en' },
      payload: { from: '2024-01-01', to: '2024-12-31', definition: missing },
    });
    expect([english.statusCode, english.json().error.message]).toEqual([
      400,
      'The report template names a figure that is not defined: arrested (section main)',
    ]);
    const unknownMetric = { ...definition, figures: { ...definition.figures, fraud: { metric: 'cases_imagined' } } };
    const bad = await api.request({
      method: 'POST',
      url: '/api/reports/preview',
      session: commander,
      payload: { from: '2024-01-01', to: '2024-12-31', definition: unknownMetric },
    });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'reports.bad_definition']);
    expect(bad.json().error.message).toContain('cases_imagined');
    // Nothing was published by the refused request.
    const published = (await api.request({ method: 'GET', url: '/api/public/reports' })).json();
    expect(published.items.filter((r: { titleEn: string }) => r.titleEn.includes('Fraud brief'))).toEqual([]);
  });

  it('stores report definitions per jurisdiction, checked and audited', async () => {
    const definition = {
      version: 1,
      title: { zh: '破案专报', en: 'Cases brief' },
      compare: 'yoy',
      figures: { solved: { metric: 'cases_solved' } },
      sections: [{ id: 'main', heading: { zh: '概况', en: 'Summary' }, paragraphs: [{ zh: '破案{solved}起。', en: '{solved} cases solved.' }] }],
    };
    const saved = await api.request({
      method: 'POST',
      url: '/api/reports/definitions',
      session: commander,
      payload: { name: '月度破案专报', definition },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const id = saved.json().id as string;
    expect(saved.json()).toMatchObject({ jurisdictionCode: '150000', name: '月度破案专报', definition: { title: { zh: '破案专报' } } });
    const audited = (await api.db.database.db.execute(
      sql`select action from audit_log where entity_type = 'report_definition' and entity_id = ${id}`,
    )) as unknown as { rows: Array<{ action: string }> };
    expect(audited.rows.map((r) => r.action)).toEqual(['report_definition.create']);

    const names = async (session: Session) => (await get(session, '/api/reports/definitions')).json().items.map((d: { name: string }) => d.name);
    expect(await names(commander)).toContain('月度破案专报');
    expect(await names(admin)).toContain('月度破案专报');
    const shaanxi = await api.login('shaanxi.commander');
    expect(await names(shaanxi)).not.toContain('月度破案专报');

    const missing = {
      ...definition,
      sections: [{ ...definition.sections[0]!, paragraphs: [{ zh: '抓获{arrested}名', en: '{arrested} arrested' }] }],
    };
    const refused = await api.request({
      method: 'PUT',
      url: `/api/reports/definitions/${id}`,
      session: commander,
      payload: { name: '月度破案专报', definition: missing },
    });
    expect([refused.statusCode, refused.json().error.code]).toEqual([400, 'reports.missing_figure']);
    const duplicate = await api.request({
      method: 'POST',
      url: '/api/reports/definitions',
      session: commander,
      payload: { name: '月度破案专报', definition },
    });
    expect([duplicate.statusCode, duplicate.json().error.code]).toEqual([409, 'reports.definition_name_taken']);
    const elsewhere = await api.request({
      method: 'PUT',
      url: `/api/reports/definitions/${id}`,
      session: shaanxi,
      payload: { name: '改名', definition },
    });
    expect(elsewhere.statusCode).toBe(404);
    const investigator = await api.request({
      method: 'POST',
      url: '/api/reports/definitions',
      session: hohhot,
      payload: { name: '侦查员专报', definition },
    });
    expect(investigator.statusCode).toBe(403);

    const renamed = await api.request({
      method: 'PUT',
      url: `/api/reports/definitions/${id}`,
      session: commander,
      payload: { name: '年度破案专报', definition },
    });
    expect([renamed.statusCode, renamed.json().name]).toEqual([200, '年度破案专报']);
    const stored = (await get(commander, '/api/reports/definitions')).json().items.find((d: { id: string }) => d.id === id);
    expect(stored.definition.sections[0].paragraphs[0].zh).toBe('破案{solved}起。');

    // Deleting: only where the definition is visible, by a commander, audited with what it held.
    const del = (session: Session) => api.request({ method: 'DELETE', url: `/api/reports/definitions/${id}`, session });
    expect((await del(shaanxi)).statusCode).toBe(404);
    expect((await del(hohhot)).statusCode).toBe(403);
    expect((await del(commander)).statusCode).toBe(204);
    expect(await names(commander)).not.toContain('年度破案专报');
    expect((await del(commander)).statusCode).toBe(404);
    const trail = (await api.db.database.db.execute(
      sql`select action, before from audit_log where entity_type = 'report_definition' and entity_id = ${id} order by id`,
    )) as unknown as { rows: Array<{ action: string; before: { name?: string } | null }> };
    expect(trail.rows.map((r) => r.action)).toEqual(['report_definition.create', 'report_definition.update', 'report_definition.delete']);
    expect(trail.rows[2]!.before?.name).toBe('年度破案专报');
  });
});
