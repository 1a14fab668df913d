import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

async function counts(api: TestApi) {
  const result = await api.db.database.db.execute(
    sql`select (select count(*) from users)::int as users, (select count(*) from audit_log)::int as audit`,
  );
  return (result as unknown as { rows: Array<{ users: number; audit: number }> }).rows[0]!;
}

describe.each(testDrivers())('bad input on %s', (driver) => {
  let api: TestApi;
  let admin: Session;
  let agencyId: string;

  beforeAll(async () => {
    api = await createTestApi(driver);
    admin = await api.login('admin');
    const agencies = (await api.request({ method: 'GET', url: '/api/agencies', session: admin })).json().items as Array<{
      id: string;
      nameZh: string;
    }>;
    agencyId = agencies.find((a) => a.nameZh === '呼和浩特市公安局')!.id;
  });
  afterAll(() => api?.close());

  const valid = () => ({
    username: 'new.investigator',
    displayName: '新侦查员',
    password: 'a-long-password',
    roles: ['investigator'],
    agencyId,
    jurisdictionCode: '150100',
  });

  const cases: Array<[string, (body: Record<string, unknown>) => Record<string, unknown>, string[]]> = [
    ['wrong types', (b) => ({ ...b, username: 42, roles: 'investigator' }), ['/username', '/roles']],
    ['missing fields', ({ password: _p, agencyId: _a, ...rest }) => rest, ['/password', '/agencyId']],
    ['unknown fields', (b) => ({ ...b, isSuperuser: true }), ['/isSuperuser']],
    ['over-long strings', (b) => ({ ...b, displayName: '长'.repeat(201) }), ['/displayName']],
    ['a malformed jurisdiction code', (b) => ({ ...b, jurisdictionCode: '15010' }), ['/jurisdictionCode']],
    ['a jurisdiction code that does not exist', (b) => ({ ...b, jurisdictionCode: '999999' }), ['/jurisdictionCode']],
    ['an unknown role', (b) => ({ ...b, roles: ['superuser'] }), ['/roles/0']],
    ['a user outside the agency’s jurisdiction', (b) => ({ ...b, jurisdictionCode: '150200' }), ['/jurisdictionCode']],
  ];

  for (const [label, mutate, paths] of cases) {
    it(`rejects ${label} with 400, names the field, and writes nothing`, async () => {
      const before = await counts(api);
      const response = await api.request({ method: 'POST', url: '/api/users', session: admin, payload: mutate(valid()) });
      expect(response.statusCode).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('validation_failed');
      expect(error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(paths));
      expect(await counts(api)).toEqual(before);
    });
  }

  it('refuses a role without org.users.write with 403 and writes nothing', async () => {
    const commander = await api.login('nmg.commander');
    const before = await counts(api);
    const forbidden = await api.request({ method: 'POST', url: '/api/users', session: commander, payload: valid() });
    expect(forbidden.statusCode).toBe(403);
    expect(await counts(api)).toEqual(before);
  });

  it('rejects malformed JSON with 400 invalid_json and writes nothing', async () => {
    const before = await counts(api);
    const response = await api.request({
      method: 'POST',
      url: '/api/users',
      session: admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "x",',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_json');
    expect(await counts(api)).toEqual(before);
  });

  it('answers an unknown API route with 404 in the error shape', async () => {
    const response = await api.request({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'route_not_found', message: expect.any(String), requestId: expect.any(String) } });
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await api.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) } });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('creates a valid user, audited with its after-state, and the new user can log in', async () => {
    const before = await counts(api);
    const response = await api.request({ method: 'POST', url: '/api/users', session: admin, payload: valid() });
    expect(response.statusCode).toBe(201);
    expect(response.json()).not.toHaveProperty('passwordHash');
    expect(await counts(api)).toEqual({ users: before.users + 1, audit: before.audit + 1 });
    const session = await api.login('new.investigator', 'a-long-password');
    expect(session.me.jurisdiction.code).toBe('150100');
    const again = await api.request({ method: 'POST', url: '/api/users', session: admin, payload: valid() });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields).toEqual([{ path: '/username', message: '用户名已被使用' }]);
  });

  it('serves the OpenAPI document listing every API route', async () => {
    const doc = (await api.request({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/health', '/api/auth/login', '/api/auth/logout', '/api/auth/me', '/api/agencies/{id}', '/api/users', '/api/audit']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });

  it('reports health with the driver in use', async () => {
    const response = await api.request({ method: 'GET', url: '/api/health' });
    expect(response.json()).toMatchObject({ status: 'ok', database: driver });
  });
});
