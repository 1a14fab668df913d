import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/modules/audit/index.ts';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { runCli } from '../support/cli.ts';
import { testDrivers } from '../support/db.ts';

type Row = Record<string, unknown>;
const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows;

/** The database's own words for a failed statement (drizzle wraps them as the error's cause). */
async function failureOf(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    return String((error as { cause?: Error }).cause?.message ?? (error as Error).message);
  }
  return 'statement succeeded';
}

describe.each(testDrivers())('audit log on %s', (driver) => {
  let api: TestApi;
  let admin: Session;
  let closed = false;

  beforeAll(async () => {
    api = await createTestApi(driver);
    admin = await api.login('admin');
  });
  afterAll(async () => {
    if (!closed) await api?.close();
  });

  it('writes an entry with who, what, before and after for a change', async () => {
    const users = (await api.request({ method: 'GET', url: '/api/users', session: admin })).json().items as Array<{ id: string; username: string }>;
    const target = users.find((u) => u.username === 'baotou.investigator')!;
    const response = await api.request({
      method: 'PATCH',
      url: `/api/users/${target.id}`,
      session: admin,
      payload: { displayName: '包头侦查员（改）' },
    });
    expect(response.statusCode).toBe(200);
    const [entry] = rowsOf(await api.db.database.db.execute(sql`select * from audit_log where action = 'user.update' order by id desc limit 1`));
    expect(entry).toMatchObject({ actor_username: 'admin', entity_type: 'user', entity_id: target.id, jurisdiction_code: '150200' });
    expect((entry!.before as Row).displayName).toBe('包头侦查员');
    expect((entry!.after as Row).displayName).toBe('包头侦查员（改）');
  });

  it('audits a read of a user’s personal record', async () => {
    const users = (await api.request({ method: 'GET', url: '/api/users', session: admin })).json().items as Array<{ id: string; username: string }>;
    const target = users.find((u) => u.username === 'hohhot.investigator')!;
    await api.request({ method: 'GET', url: `/api/users/${target.id}`, session: admin });
    const [entry] = rowsOf(await api.db.database.db.execute(sql`select * from audit_log where action = 'user.read' order by id desc limit 1`));
    expect(entry).toMatchObject({ actor_username: 'admin', entity_id: target.id });
  });

  it('lists entries to admins only, scoped to their jurisdiction', async () => {
    const list = await api.request({ method: 'GET', url: '/api/audit?limit=5', session: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(5);
    const investigator = await api.login('hohhot.investigator');
    expect((await api.request({ method: 'GET', url: '/api/audit', session: investigator })).statusCode).toBe(403);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows for the application', async () => {
    const db = api.db.database.db;
    expect(await failureOf(db.execute(sql`update audit_log set action = 'nothing' where id = 1`))).toMatch(/append-only \(UPDATE rejected\)/);
    expect(await failureOf(db.execute(sql`delete from audit_log where id = 1`))).toMatch(/append-only \(DELETE rejected\)/);
    expect(await failureOf(db.execute(sql`truncate audit_log`))).toMatch(/append-only \(TRUNCATE rejected\)/);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('`lianfang audit verify` passes on an intact chain and names the first tampered row', async () => {
    const db = api.db.database.db;
    const [victim] = rowsOf(await db.execute(sql`select id from audit_log where action = 'user.update' order by id limit 1`));
    const total = rowsOf(await db.execute(sql`select count(*)::int as n from audit_log`))[0]!.n as number;
    const victimId = Number(victim!.id);
    // Tampering needs the table owner to switch the guard off: what an attacker with the database would do.
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    await db.execute(sql`update audit_log set after = jsonb_set(after, '{displayName}', '"someone else"') where id = ${victimId}`);
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: victimId - 1, brokenAt: victimId, reason: 'hash_mismatch' });

    const location = api.db.location;
    await api.app.close();
    if (driver === 'pglite') await api.db.database.close();
    const result = await runCli(['audit', 'verify'], location);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`BROKEN at entry ${victimId}`);
    expect(total).toBeGreaterThan(victimId);
    await api.db.dispose();
    closed = true;
  });
});
