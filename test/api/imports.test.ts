// Imports over HTTP are jobs on the one queue: the upload answers 202 with a job id, the page follows the job until its
// report. (The importer itself is tested through its module in test/cases/import.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadConfig } from '../../src/config.ts';
import { authPolicyFrom, buildApp, jobQueueOf } from '../../src/http/app.ts';
import { importRoutes } from '../../src/http/routes/imports.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { CASE_HEADER, caseRow } from '../support/case-rows.ts';
import { createTestDatabase, testDrivers } from '../support/db.ts';
import { importOutcome, waitForJob } from '../support/jobs.ts';

function csv(rows: Array<Array<string | number>>): Buffer {
  const cell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return Buffer.from(rows.map((r) => r.map(cell).join(',')).join('\n') + '\n');
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fcffff3f0300050001a5f645400000000049454e44ae426082',
  'hex',
);

function multipart(fileName: string, bytes: Buffer, field = 'file') {
  const boundary = `----lianfang-test-${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const jobUrl = (id: string) => `/api/imports/jobs/${id}`;

describe.each(testDrivers())('imports over HTTP, as jobs, on %s', (driver) => {
  let api: TestApi;
  const sessions = new Map<string, Session>();
  const login = async (username: string) => {
    if (!sessions.has(username)) sessions.set(username, await api.login(username));
    return sessions.get(username)!;
  };
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await api.db.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const caseCount = async (like: string) => (await rows<{ n: number }>(sql`select count(*)::int as n from cases where case_no like ${like}`))[0]!.n;

  /** Starts an import (the 202 answer, or the refusal). */
  const start = async (username: string, kind: string, fileName: string, bytes: Buffer, query = '', lang = 'en') => {
    const body = multipart(fileName, bytes);
    return api.request({
      method: 'POST',
      url: `/api/imports/${kind}${query}`,
      session: await login(username),
      payload: body.payload,
      headers: { ...body.headers, 'accept-language': lang },
    });
  };
  /** Starts an import and follows its job to the end. */
  const upload = async (username: string, kind: string, fileName: string, bytes: Buffer, query = '', lang = 'en') =>
    importOutcome(api, await login(username), await start(username, kind, fileName, bytes, query, lang), jobUrl, lang);

  beforeAll(async () => {
    api = await createTestApi(driver);
  }, 300_000);
  afterAll(async () => {
    await api?.close();
  });

  it("answers 202 with a job id at once; the job imports in scope, refuses rows outside it and reports in the caller's language", async () => {
    await login('hohhot.investigator');
    const started = await start(
      'hohhot.investigator',
      'cases',
      'baotou.csv',
      csv([CASE_HEADER, caseRow('H-1'), caseRow('H-2', { jurisdiction: '150200' })]),
      '',
      'zh-CN',
    );
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toEqual({ jobId: expect.stringMatching(/^[0-9a-f-]{36}$/), state: 'queued' });
    const outside = await waitForJob(api, await login('hohhot.investigator'), jobUrl(started.json().jobId), 'zh-CN');
    expect(outside).toMatchObject({
      state: 'done',
      error: null,
      progress: { phase: 'done', percent: 100, rowsRead: 2, rowsWritten: 0 },
      report: {
        kind: 'cases',
        rows: 2,
        imported: 0,
        errorCount: 1,
        errors: [
          { row: 3, column: 'jurisdiction', value: '150200', code: 'import.jurisdiction_out_of_scope', reason: '该行政区划不在您的管辖范围内' },
        ],
      },
    });
    expect(await caseCount('H-%')).toBe(0);

    const dry = await upload(
      'hohhot.investigator',
      'cases',
      'hohhot.csv',
      csv([CASE_HEADER, caseRow('H-1'), caseRow('H-3', { jurisdiction: '150102' })]),
      '?dryRun=true',
    );
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 2, imported: 0, errors: [] });
    expect(await caseCount('H-%')).toBe(0);

    const good = await upload(
      'hohhot.investigator',
      'cases',
      'hohhot.csv',
      csv([CASE_HEADER, caseRow('H-1'), caseRow('H-3', { jurisdiction: '150102' })]),
      '?timeZone=Asia/Urumqi',
    );
    expect(good.json()).toMatchObject({ rows: 2, imported: 2, errors: [], timeZone: 'Asia/Urumqi' });
    const agencies = await rows<{ name_zh: string; username: string }>(sql`
      select distinct a.name_zh, u.username from cases c join agencies a on a.id = c.agency_id join users u on u.id = c.created_by where c.case_no like 'H-%'`);
    expect(agencies).toEqual([{ name_zh: '呼和浩特市公安局', username: 'hohhot.investigator' }]);
    const [entry] = await rows<{ actor_username: string; jurisdiction_code: string }>(
      sql`select actor_username, jurisdiction_code from audit_log where action = 'import.cases' order by id desc limit 1`,
    );
    expect(entry).toEqual({ actor_username: 'hohhot.investigator', jurisdiction_code: '150100' });

    // Parties of a case outside scope (a Baotou case) are unknown to this importer.
    expect((await upload('admin', 'cases', 'hb.csv', csv([CASE_HEADER, caseRow('HB-2', { jurisdiction: '150200' })]))).json()).toMatchObject({
      imported: 1,
      errorCount: 0,
    });
    const parties = await upload(
      'hohhot.investigator',
      'parties',
      'p.csv',
      csv([
        ['case_no', 'person_ref', 'role', 'name'],
        ['HB-2', 'P-50', 'witness', '郑某'],
      ]),
    );
    expect(parties.json().errors).toMatchObject([{ row: 2, column: 'case_no', code: 'import.unknown_case' }]);
  });

  it('shows a job (progress and report) only to the user who started it: 404 to another user, 401 without a session', async () => {
    const started = await start(
      'hohhot.investigator',
      'cases',
      'progress.csv',
      csv([CASE_HEADER, caseRow('PG-1'), caseRow('PG-2'), caseRow('PG-3')]),
    );
    expect(started.statusCode, started.body).toBe(202);
    const id: string = started.json().jobId;
    const mine = await login('hohhot.investigator');
    const done = await waitForJob(api, mine, jobUrl(id.toUpperCase()));
    expect(done).toMatchObject({
      jobId: id,
      state: 'done',
      progress: { phase: 'done', percent: 100, rowsRead: 3, rowsWritten: 3 },
      report: { rows: 3, imported: 3 },
    });

    const other = await login('nmg.commander');
    const hidden = await api.request({ method: 'GET', url: jobUrl(id), session: other });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('jobs.not_found');
    expect((await api.request({ method: 'GET', url: jobUrl('00000000-0000-4000-8000-000000000000'), session: mine })).statusCode).toBe(404);
    expect((await api.request({ method: 'GET', url: jobUrl(id) })).statusCode).toBe(401);
    expect((await api.request({ method: 'GET', url: jobUrl('not-a-uuid'), session: mine })).statusCode).toBe(400);
    // A registry import's job is not a case import's: each kind is read at its own address.
    expect((await api.request({ method: 'GET', url: `/api/relics/imports/${id}`, session: mine })).statusCode).toBe(404);
  });

  it("a file the importer cannot read fails its job with the error code and a message in the caller's language; refusals before the job are 4xx", async () => {
    const png = await upload('admin', 'cases', 'photo.png', PNG);
    expect(png.job?.state).toBe('failed');
    expect(png.json().error).toEqual({ code: 'import.not_csv_or_xlsx', message: 'The file is neither CSV nor XLSX (detected: PNG)' });
    const empty = await upload('admin', 'gangs', 'empty.csv', Buffer.from('gang_ref,kind,name,jurisdiction\n'), '', 'zh');
    expect(empty.json().error).toMatchObject({ code: 'import.no_data_rows', message: '文件没有数据行' });

    const session = await login('admin');
    const json = await api.request({ method: 'POST', url: '/api/imports/cases', payload: { rows: [] }, session });
    expect(json.statusCode).toBe(415);
    expect((await start('admin', 'weapons', 'x.csv', csv([CASE_HEADER, caseRow('W-1')]))).statusCode).toBe(400);
    const zone = await start('admin', 'cases', 'x.csv', csv([CASE_HEADER, caseRow('W-1')]), '?timeZone=Mars/Olympus');
    expect(zone.statusCode).toBe(400);
    expect(zone.json().error).toMatchObject({ code: 'import.invalid_time_zone', message: 'Unknown time zone: Mars/Olympus' });
    expect(
      (await start('admin', 'cases', 'x.csv', csv([CASE_HEADER, caseRow('W-1')]), '?progressId=6f1c3a52-9d0e-4c1b-8a7e-2b4f5d6e7a81')).statusCode,
    ).toBe(400);

    const boundary = '----two-files';
    const part = (name: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${CASE_HEADER.join(',')}\n${caseRow('W-2').join(',')}\n\r\n`;
    const two = await api.request({
      method: 'POST',
      url: '/api/imports/cases',
      payload: `${part('a.csv')}${part('b.csv')}--${boundary}--\r\n`,
      session,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': 'en' },
    });
    expect(two.statusCode).toBe(400);
    expect(two.json().error.code).toBe('import.one_file_only');

    expect((await start('heritage.officer', 'cases', 'x.csv', csv([CASE_HEADER, caseRow('W-1')]))).statusCode).toBe(403);
    const anonymous = multipart('x.csv', csv([CASE_HEADER, caseRow('W-1')]));
    expect((await api.request({ method: 'POST', url: '/api/imports/cases', ...anonymous })).statusCode).toBe(401);
    expect(await caseCount('W-%')).toBe(0);
    // Nothing of the refused uploads is kept.
    expect(fs.readdirSync(path.join(api.config.dataDir, 'job-files'))).toEqual([]);
  });

  it('refuses a file over the size limit with 413 and writes nothing', async () => {
    // The import routes again under /api/limited with a 1 KiB limit.
    const app2 = await buildApp(api.config, api.db.database);
    const ctx = { db: api.db.database.db, driver, config: api.config, authPolicy: authPolicyFrom(api.config), jobs: jobQueueOf(app2) };
    await app2.register(async (scope) => importRoutes(scope, ctx, { maxBytes: 1024 }), { prefix: '/api/limited' });
    await app2.ready();
    try {
      const login2 = await app2.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
      const cookie = `lianfang_session=${login2.cookies.find((c) => c.name === 'lianfang_session')!.value}`;
      const big = csv([CASE_HEADER, ...Array.from({ length: 40 }, (_, i) => caseRow(`BIG-${i}`))]);
      expect(big.length).toBeGreaterThan(1024);
      const body = multipart('big.csv', big);
      const response = await app2.inject({
        method: 'POST',
        url: '/api/limited/api/imports/cases',
        payload: body.payload,
        headers: { ...body.headers, cookie, 'x-csrf-token': login2.json().csrfToken, 'accept-language': 'en' },
      });
      expect(response.statusCode).toBe(413);
      expect(response.json().error).toMatchObject({ code: 'import.file_too_large', message: 'The file is too large (limit 1 KiB)' });
      expect(await caseCount('BIG-%')).toBe(0);
    } finally {
      await app2.close();
    }
  });
});

