import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

const day = (d: string) => `${d}T10:00:00+08:00`;

describe.each(testDrivers())('gangs and fugitives on %s', (driver) => {
  let api: TestApi;
  let investigator: Session;
  let caseId: string;
  let suspectId: string;

  beforeAll(async () => {
    api = await createTestApi(driver);
    investigator = await api.login('hohhot.investigator');
    caseId = (
      await api.request({
        method: 'POST',
        url: '/api/cases',
        session: investigator,
        payload: { categoryCode: 'gang.evil_force', title: '强迫交易案', jurisdictionCode: '150100', reportedAt: day('2019-06-01') },
      })
    ).json().id;
    suspectId = (
      await api.request({ method: 'POST', url: `/api/cases/${caseId}/parties`, session: investigator, payload: { role: 'suspect', name: '刘某某' } })
    ).json().personId;
  });
  afterAll(() => api?.close());

  it('records a gang, attributes a case (its suspects become members), and dismantles it once', async () => {
    const gang = await api.request({
      method: 'POST',
      url: '/api/gangs',
      session: investigator,
      payload: { kind: 'evil_force_gang', name: '刘某某恶势力团伙', jurisdictionCode: '150100', gangRef: 'G-1' },
    });
    expect(gang.statusCode, gang.body).toBe(201);
    const id = gang.json().id;
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/api/gangs',
          session: investigator,
          payload: { kind: 'other', name: 'dup', jurisdictionCode: '150100', gangRef: 'G-1' },
        })
      ).statusCode,
    ).toBe(400);
    expect((await api.request({ method: 'POST', url: `/api/gangs/${id}/cases`, session: investigator, payload: { caseId } })).statusCode).toBe(204);
    const detail = (await api.request({ method: 'GET', url: `/api/gangs/${id}`, session: investigator })).json();
    expect(detail).toMatchObject({ memberCount: 1, caseCount: 1, members: [{ personId: suspectId, name: '刘某某', isLeader: false }] });
    expect(
      (await api.request({ method: 'POST', url: `/api/gangs/${id}/dismantle`, session: investigator, payload: { at: day('2019-12-01') } })).json()
        .dismantledAt,
    ).toBe(new Date(day('2019-12-01')).toISOString());
    expect(
      (await api.request({ method: 'POST', url: `/api/gangs/${id}/dismantle`, session: investigator, payload: { at: day('2019-12-02') } }))
        .statusCode,
    ).toBe(409);
    expect((await api.request({ method: 'GET', url: '/api/gangs?dismantled=true', session: investigator })).json().items).toHaveLength(1);
    const baotou = await api.login('baotou.investigator');
    expect((await api.request({ method: 'GET', url: `/api/gangs/${id}`, session: baotou })).statusCode).toBe(404);
  });

  it('issues a wanted notice and records the capture, which marks the suspect arrested', async () => {
    const declared = await api.request({
      method: 'POST',
      url: `/api/cases/${caseId}/fugitives`,
      session: investigator,
      payload: { personId: suspectId, wantedSince: day('2019-06-02') },
    });
    expect(declared.statusCode, declared.body).toBe(201);
    expect((await api.request({ method: 'GET', url: '/api/fugitives?status=at_large', session: investigator })).json().items).toHaveLength(1);
    const early = await api.request({
      method: 'POST',
      url: `/api/fugitives/${declared.json().id}/capture`,
      session: investigator,
      payload: { capturedAt: day('2019-05-01') },
    });
    expect(early.statusCode).toBe(400);
    const captured = await api.request({
      method: 'POST',
      url: `/api/fugitives/${declared.json().id}/capture`,
      session: investigator,
      payload: { capturedAt: day('2020-01-15') },
    });
    expect(captured.statusCode, captured.body).toBe(200);
    const party = (await api.request({ method: 'GET', url: `/api/cases/${caseId}/parties`, session: investigator })).json().items[0];
    expect(party).toMatchObject({ status: 'arrested', arrestedAt: new Date(day('2020-01-15')).toISOString() });
    expect((await api.request({ method: 'GET', url: '/api/fugitives?status=at_large', session: investigator })).json().items).toHaveLength(0);
  });

  it("audits every read of fugitives' names (unmasked), and only those", async () => {
    const reads = async () =>
      (
        (await api.db.database.db.execute(
          sql`select actor_username, entity_id, after from audit_log where action = 'personal_data.read' order by id`,
        )) as unknown as { rows: Array<{ actor_username: string; entity_id: string; after: { records: string[] } }> }
      ).rows;
    const before = (await reads()).length;
    const list = await api.request({ method: 'GET', url: '/api/fugitives', session: investigator });
    expect(list.json().items[0].name).toBe('刘某某');
    const after = await reads();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ actor_username: 'hohhot.investigator', entity_id: 'GET /api/fugitives', after: { records: [suspectId] } });
    // A role that sees names masked reads no personal data: nothing to audit.
    await api.db.database.db.execute(sql`update users set roles = '{analyst}' where username = 'nmg.commander'`);
    const masked = await api.request({ method: 'GET', url: '/api/fugitives', session: await api.login('nmg.commander') });
    expect(masked.json().items[0].name).toBe('刘**');
    expect(await reads()).toHaveLength(before + 1);
  });

  it('audits the parties list once, by the module, with the person ids', async () => {
    const count = async (action: string) =>
      Number(
        (
          (await api.db.database.db.execute(sql`select count(*)::int as n from audit_log where action = ${action}`)) as unknown as {
            rows: Array<{ n: number }>;
          }
        ).rows[0]!.n,
      );
    const [parties, generic] = [await count('case.parties.read'), await count('personal_data.read')];
    expect((await api.request({ method: 'GET', url: `/api/cases/${caseId}/parties`, session: investigator })).statusCode).toBe(200);
    expect([await count('case.parties.read'), await count('personal_data.read')]).toEqual([parties + 1, generic]);
  });
});
