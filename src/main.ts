import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { registerCampaignCommands } from './cli/campaigns.ts';
import { registerImportCommands } from './cli/import.ts';
import { registerMatchCommands } from './cli/match.ts';
import { registerObjectCommands } from './cli/objects.ts';
import { readSecret } from './cli/prompt.ts';
import { registerStatsCommands } from './cli/stats.ts';
import { type Config, loadConfig, VERSION } from './config.ts';
import { DomainError } from './core/errors.ts';
import type { Database } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { translate } from './http/messages.ts';
import { type Actor, verifyAuditChain } from './modules/audit/index.ts';
import { resolvePhotoObjects } from './modules/matching/index.ts';
import { AGENCY_KINDS, type AgencyKind, createAgencyUnscoped, createUser, ROLES, type Role, setPassword } from './modules/org/index.ts';
import { seedDemo } from './seed/demo.ts';
import { openConfiguredDatabase, startServer } from './server.ts';

const program = new Command('lianfang')
  .description('联防 Lianfang: joint special-campaign platform for public-security and partner agencies')
  .version(VERSION)
  .option('--data <dir>', 'folder of the embedded database (ignored when DATABASE_URL is set)', process.env.LIANFANG_DATA_DIR ?? 'data');

function configFrom(command: Command, extra: Partial<Config> = {}): Config {
  const { data } = command.optsWithGlobals<{ data: string }>();
  return loadConfig(process.env, { dataDir: path.resolve(data), ...extra });
}

const cliActor = (): Actor => ({ userId: null, username: `cli:${process.env.USER ?? 'operator'}` });

/** Opens the database, migrates, runs the work and always closes, printing domain errors plainly. */
async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is an integer 0–65535');
  return n;
}

program
  .command('serve')
  .description('migrate the database and serve the API and web app')
  .option('--port <port>', 'port (default PORT or 8080)', port)
  .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
  .option('--demo', 'load the demo data set into an installation that has no users yet')
  .action(async (opts: { port?: number; host?: string; demo?: boolean }, command: Command) => {
    const overrides: Partial<Config> = {};
    if (opts.port !== undefined) overrides.port = opts.port;
    if (opts.host !== undefined) overrides.host = opts.host;
    const server = await startServer(configFrom(command, overrides), { demo: Boolean(opts.demo) });
    const shutdown = async () => {
      await server.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program
  .command('migrate')
  .description('apply database migrations and load the jurisdiction tree')
  .action(async (_opts: unknown, command: Command) => {
    await withDatabase(configFrom(command), async (database) => {
      console.log(`migrated (${database.driver})`);
    });
  });

program
  .command('seed')
  .description('load data sets')
  .requiredOption('--demo', 'the demo agencies and users (password lianfang-demo); refused in production')
  .action(async (_opts: unknown, command: Command) => {
    const config = configFrom(command);
    await withDatabase(config, async (database) => {
      const result = await seedDemo(database.db, config.env);
      console.log(`demo data: ${result.agencies} agencies, ${result.users} users and ${result.cases} cases added`);
    });
  });

const agency = program.command('agency').description('manage agencies');
agency
  .command('create')
  .description('create an agency')
  .addOption(new Option('--kind <kind>', 'agency kind').choices(AGENCY_KINDS).makeOptionMandatory())
  .requiredOption('--name-zh <name>', 'Chinese name')
  .requiredOption('--name-en <name>', 'English name')
  .requiredOption('--jurisdiction <code>', 'GB/T 2260 code (100000 = national)')
  .action(async (opts: { kind: AgencyKind; nameZh: string; nameEn: string; jurisdiction: string }, command: Command) => {
    await withDatabase(configFrom(command), async ({ db }) => {
      const created = await createAgencyUnscoped(db, cliActor(), {
        kind: opts.kind,
        nameZh: opts.nameZh,
        nameEn: opts.nameEn,
        jurisdictionCode: opts.jurisdiction,
      });
      console.log(created.id);
    });
  });

const user = program.command('user').description('manage users');
user
  .command('create')
  .description('create a user (password read from a prompt, or from stdin with --password-stdin)')
  .requiredOption('--username <name>', 'login name: lower-case letters, digits, . _ -')
  .requiredOption('--display-name <name>', 'name shown in the app')
  .addOption(new Option('--role <role...>', 'one or more roles').choices(ROLES).makeOptionMandatory())
  .requiredOption('--agency <id>', 'agency id (see `lianfang agency create`)')
  .requiredOption('--jurisdiction <code>', 'GB/T 2260 code the user works in')
  .option('--password-stdin', 'read the password from the first line of stdin')
  .action(
    async (
      opts: { username: string; displayName: string; role: Role[]; agency: string; jurisdiction: string; passwordStdin?: boolean },
      command: Command,
    ) => {
      const password = await readSecret('Password: ', Boolean(opts.passwordStdin));
      await withDatabase(configFrom(command), async ({ db }) => {
        const created = await createUser(db, cliActor(), {
          username: opts.username,
          displayName: opts.displayName,
          roles: opts.role,
          agencyId: opts.agency,
          jurisdictionCode: opts.jurisdiction,
          password,
        });
        console.log(`created user ${created.username} (${created.id})`);
      });
    },
  );
user
  .command('passwd')
  .description("set a user's password (ends their sessions, clears a lockout)")
  .argument('<username>')
  .option('--password-stdin', 'read the password from the first line of stdin')
  .action(async (username: string, opts: { passwordStdin?: boolean }, command: Command) => {
    const password = await readSecret('New password: ', Boolean(opts.passwordStdin));
    await withDatabase(configFrom(command), async ({ db }) => {
      await setPassword(db, cliActor(), username, password);
      console.log(`password set for ${username}`);
    });
  });

const audit = program.command('audit').description('the audit log');
audit
  .command('verify')
  .description('check the hash chain; exits 1 and names the first broken entry if any')
  .action(async (_opts: unknown, command: Command) => {
    await withDatabase(configFrom(command), async ({ db }) => {
      const result = await verifyAuditChain(db);
      if (result.ok) {
        console.log(`audit chain intact: ${result.entries} entries`);
      } else {
        console.error(`audit chain BROKEN at entry ${result.brokenAt} (${result.reason}); ${result.entries} entries before it are intact`);
        process.exitCode = 1;
      }
    });
  });

registerImportCommands(program, { withDatabase, configFrom, cliActor });
registerStatsCommands(program, { withDatabase, configFrom });
registerObjectCommands(program, { withDatabase, configFrom, cliActor });
registerMatchCommands(program, { withDatabase, configFrom, resolvePhotoObjects });
registerCampaignCommands(program, { withDatabase, configFrom });

function describe(error: unknown): string {
  if (error instanceof DomainError) {
    const fields = error.fields?.map((f) => `  ${f.path}: ${translate(f.message, 'en')}`).join('\n');
    return `error: ${translate(error.code, 'en', error.params)}${fields ? `\n${fields}` : ''}`;
  }
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(describe(error));
  process.exit(1);
});
