import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { multipart } from '../relics/support.ts';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { createTestDatabase, type TestDatabase, testDrivers } from '../support/db.ts';

/** Issue 13: database errors in the log, 500s for bad input, malformed multipart. One test per finding. */

const NAME = '张三丰';
const ID_NUMBER = '110101199001011234';
const PHONE = '13912345678';

describe.each(testDrivers())('database errors on %s', (driver) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const log: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    await db.database.db.execute(
      sql.raw(`create table probe_rules (
      id integer primary key, amount numeric(6, 2) constraint probe_rules_amount_nonnegative check (amount >= 0), name text not null unique,
      parent integer references probe_rules (id))`),
    );
    app = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info' }), db.database, { logStream: { write: (line) => void log.push(line) } });
    const d = db.database.db;
    // Statements as a service would run them, each failing in the database with personal data among its parameters.
    const failing: Record<string, () => Promise<unknown>> = {
      'bad-cast': () => d.execute(sql`select ${`${NAME} ${ID_NUMBER} ${PHONE}`}::integer`),
      'no-table': () => d.execute(sql`select ${NAME}::text, ${ID_NUMBER}::text, ${PHONE}::text from no_such_table`),
      overflow: () => d.execute(sql`insert into probe_rules (id, amount, name) values (1, ${'99999999.99'}, ${NAME})`),
      negative: () => d.execute(sql`insert into probe_rules (id, amount, name) values (2, ${'-1'}, ${NAME})`),
      'not-null': () => d.execute(sql`insert into probe_rules (id, amount, name) values (3, 1, ${null})`),
      'missing-parent': () => d.execute(sql`insert into probe_rules (id, amount, name, parent) values (4, 1, ${ID_NUMBER}, 999)`),
      duplicate: async () => {
        await d.execute(sql`insert into probe_rules (id, amount, name) values (5, 1, ${PHONE}) on conflict do nothing`);
        return d.execute(sql`insert into probe_rules (id, amount, name) values (6, 1, ${PHONE})`);
      },
      'nul-byte': () => d.execute(sql`select ${`${NAME}\u0000${ID_NUMBER}`}::text`),
    };
    for (const [name, run] of Object.entries(failing)) app.get(`/api/probe/${name}`, async () => run());
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  const get = (name: string) => app.inject({ method: 'GET', url: `/api/probe/${name}`, headers: { 'accept-language': 'en' } });

  it('logs a failed statement with its SQL and SQLSTATE, never its parameters or the quoted value', async () => {
    log.length = 0;
    expect((await get('no-table')).statusCode).toBe(500);
    expect((await get('bad-cast')).statusCode).toBe(400);
    const text = log.join('');
    expect(text).toContain('42P01');
    expect(text).toContain('22P02');
    expect(text).toMatch(/from no_such_table/);
    for (const value of [NAME, ID_NUMBER, PHONE]) expect(text).not.toContain(value);
  });

  it('answers a data exception with 400 and a broken constraint with 400 or 409, naming the column where known', async () => {
    const answers: Record<string, [number, string, string[]]> = {};
    for (const name of ['bad-cast', 'overflow', 'negative', 'not-null', 'missing-parent', 'duplicate', 'nul-byte']) {
      const response = await get(name);
      const error = response.json().error;
      answers[name] = [response.statusCode, error.code, (error.fields ?? []).map((f: { path: string }) => f.path)];
      expect(JSON.stringify(error)).not.toContain(ID_NUMBER);
      expect(JSON.stringify(error)).not.toContain(PHONE);
    }
    expect(answers).toEqual({
      'bad-cast': [400, 'db.invalid_value', []],
      overflow: [400, 'db.invalid_value', []],
      negative: [400, 'db.rule_broken', []],
      'not-null': [400, 'db.missing_value', ['/name']],
      'missing-parent': [400, 'db.reference_missing', ['/parent']],
      duplicate: [409, 'db.already_exists', ['/name']],
      'nul-byte': [400, 'db.invalid_value', []],
    });
    expect(log.join('')).not.toContain(ID_NUMBER);
  });
});

