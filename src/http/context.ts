import type { Config } from '../config.ts';
import type { Db, DriverName } from '../db/client.ts';
import type { JobQueue } from '../modules/jobs/index.ts';
import type { AuthPolicy } from '../modules/org/index.ts';

/** What route registrations receive: the database and settings, nothing global. */
export interface AppContext {
  db: Db;
  driver: DriverName;
  config: Config;
  authPolicy: AuthPolicy;
  /** The one background job queue: routes define their jobs on it while the app is built; it starts when the app is ready. */
  jobs: JobQueue;
}
