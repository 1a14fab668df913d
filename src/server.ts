import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { photoDirOf } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { buildApp, jobQueueOf } from './http/app.ts';
import { backfillFingerprints, startRegistryFingerprinting } from './modules/matching/index.ts';
import { countUsers } from './modules/org/index.ts';
import { pdfRenderer } from './pdf/renderer.ts';
import { seedDemo } from './seed/demo.ts';
import { seedDemoRegistry } from './seed/demo-registry.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

export const FIRST_USER_HELP = [
  'No users exist yet. Create an agency and a first administrator:',
  '  npx lianfang agency create --kind public_security --name-zh 公安部 --name-en "Ministry of Public Security" --jurisdiction 100000',
  '  npx lianfang user create --username admin --display-name "Administrator" --role admin --agency <agency id printed above> --jurisdiction 100000',
  '(or, for a demonstration only: npx lianfang seed --demo)',
].join('\n');

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

/** Migrate, optionally fill an empty installation with the demo set, and listen. */
export async function startServer(config: Config, options: { demo: boolean }): Promise<RunningServer> {
  const database = await openConfiguredDatabase(config);
  try {
    await migrateDatabase(database);
    const app = await buildApp(config, database);
    if (!pdfRenderer().available()) {
      app.log.warn(
        `PDF export is off: Chromium is not at ${pdfRenderer().options.executablePath} (apt-get install chromium fonts-wqy-microhei, or set CHROMIUM_PATH); PDF requests answer 503`,
      );
    }
    if ((await countUsers(database.db)) === 0) {
      if (options.demo && config.env !== 'production') {
        const seeded = await seedDemo(database.db, config.env);
        const registryObjects = await seedDemoRegistry(database.db, { dir: photoDirOf(config) });
        app.log.info({ ...seeded, registryObjects }, 'loaded the demo data set (password: lianfang-demo)');
      } else {
        app.log.warn(FIRST_USER_HELP);
      }
    }
    // New registry photos (upload, import) are fingerprinted by jobs of the app's queue, for search by photo.
    const jobs = jobQueueOf(app);
    const stopFingerprinting = startRegistryFingerprinting(database.db, jobs);
    backfillFingerprints(database.db, jobs).then(
      ({ queued }) => {
        if (queued) app.log.info({ queued }, 'registry photos queued for fingerprinting');
      },
      (error: unknown) => app.log.error({ err: error }, 'fingerprint backfill'),
    );
    let url: string;
    try {
      url = await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      stopFingerprinting();
      await app.close();
      throw error;
    }
    app.log.info({ database: database.driver, url }, 'Lianfang is serving');
    return {
      app,
      database,
      url,
      async stop() {
        stopFingerprinting();
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
