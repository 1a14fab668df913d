import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

describe.each(testDrivers())('auth on %s', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    // No session cache here: these tests change sessions in SQL and expect the next request to see it.
    api = await createTestApi(driver, {
      sessionCacheMs: 0,
      login: { rateLimitMax: 1000, rateLimitWindowMs: 60_000, lockoutThreshold: 3, lockoutMinutes: 15 },
    });
  });
  afterAll(() => api?.close());

  it('logs in with the right password and sets an httpOnly SameSite=Strict session cookie', async () => {
    const response = await api.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'nmg.commander', password: 'lianfang-demo' } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'lianfang_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const me = response.json();
    expect(me).toMatchObject({
      username: 'nmg.commander',
      roles: ['commander', 'analyst'],
      agency: { kind: 'public_security', nameZh: '内蒙古自治区公安厅' },
      jurisdiction: { code: '150000', nameZh: '内蒙古自治区', nameEn: 'Inner Mongolia', level: 'province' },
    });
    expect(me).not.toHaveProperty('passwordHash');
  });

  it('answers /api/auth/me for a session and 401 without one', async () => {
    const session = await api.login('hohhot.investigator');
    const me = await api.request({ method: 'GET', url: '/api/auth/me', session });
    expect(me.statusCode).toBe(200);
    expect(me.json().jurisdiction.code).toBe('150100');
    const anonymous = await api.request({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('auth.unauthenticated');
  });

  it('refuses a wrong password with 401 in the error shape, in the caller’s language', async () => {
    const zh = await api.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'baotou.investigator', password: 'wrong-password' },
    });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: 'auth.invalid_credentials', message: '用户名或密码错误' });
    const en = await api.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-GB' },
      payload: { username: 'nobody.here', password: 'whatever1' },
    });
    expect(en.statusCode).toBe(401);
    expect(en.json().error).toMatchObject({ code: 'auth.invalid_credentials', message: 'Wrong username or password' });
  });

  it('locks an account after repeated failures, even against the right password', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await api.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'chifeng.investigator', password: `guess-${i}` },
      });
      expect(response.statusCode).toBe(401);
    }
    const locked = await api.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chifeng.investigator', password: 'lianfang-demo' },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('auth.account_locked');
    const rows = await api.db.database.db.execute(sql`select action from audit_log where actor_username = 'chifeng.investigator' order by id`);
    const actions = (rows as unknown as { rows: Array<{ action: string }> }).rows.map((r) => r.action);
    expect(actions).toEqual(['auth.login_failed', 'auth.login_failed', 'auth.account_locked', 'auth.login_failed', 'auth.login_locked']);
  });

  it('locks an account when wrong guesses arrive at once (the count is kept under the row lock)', async () => {
    const admin = await api.login('admin');
    const created = await api.request({
      method: 'POST',
      url: '/api/users',
      session: admin,
      payload: {
        username: 'ordos.investigator',
        displayName: '鄂尔多斯侦查员',
        password: 'lianfang-demo',
        roles: ['investigator'],
        agencyId: admin.me.agency.id,
        jurisdictionCode: '150600',
      },
    });
    expect(created.statusCode).toBe(201);
    const guesses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'ordos.investigator', password: `parallel-${i}` } }),
      ),
    );
    // Three wrong guesses lock (threshold 3); the guesses that arrive after the lock meet it.
    expect(guesses.map((g) => g.statusCode).sort()).toEqual([401, 401, 401, 423, 423, 423]);
    const right = await api.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ordos.investigator', password: 'lianfang-demo' },
    });
    expect(right.statusCode).toBe(423);
    const rows = await api.db.database.db.execute(
      sql`select action, count(*)::int as n from audit_log where actor_username = 'ordos.investigator' group by action order by action`,
    );
    expect((rows as unknown as { rows: Array<{ action: string; n: number }> }).rows).toEqual([
      { action: 'auth.account_locked', n: 1 },
      { action: 'auth.login_failed', n: 3 },
      { action: 'auth.login_locked', n: 4 },
    ]);
  });

  it('clears the session cookie on logout with the same guards it was set with', async () => {
    const session = await api.login('heritage.officer');
    const out = await api.request({ method: 'POST', url: '/api/auth/logout', session });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'lianfang_session');
    expect(cleared).toMatchObject({ value: '', httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('ends the session a browser still carried when it signs in again', async () => {
    const first = await api.login('hohhot.customs');
    const again = await api.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first.cookie },
      payload: { username: 'hohhot.customs', password: 'lianfang-demo' },
    });
    expect(again.statusCode).toBe(200);
    expect((await api.request({ method: 'GET', url: '/api/auth/me', session: first })).statusCode).toBe(401);
    const second = again.cookies.find((c) => c.name === 'lianfang_session')!;
    expect((await api.request({ method: 'GET', url: '/api/auth/me', headers: { cookie: `lianfang_session=${second.value}` } })).statusCode).toBe(200);
  });

  it('rejects a state-changing request without the CSRF token, and accepts it with the token', async () => {
    const session = await api.login('heritage.officer');
    const without = await api.request({ method: 'POST', url: '/api/auth/logout', session, csrf: false });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('auth.csrf_invalid');
    const forged = await api.request({ method: 'POST', url: '/api/auth/logout', session, csrf: false, headers: { 'x-csrf-token': 'forged' } });
    expect(forged.statusCode).toBe(403);
    const still = await api.request({ method: 'GET', url: '/api/auth/me', session });
    expect(still.statusCode).toBe(200);
    const withToken = await api.request({ method: 'POST', url: '/api/auth/logout', session });
    expect(withToken.statusCode).toBe(204);
    const after = await api.request({ method: 'GET', url: '/api/auth/me', session });
    expect(after.statusCode).toBe(401);
  });

  it('ends a session after its expiry time', async () => {
    const session = await api.login('guangdong.commander');
    await api.db.database.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${session.me.id}`);
    const response = await api.request({ method: 'GET', url: '/api/auth/me', session });
    expect(response.statusCode).toBe(401);
  });

  it('ends a session left idle too long', async () => {
    const session = await api.login('shaanxi.commander');
    await api.db.database.db.execute(sql`update sessions set last_seen_at = now() - interval '1 day' where user_id = ${session.me.id}`);
    const response = await api.request({ method: 'GET', url: '/api/auth/me', session });
    expect(response.statusCode).toBe(401);
  });
});

describe.each(testDrivers())('session cache on %s', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(driver, { sessionCacheMs: 60_000 });
  });
  afterAll(() => api?.close());

  it('still ends a session at once on logout', async () => {
    const session = await api.login('hohhot.investigator');
    expect((await api.request({ method: 'GET', url: '/api/auth/me', session })).statusCode).toBe(200);
    expect((await api.request({ method: 'POST', url: '/api/auth/logout', session })).statusCode).toBe(204);
    expect((await api.request({ method: 'GET', url: '/api/auth/me', session })).statusCode).toBe(401);
  });

  it('still shuts out a user at once when an admin disables them, and shows role changes at once', async () => {
    const admin = await api.login('admin');
    const target = await api.login('baotou.investigator');
    expect((await api.request({ method: 'GET', url: '/api/auth/me', session: target })).json().roles).toEqual(['investigator']);
    const changed = await api.request({
      method: 'PATCH',
      url: `/api/users/${target.me.id}`,
      session: admin,
      payload: { roles: ['investigator', 'analyst'] },
    });
    expect(changed.statusCode).toBe(200);
    expect((await api.request({ method: 'GET', url: '/api/auth/me', session: target })).json().roles).toEqual(['investigator', 'analyst']);
    await api.request({ method: 'PATCH', url: `/api/users/${target.me.id}`, session: admin, payload: { disabled: true } });
    expect((await api.request({ method: 'GET', url: '/api/auth/me', session: target })).statusCode).toBe(401);
  });
});

describe('login rate limit and production rules (pglite)', () => {
  it('answers 429 once a client exceeds the login rate', async () => {
    const api = await createTestApi('pglite', { login: { rateLimitMax: 2, rateLimitWindowMs: 60_000, lockoutThreshold: 100, lockoutMinutes: 1 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await api.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'wrong-one-x' } });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([401, 401, 429]);
      const limited = await api.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'lianfang-demo' } });
      expect(limited.json().error.code).toBe('rate_limited');
    } finally {
      await api.close();
    }
  });

  it('refuses the demo password in production', async () => {
    const api = await createTestApi('pglite', { env: 'production' });
    try {
      const r = await api.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'lianfang-demo' } });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('auth.demo_password_refused');
    } finally {
      await api.close();
    }
  });
});