describe.each(testDrivers())('an import job survives a restart on %s', (driver) => {
  it('queued while no process works the queue, the job (and its upload) wait; the next server runs it once', async () => {
    const db = await createTestDatabase(driver);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-data-'));
    try {
      await seedDemo(db.database.db, 'test', { cases: false });
      const config = loadConfig({ NODE_ENV: 'test' }, { dataDir });
      const serve = async (jobWorkers: boolean) => {
        const app = await buildApp({ ...config, jobWorkers }, db.database);
        await app.ready();
        const login = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'hohhot.investigator', password: DEMO_PASSWORD },
        });
        const session: Session = {
          cookie: `lianfang_session=${login.cookies.find((c) => c.name === 'lianfang_session')!.value}`,
          csrfToken: login.json().csrfToken,
          me: login.json(),
        };
        const request: TestApi['request'] = ({ session: s, headers = {}, ...options }) =>
          app.inject({
            ...options,
            headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrfToken } : {}), ...(headers as Record<string, string>) },
          });
        return { app, session, request };
      };

      // A server that only sends jobs (as if the worker were down): the upload is queued and kept.
      const first = await serve(false);
      const body = multipart('restart.csv', csv([CASE_HEADER, caseRow('RS-1'), caseRow('RS-2')]));
      const started = await first.request({
        method: 'POST',
        url: '/api/imports/cases',
        session: first.session,
        payload: body.payload,
        headers: body.headers,
      });
      expect(started.statusCode, started.body).toBe(202);
      const id: string = started.json().jobId;
      const queued = await first.request({ method: 'GET', url: jobUrl(id), session: first.session });
      expect(queued.json()).toMatchObject({ state: 'queued', progress: { phase: 'queued', percent: 0 }, report: null, error: null });
      await first.app.close();
      expect(fs.existsSync(path.join(dataDir, 'job-files', id, 'upload'))).toBe(true);

      // The next start works the queue: the job runs, once.
      const second = await serve(true);
      try {
        const done = await waitForJob(second, second.session, jobUrl(id));
        expect(done).toMatchObject({ state: 'done', report: { rows: 2, imported: 2, errorCount: 0 } });
        const counted = (
          (await db.database.db.execute(sql`select count(*)::int as n from cases where case_no like 'RS-%'`)) as unknown as {
            rows: Array<{ n: number }>;
          }
        ).rows[0]!.n;
        expect(counted).toBe(2);
        const audits = (
          (await db.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'import.cases'`)) as unknown as {
            rows: Array<{ n: number }>;
          }
        ).rows[0]!.n;
        expect(audits).toBe(1);
        // The upload goes with its finished job.
        expect(fs.existsSync(path.join(dataDir, 'job-files', id))).toBe(false);
      } finally {
        await second.app.close();
      }
    } finally {
      await db.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
