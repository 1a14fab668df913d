import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type Config, DEMO_PASSWORD, loadConfig } from '../../src/config.ts';
import type { DriverName } from '../../src/db/client.ts';
import { buildApp } from '../../src/http/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface Session {
  cookie: string;
  csrfToken: string;
  me: { id: string; username: string; agency: { id: string }; jurisdiction: { code: string } };
}

export interface TestApi {
  app: FastifyInstance;
  db: TestDatabase;
  config: Config;
  login(username: string, password?: string): Promise<Session>;
  request(options: InjectOptions & { session?: Session; csrf?: boolean }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** An app on a fresh database with the demo agencies and users, driven through inject(). */
export async function createTestApi(driver: DriverName, overrides: Partial<Config> = {}): Promise<TestApi> {
  const db = await createTestDatabase(driver);
  // Its own data folder: the files jobs keep (uploads waiting to be imported) go with the test's database.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-data-'));
  const config = loadConfig(
    { NODE_ENV: 'test' },
    { login: { rateLimitMax: 1000, rateLimitWindowMs: 60_000, lockoutThreshold: 5, lockoutMinutes: 15 }, dataDir, ...overrides },
  );
  // Agencies and users only: each test builds the cases it counts.
  await seedDemo(db.database.db, 'test', { cases: false });
  const app = await buildApp(config, db.database);
  await app.ready();

  async function request({ session, csrf = true, headers = {}, ...options }: InjectOptions & { session?: Session; csrf?: boolean }) {
    const extra: Record<string, string> = {};
    if (session) {
      extra.cookie = session.cookie;
      if (csrf) extra['x-csrf-token'] = session.csrfToken;
    }
    return app.inject({ ...options, headers: { ...extra, ...(headers as Record<string, string>) } });
  }

  async function login(username: string, password = DEMO_PASSWORD): Promise<Session> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'lianfang_session');
    const me = response.json();
    return { cookie: `lianfang_session=${cookie!.value}`, csrfToken: me.csrfToken, me };
  }

  return {
    app,
    db,
    config,
    login,
    request,
    async close() {
      await app.close();
      await db.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
