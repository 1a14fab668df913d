import type { Config } from '../config.ts';
import type { Db, DriverName } from '../db/client.ts';
import type { AuthPolicy } from '../modules/org/index.ts';

/** What route registrations receive: the database and settings, nothing global. */
export interface AppContext {
  db: Db;
  driver: DriverName;
  config: Config;
  authPolicy: AuthPolicy;
}
