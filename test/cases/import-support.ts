// Shared set-up of the case import tests (import.test.ts: reading and checking; import-export.test.ts: export, bulk
// mode and the command line): a migrated database per driver with the demo agencies and users, and helpers.

import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORD, loadConfig } from '../../src/config.ts';
import { DomainError } from '../../src/core/errors.ts';
import type { Db, DriverName } from '../../src/db/client.ts';
import { buildApp } from '../../src/http/app.ts';
import { type ImportKind, type ImportOptions, importFile } from '../../src/modules/cases/import/index.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

export const CLI = { userId: null, username: 'cli:test' };

/** CSV text from rows of cells (quoted where needed). */
export function csv(rows: Array<Array<string | number>>): Buffer {
  const cell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return Buffer.from(rows.map((r) => r.map(cell).join(',')).join('\n') + '\n');
}

/** GBK bytes for a text, built by inverting Node's GBK decoder (Node has no GBK encoder). */
export function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fcffff3f0300050001a5f645400000000049454e44ae426082',
  'hex',
);

export interface Session {
  cookie: string;
  csrfToken: string;
}

/** The app, for the export routes (imports over HTTP are jobs: test/api/imports.test.ts). */
async function importTestApp(target: TestDatabase): Promise<FastifyInstance> {
  const config = loadConfig(
    { NODE_ENV: 'test' },
    { login: { rateLimitMax: 1000, rateLimitWindowMs: 60_000, lockoutThreshold: 5, lockoutMinutes: 15 } },
  );
  const app = await buildApp(config, target.database);
  await app.ready();
  return app;
}

export interface ImportSuite {
  target: TestDatabase;
  db: Db;
  app: FastifyInstance;
  login(username: string): Promise<Session>;
  run(kind: ImportKind, bytes: Buffer, extra?: Partial<ImportOptions>): ReturnType<typeof importFile>;
  counts(): Promise<Record<'cases' | 'persons' | 'parties' | 'fugitives' | 'property' | 'gangs' | 'members' | 'identifiers' | 'audit', number>>;
  rows<T>(query: ReturnType<typeof sql>): Promise<T[]>;
  /** Runs an import that must be refused: nothing written, and the problems as [row, column, code]. */
  rejected(kind: ImportKind, bytes: Buffer, extra?: Partial<ImportOptions>): Promise<Array<[number, string | null, string]>>;
  fileError(kind: ImportKind, bytes: Buffer): Promise<string>;
}

/** Registers the describe block's set-up and tear-down; `target`, `db` and `app` are set before its first test. */
export function importSuite(driver: DriverName): ImportSuite {
  const suite = {} as ImportSuite;
  let target: TestDatabase;
  let db: Db;
  let app: FastifyInstance;
  const sessions = new Map<string, Session>();

  async function login(username: string): Promise<Session> {
    const known = sessions.get(username);
    if (known) return known;
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'lianfang_session')!;
    const session = { cookie: `lianfang_session=${cookie.value}`, csrfToken: response.json().csrfToken as string };
    sessions.set(username, session);
    return session;
  }

  const run = (kind: ImportKind, bytes: Buffer, extra: Partial<ImportOptions> = {}) =>
    importFile(db, { kind, fileName: `${kind}.csv`, bytes, actor: CLI, ...extra });

  async function counts() {
    const result = await db.execute(sql`select
      (select count(*) from cases)::int as cases, (select count(*) from persons)::int as persons,
      (select count(*) from case_parties)::int as parties, (select count(*) from fugitives)::int as fugitives,
      (select count(*) from property_items)::int as property, (select count(*) from gangs)::int as gangs,
      (select count(*) from gang_members)::int as members, (select count(*) from case_identifiers)::int as identifiers,
      (select count(*) from audit_log)::int as audit`);
    return (
      result as unknown as {
        rows: Array<Record<'cases' | 'persons' | 'parties' | 'fugitives' | 'property' | 'gangs' | 'members' | 'identifiers' | 'audit', number>>;
      }
    ).rows[0]!;
  }

  async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
    return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  }

  /** Runs an import that must be refused: nothing written, and the problems as [row, column, code]. */
  async function rejected(kind: ImportKind, bytes: Buffer, extra: Partial<ImportOptions> = {}): Promise<Array<[number, string | null, string]>> {
    const before = await counts();
    const report = await run(kind, bytes, extra);
    expect(report.imported).toBe(0);
    expect(report.errorCount).toBeGreaterThan(0);
    expect(report.errors.every((e) => e.reasonZh && e.reasonEn)).toBe(true);
    expect(await counts()).toEqual(before);
    return report.errors.map((e) => [e.row, e.column, e.code]);
  }

  async function fileError(kind: ImportKind, bytes: Buffer): Promise<string> {
    const before = await counts();
    const error = await run(kind, bytes).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(await counts()).toEqual(before);
    return (error as DomainError).code;
  }

  beforeAll(async () => {
    target = await createTestDatabase(driver);
    db = target.database.db;
    await seedDemo(db, 'test', { cases: false }); // agencies and users only: each test builds the records it counts
    app = await importTestApp(target);
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await target?.dispose();
  });
  beforeAll(() => {
    Object.assign(suite, { target, db, app });
  });
  return Object.assign(suite, { login, run, counts, rows, rejected, fileError });
}
