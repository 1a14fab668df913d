import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

// Issue 13, item 13: 50 filings with one case number at once gave 1 created, 45 × 400 (the early
// check) and 4 × 500 (the unique constraint, unhandled) on PostgreSQL. Every loser gets the same 409.
describe.each(testDrivers())('filing one case number many times at once on %s', (driver) => {
  let api: TestApi;
  let session: Session;

  beforeAll(async () => {
    api = await createTestApi(driver);
    session = await api.login('baotou.investigator');
  });
  afterAll(() => api?.close());

  const file = (caseNo: string, title = '包头盗窃案') =>
    api.request({
      method: 'POST',
      url: '/api/cases',
      session,
      payload: { caseNo, categoryCode: 'relic.theft', title, jurisdictionCode: '150200', reportedAt: '2020-05-01T10:00:00+08:00' },
    });

  it('creates the case once and answers every other filing 409 cases.case_no_taken at /caseNo', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => file('RACE-2020-0001', `包头盗窃案 ${i}`)));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const others = responses.filter((r) => r.statusCode !== 201 && r.statusCode !== 409);
    expect(
      others.map((r) => `${r.statusCode} ${r.json().error.code}`),
      others[0]?.body,
    ).toEqual([]);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const losers = responses.filter((r) => r.statusCode === 409).map((r) => r.json().error);
    expect(new Set(losers.map((e) => e.code))).toEqual(new Set(['cases.case_no_taken']));
    expect(new Set(losers.map((e) => JSON.stringify(e.fields)))).toEqual(new Set([JSON.stringify([{ path: '/caseNo', message: '案件编号已存在' }])]));

    const list = await api.request({ method: 'GET', url: '/api/cases?q=RACE-2020-0001', session });
    expect(list.json().total).toBe(1);
  });

  it('answers a filing of a number that exists already the same 409, in zh and en', async () => {
    expect((await file('RACE-2020-0002')).statusCode).toBe(201);
    const zh = await file('RACE-2020-0002');
    expect(zh.statusCode).toBe(409);
    expect(zh.json().error).toMatchObject({
      code: 'cases.case_no_taken',
      message: '案件编号已存在',
      fields: [{ path: '/caseNo', message: '案件编号已存在' }],
    });
    const en = await api.request({
      method: 'POST',
      url: '/api/cases',
      session,
      headers: { 'accept-language': 'en' },
      payload: {
        caseNo: 'RACE-2020-0002',
        categoryCode: 'relic.theft',
        title: 'x',
        jurisdictionCode: '150200',
        reportedAt: '2020-05-01T10:00:00+08:00',
      },
    });
    expect(en.statusCode).toBe(409);
    expect(en.json().error).toMatchObject({
      code: 'cases.case_no_taken',
      message: 'This case number already exists',
      fields: [{ path: '/caseNo', message: 'This case number already exists' }],
    });
  });
});
