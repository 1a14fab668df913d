import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const PG_ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

/** Decides once per run whether the PostgreSQL half of the database tests can run. */
export default async function setup(project: TestProject) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    project.provide('postgresUrl', PG_ADMIN_URL);
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`CI: PostgreSQL must answer at ${PG_ADMIN_URL} (${(error as Error).message})`);
    }
    console.log(`PostgreSQL not reachable at ${PG_ADMIN_URL} (${(error as Error).message}): skipping the PostgreSQL driver's database tests; PGlite tests still run.`);
    project.provide('postgresUrl', null);
  } finally {
    await client.end().catch(() => undefined);
  }
}
