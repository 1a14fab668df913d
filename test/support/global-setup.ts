import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildWebIfStale } from '../../scripts/build-web-if-stale.mjs';
import { openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

export const PG_ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    /** A migrated PostgreSQL database that test databases are cloned from (CREATE DATABASE … TEMPLATE). */
    postgresTemplate: string | null;
    /** A migrated PGlite folder that test databases are copied from. */
    pgliteTemplateDir: string;
  }
}

/**
 * Decides once per run whether the PostgreSQL half of the database tests can run, and migrates
 * one template database per driver: every test database starts as a copy of it, so a test file
 * does not spend its first seconds running the migrations again (they are the same for all).
 */
export default async function setup(project: TestProject) {
  // Once, before any test file runs. When each browser test file built the web app it found missing (a fresh
  // clone), two files starting together built into dist/web at the same time, and one build emptied the folder
  // while the other file's server was already serving pages from it.
  buildWebIfStale();
  const pgliteTemplateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-template-'));
  const pglite = await openDatabase({ dataDir: pgliteTemplateDir });
  await migrateDatabase(pglite);
  await pglite.close();
  project.provide('pgliteTemplateDir', pgliteTemplateDir);
  let postgresTemplate: string | null = null;

  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    project.provide('postgresUrl', PG_ADMIN_URL);
    postgresTemplate = `lianfang_template_${randomBytes(6).toString('hex')}`;
    await client.query(`create database ${postgresTemplate}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${postgresTemplate}`;
    const template = await openDatabase({ databaseUrl: url.toString() });
    await migrateDatabase(template);
    await template.close();
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`CI: PostgreSQL must answer at ${PG_ADMIN_URL} (${(error as Error).message})`);
    }
    console.log(
      `PostgreSQL not reachable at ${PG_ADMIN_URL} (${(error as Error).message}): skipping the PostgreSQL driver's database tests; PGlite tests still run.`,
    );
    project.provide('postgresUrl', null);
  } finally {
    await client.end().catch(() => undefined);
  }
  project.provide('postgresTemplate', postgresTemplate);

  return async function teardown() {
    fs.rmSync(pgliteTemplateDir, { recursive: true, force: true });
    if (!postgresTemplate) return;
    const cleanup = new pg.Client({ connectionString: PG_ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${postgresTemplate} with (force)`);
    await cleanup.end();
  };
}
