// User and agency management through the API (issue 14, item 9): scope, roles, input errors, audit, and a user's own
// password change.

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/config.ts';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

type Row = Record<string, unknown>;
const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows;
interface UserOut {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  agencyId: string;
  jurisdictionCode: string;
  disabled: boolean;
}
interface AgencyOut {
  id: string;
  nameZh: string;
  nameEn: string;
  jurisdictionCode: string;
  disabled: boolean;
}

describe.each(testDrivers())('user and agency management on %s', (driver) => {
  let api: TestApi;
  let admin: Session;
  let nmgAdmin: Session;
  let agencies: AgencyOut[];
  let users: UserOut[];
  const agency = (nameEn: string) => agencies.find((a) => a.nameEn === nameEn)!;
  const user = (username: string) => users.find((u) => u.username === username)!;
  const lastAudit = async (action: string) =>
    rowsOf(await api.db.database.db.execute(sql`select * from audit_log where action = ${action} order by id desc limit 1`))[0];

  beforeAll(async () => {
    api = await createTestApi(driver);
    admin = await api.login('admin');
    agencies = (await api.request({ method: 'GET', url: '/api/agencies', session: admin })).json().items;
    users = (await api.request({ method: 'GET', url: '/api/users', session: admin })).json().items;
    // An administrator of Inner Mongolia only, made through the API as a national admin would.
    const created = await api.request({
      method: 'POST',
      url: '/api/users',
      session: admin,
      payload: {
        username: 'nmg.admin',
        displayName: '内蒙古管理员',
        password: 'a-long-password-1',
        roles: ['admin'],
        agencyId: agency('Inner Mongolia Public Security Department').id,
        jurisdictionCode: '150000',
      },
    });
    expect(created.statusCode).toBe(201);
    nmgAdmin = await api.login('nmg.admin', 'a-long-password-1');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('tells the client what the user may do', async () => {
    const customs = await api.login('hohhot.customs');
    const me = (await api.request({ method: 'GET', url: '/api/auth/me', session: customs })).json();
    expect(me.permissions).toContain('relics.read');
    expect(me.permissions).not.toContain('relics.tips');
    expect(me.permissions).not.toContain('audit.read');
    expect(admin.me).toHaveProperty('permissions', expect.arrayContaining(['org.users.write', 'audit.read', 'relics.tips']));
  });

  it('never returns a password hash', async () => {
    const list = await api.request({ method: 'GET', url: '/api/users', session: admin });
    expect(list.body).not.toMatch(/scrypt|passwordHash|password_hash/);
    const one = await api.request({ method: 'GET', url: `/api/users/${user('baotou.investigator').id}`, session: admin });
    expect(one.body).not.toMatch(/scrypt|passwordHash|password_hash/);
  });

  it('lets an admin of one jurisdiction manage users there and nowhere else', async () => {
    const visible = (await api.request({ method: 'GET', url: '/api/users', session: nmgAdmin })).json().items as UserOut[];
    expect(visible.map((u) => u.username)).toContain('baotou.investigator');
    expect(visible.map((u) => u.username)).not.toContain('shaanxi.commander');

    const inScope = await api.request({
      method: 'PATCH',
      url: `/api/users/${user('baotou.investigator').id}`,
      session: nmgAdmin,
      payload: { displayName: '包头侦查员甲' },
    });
    expect(inScope.statusCode).toBe(200);
    const other = await api.request({
      method: 'PATCH',
      url: `/api/users/${user('shaanxi.commander').id}`,
      session: nmgAdmin,
      payload: { disabled: true },
    });
    expect(other.statusCode).toBe(404);
    const otherAgency = await api.request({
      method: 'PATCH',
      url: `/api/agencies/${agency('Shaanxi Public Security Department').id}`,
      session: nmgAdmin,
      payload: { disabled: true },
    });
    expect(otherAgency.statusCode).toBe(404);

    const outside = await api.request({
      method: 'POST',
      url: '/api/users',
      session: nmgAdmin,
      payload: {
        username: 'xian.clerk',
        displayName: '西安',
        password: 'a-long-password-2',
        roles: ['analyst'],
        agencyId: agency('Shaanxi Public Security Department').id,
        jurisdictionCode: '610000',
      },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['/jurisdictionCode', '/agencyId']));
    // Moving one of its own users into another province is refused the same way.
    const move = await api.request({
      method: 'PATCH',
      url: `/api/users/${user('chifeng.investigator').id}`,
      session: nmgAdmin,
      payload: { jurisdictionCode: '610000' },
    });
    expect(move.statusCode).toBe(400);
    expect(move.json().error.fields[0].path).toBe('/jurisdictionCode');
  });

  it('answers 403 to a user without the role', async () => {
    const commander = await api.login('nmg.commander');
    const target = user('baotou.investigator').id;
    expect((await api.request({ method: 'PATCH', url: `/api/users/${target}`, session: commander, payload: { disabled: true } })).statusCode).toBe(
      403,
    );
    expect(
      (
        await api.request({
          method: 'PATCH',
          url: `/api/agencies/${agency('Baotou Public Security Bureau').id}`,
          session: commander,
          payload: { nameEn: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const investigator = await api.login('hohhot.investigator');
    expect((await api.request({ method: 'GET', url: '/api/users', session: investigator })).statusCode).toBe(403);
    expect((await api.request({ method: 'GET', url: '/api/audit?action=auth.login', session: investigator })).statusCode).toBe(403);
  });

  it('names the field at fault on bad input', async () => {
    const bad = await api.request({
      method: 'POST',
      url: '/api/users',
      session: admin,
      payload: {
        username: 'Bad Name',
        displayName: 'x',
        password: 'short',
        roles: ['admin'],
        agencyId: agency('Ministry of Public Security').id,
        jurisdictionCode: '100000',
      },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['/username']));
    const badRole = await api.request({
      method: 'PATCH',
      url: `/api/users/${user('baotou.investigator').id}`,
      session: admin,
      payload: { roles: ['emperor'] },
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.fields[0].path).toMatch(/^\/roles/);
    const self = await api.request({ method: 'PATCH', url: `/api/users/${admin.me.id}`, session: admin, payload: { disabled: true } });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.fields).toEqual([{ path: '/disabled', message: expect.any(String) }]);
    const emptyName = await api.request({
      method: 'PATCH',
      url: `/api/agencies/${agency('Baotou Public Security Bureau').id}`,
      session: admin,
      payload: { nameZh: '' },
    });
    expect(emptyName.statusCode).toBe(400);
    expect(emptyName.json().error.fields[0].path).toBe('/nameZh');
  });

  it('edits a user’s role, agency and name, disables them, and audits each change', async () => {
    const target = user('chifeng.investigator');
    const changed = await api.request({
      method: 'PATCH',
      url: `/api/users/${target.id}`,
      session: admin,
      payload: {
        roles: ['analyst'],
        agencyId: agency('Inner Mongolia Public Security Department').id,
        jurisdictionCode: '150000',
        displayName: '赤峰分析员',
      },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ roles: ['analyst'], jurisdictionCode: '150000', displayName: '赤峰分析员' });
    const entry = await lastAudit('user.update');
    expect(entry).toMatchObject({ actor_username: 'admin', entity_id: target.id });
    expect((entry!.before as Row).jurisdictionCode).toBe('150400');

    const session = await api.login('chifeng.investigator');
    expect((await api.request({ method: 'PATCH', url: `/api/users/${target.id}`, session: admin, payload: { disabled: true } })).statusCode).toBe(
      200,
    );
    expect((await api.request({ method: 'GET', url: '/api/auth/me', session })).statusCode).toBe(401);
  });

  it('disables an agency: its users are signed out and cannot sign in, and no one joins it', async () => {
    const baotou = agency('Baotou Public Security Bureau');
    const session = await api.login('baotou.investigator');
    const disabled = await api.request({
      method: 'PATCH',
      url: `/api/agencies/${baotou.id}`,
      session: admin,
      payload: { disabled: true, nameEn: 'Baotou PSB' },
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ disabled: true, nameEn: 'Baotou PSB' });
    expect(await lastAudit('agency.update')).toMatchObject({ actor_username: 'admin', entity_id: baotou.id, jurisdiction_code: '150200' });
    expect((await api.request({ method: 'GET', url: '/api/auth/me', session })).statusCode).toBe(401);
    const login = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'baotou.investigator', password: DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    const join = await api.request({
      method: 'POST',
      url: '/api/users',
      session: admin,
      payload: {
        username: 'baotou.new',
        displayName: '新人',
        password: 'a-long-password-3',
        roles: ['investigator'],
        agencyId: baotou.id,
        jurisdictionCode: '150200',
      },
    });
    expect(join.statusCode).toBe(400);
    expect(join.json().error.fields[0].path).toBe('/agencyId');
    expect((await api.request({ method: 'PATCH', url: `/api/agencies/${baotou.id}`, session: admin, payload: { disabled: false } })).statusCode).toBe(
      200,
    );
    await api.login('baotou.investigator');
  });

  it('lets every user change their own password; the current one is required and other sessions end', async () => {
    const here = await api.login('heritage.officer');
    const elsewhere = await api.login('heritage.officer');
    const wrong = await api.request({
      method: 'POST',
      url: '/api/auth/password',
      session: here,
      payload: { currentPassword: 'not-it', newPassword: 'a-new-password-9' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('/currentPassword');
    const short = await api.request({
      method: 'POST',
      url: '/api/auth/password',
      session: here,
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].path).toBe('/newPassword');

    const ok = await api.request({
      method: 'POST',
      url: '/api/auth/password',
      session: here,
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'a-new-password-9' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await api.request({ method: 'GET', url: '/api/auth/me', session: here })).statusCode).toBe(200);
    expect((await api.request({ method: 'GET', url: '/api/auth/me', session: elsewhere })).statusCode).toBe(401);
    await api.login('heritage.officer', 'a-new-password-9');
    const entry = await lastAudit('user.password_change');
    expect(entry).toMatchObject({ actor_username: 'heritage.officer', entity_type: 'user' });
    expect(JSON.stringify(entry)).not.toMatch(/a-new-password-9|scrypt/);
  });

  it('filters the audit log by action, family, user, period and entity, with display names', async () => {
    const target = user('hohhot.investigator');
    await api.request({ method: 'PATCH', url: `/api/users/${target.id}`, session: admin, payload: { displayName: '呼和浩特侦查员' } });
    const byAction = (await api.request({ method: 'GET', url: '/api/audit?limit=500&action=user.update', session: admin })).json().items as Row[];
    expect(byAction.length).toBeGreaterThan(0);
    expect(byAction.every((e) => e.action === 'user.update')).toBe(true);
    expect(byAction[0]).toMatchObject({ actorUsername: 'admin', actorDisplayName: '系统管理员' });
    const family = (await api.request({ method: 'GET', url: '/api/audit?limit=500&action=auth.*', session: admin })).json().items as Row[];
    expect(family.map((e) => e.action)).toContain('auth.login');
    expect(family.every((e) => String(e.action).startsWith('auth.'))).toBe(true);
    const byActor = (await api.request({ method: 'GET', url: '/api/audit?limit=500&actor=nmg.admin', session: admin })).json().items as Row[];
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actorUsername === 'nmg.admin')).toBe(true);
    const byEntity = (await api.request({ method: 'GET', url: `/api/audit?limit=500&entityType=user&entityId=${target.id}`, session: admin })).json()
      .items as Row[];
    expect(byEntity.length).toBeGreaterThan(0);
    expect(byEntity.every((e) => e.entityId === target.id)).toBe(true);
    const future = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
    expect((await api.request({ method: 'GET', url: `/api/audit?from=${future}`, session: admin })).json().items).toEqual([]);
    const reversed = await api.request({ method: 'GET', url: `/api/audit?from=${future}&to=2020-01-01T00:00:00Z`, session: admin });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields[0].path).toBe('querystring:/to');
    const badAction = await api.request({ method: 'GET', url: '/api/audit?action=DROP%20TABLE', session: admin });
    expect(badAction.statusCode).toBe(400);
  });
});