describe.each(testDrivers())('input refused at the schema on %s', (driver) => {
  let api: TestApi;
  let investigator: Session;
  let admin: Session;
  let caseId: string;

  beforeAll(async () => {
    api = await createTestApi(driver);
    investigator = await api.login('hohhot.investigator');
    admin = await api.login('admin');
    const created = await api.request({
      method: 'POST',
      url: '/api/cases',
      session: investigator,
      payload: { categoryCode: 'relic.excavation', title: '输入检查', jurisdictionCode: '150100', reportedAt: '2020-03-01T10:00:00+08:00' },
    });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
  });
  afterAll(() => api?.close());

  const fieldsOf = (body: string) => (JSON.parse(body).error.fields ?? []).map((f: { path: string }) => f.path);

  it('refuses a negative or overflowing loss amount, year 0000 and second 60, and a NUL byte, naming each field', async () => {
    const file = (payload: Record<string, unknown>) =>
      api.request({
        method: 'POST',
        url: '/api/cases',
        session: investigator,
        payload: {
          categoryCode: 'relic.excavation',
          title: '坏输入',
          jurisdictionCode: '150100',
          reportedAt: '2020-03-01T10:00:00+08:00',
          ...payload,
        },
      });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ lossAmount: '-1' }, '/lossAmount'],
      [{ lossAmount: '9999999999999999.999' }, '/lossAmount'],
      [{ occurredAt: '0000-01-01T00:00:00Z' }, '/occurredAt'],
      [{ reportedAt: '2024-12-31T23:59:60Z' }, '/reportedAt'],
      [{ occurredAt: '2023-02-29T00:00:00Z' }, '/occurredAt'],
      [{ title: 'a\u0000b' }, '/title'],
    ];
    for (const [payload, path] of cases) {
      const response = await file(payload);
      expect(response.statusCode, `${JSON.stringify(payload)} ${response.body}`).toBe(400);
      expect(fieldsOf(response.body)).toContain(path);
    }
    const quantity = await api.request({
      method: 'POST',
      url: `/api/cases/${caseId}/property`,
      session: investigator,
      payload: { kind: 'cultural_relic', quantity: '9999999999999999.999', unit: 'piece', action: 'recovered', at: '2020-04-01T10:00:00+08:00' },
    });
    expect(quantity.statusCode, quantity.body).toBe(400);
    expect(fieldsOf(quantity.body)).toContain('/quantity');
  });

  it('refuses pages, ids and cursors past the safe integers, and NUL in a query, naming the parameter', async () => {
    const answers = await Promise.all(
      [
        '/api/cases?page=1e20',
        '/api/relics/objects?page=99999999999999999999',
        '/api/audit?before=99999999999999999999',
        '/api/notifications/99999999999999999999/read',
        '/api/cases?q=a%00b',
      ].map((url) => api.request({ method: url.endsWith('/read') ? 'POST' : 'GET', url, session: admin })),
    );
    expect(answers.map((a) => [a.statusCode, fieldsOf(a.body)])).toEqual([
      [400, ['querystring:/page']],
      [400, ['querystring:/page']],
      [400, ['querystring:/before']],
      [400, ['params:/id']],
      [400, ['querystring:/q']],
    ]);
  });

  it('refuses a NUL byte in an anonymous certificate request and tip, naming the field', async () => {
    const certificate = await api.request({ method: 'POST', url: '/api/public/certificates', payload: { description: `青铜鼎\u0000${ID_NUMBER}` } });
    expect(certificate.statusCode, certificate.body).toBe(400);
    expect(fieldsOf(certificate.body)).toEqual(['/description']);
    const body = multipart({ message: 'a\u0000b' });
    const tip = await api.request({ method: 'POST', url: '/api/public/objects/CN-2026-000001/tips', payload: body.payload, headers: body.headers });
    expect(tip.statusCode, tip.body).toBe(400);
    expect(fieldsOf(tip.body)).toEqual(['/message']);
  });

  it('answers malformed multipart on every upload endpoint, anonymous ones included, with 400 in the error shape', async () => {
    const uploads = [
      '/api/imports/cases',
      '/api/relics/imports',
      `/api/relics/objects/${caseId}/photos`,
      '/api/matching/search',
      '/api/matching/screenings',
      '/api/public/objects/search-by-photo',
      '/api/public/objects/CN-2026-000001/tips',
    ];
    for (const url of uploads) {
      for (const payload of ['garbage', '--xyz\r\ncontent-disposition: form-data; name="note"\r\n\r\nabc']) {
        const response = await api.request({
          method: 'POST',
          url,
          session: url.includes('/public/') ? undefined : admin,
          payload,
          headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
        });
        expect([url, response.statusCode, response.json().error?.code]).toEqual([url, 400, 'multipart_malformed']);
      }
    }
  });

  it('refuses an SVG in a search by photo, as the registry does (one list of image types)', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#8a6"/><circle cx="200" cy="150" r="80" fill="#345"/></svg>',
    );
    const body = multipart({}, { bytes: svg, name: 'vase.svg', type: 'image/svg+xml' });
    const response = await api.request({ method: 'POST', url: '/api/public/objects/search-by-photo', payload: body.payload, headers: body.headers });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('matching.not_an_image');
  });

  it('asks an anonymous caller to sign in before reading or checking a staff route’s body', async () => {
    const response = await api.request({ method: 'POST', url: '/api/users', payload: { username: 42 } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('auth.unauthenticated');
  });

  it('says how many seconds to wait when rate limited', async () => {
    const limited = await createTestApi(driver, { login: { rateLimitMax: 1, rateLimitWindowMs: 60_000, lockoutThreshold: 100, lockoutMinutes: 1 } });
    try {
      const attempt = (lang: string) =>
        limited.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'nobody', password: 'x' },
          headers: { 'accept-language': lang },
        });
      await attempt('zh');
      const zh = (await attempt('zh')).json().error.message as string;
      const en = (await attempt('en')).json().error.message as string;
      expect(zh).toMatch(/^请求过于频繁，请 \d+ 秒后再试$/);
      expect(en).toMatch(/^Too many requests: try again in \d+ s$/);
    } finally {
      await limited.close();
    }
  });
});
