import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

const period = 'from=2024-01-01&to=2024-12-31';

describe.each(testDrivers())('stats API (%s)', (driver) => {
  let api: TestApi;
  let commander: Session;
  let hohhot: Session;

  async function newSolvedCase(session: Session, body: Record<string, unknown>, solvedAt: string) {
    const created = await api.request({ method: 'POST', url: '/api/cases', session, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    for (const [action, at] of [
      ['file', body.reportedAt],
      ['solve', solvedAt],
    ] as const) {
      const moved = await api.request({ method: 'POST', url: `/api/cases/${id}/transitions`, session, payload: { action, at } });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    return id;
  }

  const figure = async (session: Session, query: string) => api.request({ method: 'GET', url: `/api/stats/figures?${query}`, session });

  beforeAll(async () => {
    api = await createTestApi(driver);
    commander = await api.login('nmg.commander');
    hohhot = await api.login('hohhot.investigator');
    await newSolvedCase(
      hohhot,
      { categoryCode: 'fraud.telecom', title: '冒充客服诈骗', jurisdictionCode: '150102', reportedAt: '2023-03-01T02:00:00Z' },
      '2023-03-05T02:00:00Z',
    );
    await newSolvedCase(
      hohhot,
      { categoryCode: 'fraud.telecom', title: '刷单诈骗', jurisdictionCode: '150102', reportedAt: '2024-03-01T02:00:00Z' },
      '2024-03-02T02:00:00Z',
    );
    await newSolvedCase(
      commander,
      { categoryCode: 'violent.robbery', title: '抢劫案', jurisdictionCode: '150202', reportedAt: '2024-05-01T02:00:00Z' },
      '2024-05-03T02:00:00Z',
    );
  }, 120_000);
  afterAll(async () => api?.close());

  it('gives a figure with its year-on-year comparison, for the whole subtree and a category subtree', async () => {
    const all = await figure(commander, `metric=cases_solved&${period}&compare=yoy`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({
      metric: 'cases_solved',
      value: 2,
      unit: 'case',
      comparison: { kind: 'yoy', previous: 1, difference: 1, changePct: 100 },
    });
    const fraud = (await figure(commander, `metric=cases_solved&${period}&category=fraud&compare=yoy`)).json();
    expect([fraud.value, fraud.comparison.previous, fraud.comparison.changePct, fraud.comparison.significance.significant]).toEqual([1, 1, 0, false]);
    const hohhotOnly = (await figure(hohhot, `metric=cases_solved&${period}`)).json();
    expect(hohhotOnly.value).toBe(1);
    expect(hohhotOnly.scope.jurisdiction).toBe('150100');
  });

  it("names the latest month with a case filed in the user's jurisdiction, where the dashboard opens", async () => {
    const baotou = await api.login('baotou.investigator');
    const latest = await api.request({ method: 'GET', url: '/api/stats/latest', session: baotou });
    expect(latest.statusCode, latest.body).toBe(200);
    expect(latest.json()).toEqual({ month: '2024-05-01' });
    const elsewhere = await api.request({ method: 'GET', url: '/api/stats/latest', session: await api.login('shaanxi.commander') });
    expect(elsewhere.json()).toEqual({ month: null });
    expect((await api.request({ method: 'GET', url: '/api/stats/latest' })).statusCode).toBe(401);
  });

  it('a new case moves the figure at once (the rollup is written with the case)', async () => {
    const before = (await figure(commander, `metric=cases_solved&${period}&category=fraud.telecom`)).json().value;
    await newSolvedCase(
      hohhot,
      { categoryCode: 'fraud.telecom', title: '投资理财诈骗', jurisdictionCode: '150103', reportedAt: '2024-07-01T02:00:00Z' },
      '2024-07-04T02:00:00Z',
    );
    const after = (await figure(commander, `metric=cases_solved&${period}&category=fraud.telecom`)).json();
    expect(after.value).toBe(before + 1);
    expect(after.fromRollup).toBe(true);
  });

  it('lists the records behind a figure, without personal data', async () => {
    const response = await api.request({
      method: 'GET',
      url: `/api/stats/drilldown?metric=cases_solved&${period}&category=fraud.telecom`,
      session: commander,
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.total).toBe(2);
    expect(body.items.map((i: { title: string }) => i.title).sort()).toEqual(['刷单诈骗', '投资理财诈骗']);
    expect(body.items[0]).toMatchObject({ recordKind: 'case', jurisdictionCode: expect.stringMatching(/^1501/) });
    const previous = (
      await api.request({ method: 'GET', url: `/api/stats/drilldown?metric=cases_solved&${period}&compare=yoy&side=previous`, session: commander })
    ).json();
    expect(previous.items.map((i: { title: string }) => i.title)).toEqual(['冒充客服诈骗']);
  });

  it('gives monthly series and a dashboard with child jurisdictions and categories', async () => {
    const series = (await api.request({ method: 'GET', url: `/api/stats/series?metric=cases_solved&${period}`, session: commander })).json();
    expect(series.points).toHaveLength(12);
    expect(series.points.find((p: { month: string }) => p.month === '2024-03').value).toBe(1);
    const board = await api.request({ method: 'GET', url: `/api/stats/dashboard?${period}&compare=yoy`, session: commander });
    expect(board.statusCode, board.body).toBe(200);
    const body = board.json();
    expect(body.figures.length).toBeGreaterThanOrEqual(10);
    expect(body.byJurisdiction.find((j: { code: string }) => j.code === '150100').value).toBe(2);
    expect(body.byJurisdiction.find((j: { code: string }) => j.code === '150200').value).toBe(1);
    expect(body.byCategory.find((c: { code: string }) => c.code === 'violent').value).toBe(1);
  });

  it('refuses bad input with clear errors', async () => {
    const reversed = await figure(commander, 'metric=cases_solved&from=2024-12-31&to=2024-01-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe('stats.period_reversed');
    expect(reversed.json().error.message).toContain('2024-12-31');
    const metric = await figure(commander, `metric=cases_imagined&${period}`);
    expect([metric.statusCode, metric.json().error.code]).toEqual([400, 'stats.unknown_metric']);
    const category = await figure(commander, `metric=cases_solved&${period}&category=fraud.imaginary`);
    expect([category.statusCode, category.json().error.code]).toEqual([400, 'stats.unknown_category']);
    const badDate = await figure(commander, 'metric=cases_solved&from=2024-02-30&to=2024-03-01');
    expect(badDate.statusCode).toBe(400);
    const english = await api.request({
      method: 'GET',
      url: `/api/stats/figures?metric=cases_imagined&${period}`,
      session: commander,
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().error.message).toBe('No such metric: cases_imagined');
  });

  it("a jurisdiction outside the viewer's is not found, and signing in is required", async () => {
    const outside = await figure(commander, `metric=cases_solved&${period}&jurisdiction=610000`);
    expect([outside.statusCode, outside.json().error.code]).toEqual([404, 'stats.jurisdiction_not_found']);
    const sibling = await figure(hohhot, `metric=cases_solved&${period}&jurisdiction=150200`);
    expect(sibling.statusCode).toBe(404);
    const anonymous = await api.request({ method: 'GET', url: `/api/stats/figures?metric=cases_solved&${period}` });
    expect(anonymous.statusCode).toBe(401);
  });
});
