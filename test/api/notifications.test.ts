// Notifications follow the scoping rule of the records they are about (jurisdiction, owning agency, shares), and each
// reader marks them read for themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/audit/index.ts';
import { notify } from '../../src/modules/notifications/index.ts';
import { recordShares } from '../../src/modules/org/schema.ts';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

describe.each(testDrivers())('notifications on %s', (driver) => {
  let api: TestApi;
  let investigator: Session;
  let commander: Session;
  let customs: Session;
  let heritage: Session;
  let caseId: string;
  let noteId: number;

  beforeAll(async () => {
    api = await createTestApi(driver);
    investigator = await api.login('hohhot.investigator');
    commander = await api.login('nmg.commander');
    customs = await api.login('hohhot.customs');
    heritage = await api.login('heritage.officer');
    const created = await api.request({
      method: 'POST',
      url: '/api/cases',
      session: investigator,
      payload: { categoryCode: 'relic.trafficking', title: '玉碗被盗案', jurisdictionCode: '150102', reportedAt: '2025-07-01T10:00:00+08:00' },
    });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
    const agencyId = investigator.me.agency.id;
    noteId = (
      await api.db.database.db.transaction((tx) =>
        notify(tx, SYSTEM_ACTOR, {
          recipientJurisdiction: '150102',
          agencyId,
          kind: 'matching.screening_hit',
          titleKey: 'notifications.screening_hit.title',
          bodyKey: 'notifications.screening_hit.body',
          params: { objectRef: 'OBJ-1', title: '青玉碗', source: 'market', reference: 'LOT-1', caseNo: 'A-1' },
          link: `/cases/${caseId}`,
          entityType: 'case',
          entityId: caseId,
        }),
      )
    ).id;
  });
  afterAll(() => api?.close());

  const ids = async (session: Session, query = '') =>
    (await api.request({ method: 'GET', url: `/api/notifications${query}`, session })).json().items.map((n: { id: number }) => n.id) as number[];

  it('a partner agency in the same jurisdiction does not see a police notification about a case not shared with it', async () => {
    expect(await ids(investigator)).toContain(noteId);
    expect(await ids(commander)).toContain(noteId);
    expect(await ids(customs)).not.toContain(noteId);
    expect(await ids(heritage)).not.toContain(noteId);
    const dismissed = await api.request({ method: 'POST', url: `/api/notifications/${noteId}/read`, session: heritage });
    expect(dismissed.statusCode).toBe(404);
    expect((await api.request({ method: 'POST', url: '/api/notifications/read-all', session: customs })).json()).toEqual({ marked: 0 });
    expect(await ids(investigator, '?unread=true')).toContain(noteId);
  });

  it('once the case is shared with the partner agency, its users see the notification', async () => {
    await api.db.database.db
      .insert(recordShares)
      .values({ entityType: 'case', entityId: caseId, agencyId: customs.me.agency.id, sharedBy: investigator.me.id });
    expect(await ids(customs)).toContain(noteId);
    expect(await ids(heritage)).not.toContain(noteId);
  });

  it('read is per reader: one user marking it read leaves it unread for the others', async () => {
    const read = await api.request({ method: 'POST', url: `/api/notifications/${noteId}/read`, session: investigator });
    expect(read.json()).toEqual({ marked: 1 });
    expect(await ids(investigator, '?unread=true')).not.toContain(noteId);
    const mine = (await api.request({ method: 'GET', url: '/api/notifications', session: investigator }))
      .json()
      .items.find((n: { id: number }) => n.id === noteId);
    expect(mine.readAt).not.toBeNull();
    expect(await ids(commander, '?unread=true')).toContain(noteId);
    const theirs = (await api.request({ method: 'GET', url: '/api/notifications', session: commander }))
      .json()
      .items.find((n: { id: number }) => n.id === noteId);
    expect(theirs.readAt).toBeNull();
    // Reading twice marks nothing more.
    expect((await api.request({ method: 'POST', url: `/api/notifications/${noteId}/read`, session: investigator })).json()).toEqual({ marked: 0 });
  });
});
