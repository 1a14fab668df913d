import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase, testDrivers } from '../support/db.ts';

describe.each(testDrivers())('lianfang CLI on %s', (driver) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(driver);
    // The CLI opens the database itself; PGlite allows one process at a time.
    await target.database.close();
  });
  afterAll(() => target?.dispose());

  it('creates an agency and a user, sets a password, and verifies the audit chain', async () => {
    const agency = await runCli(
      [
        'agency',
        'create',
        '--kind',
        'public_security',
        '--name-zh',
        '公安部',
        '--name-en',
        'Ministry of Public Security',
        '--jurisdiction',
        '100000',
      ],
      target.location,
    );
    expect(agency.stderr).toBe('');
    expect(agency.code).toBe(0);
    const agencyId = agency.stdout.trim();
    expect(agencyId).toMatch(/^[0-9a-f-]{36}$/);

    const created = await runCli(
      [
        'user',
        'create',
        '--username',
        'ops.admin',
        '--display-name',
        'Ops',
        '--role',
        'admin',
        '--agency',
        agencyId,
        '--jurisdiction',
        '100000',
        '--password-stdin',
      ],
      target.location,
      'first-password-1\n',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('created user ops.admin');

    const weak = await runCli(['user', 'passwd', 'ops.admin', '--password-stdin'], target.location, 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('/password');

    const changed = await runCli(['user', 'passwd', 'ops.admin', '--password-stdin'], target.location, 'second-password-2\n');
    expect(changed.code).toBe(0);

    const badPlace = await runCli(
      [
        'user',
        'create',
        '--username',
        'lost.user',
        '--display-name',
        'Lost',
        '--role',
        'investigator',
        '--agency',
        agencyId,
        '--jurisdiction',
        '999999',
        '--password-stdin',
      ],
      target.location,
      'whatever-password\n',
    );
    expect(badPlace.code).toBe(1);
    expect(badPlace.stderr).toContain('/jurisdictionCode: No such jurisdiction code');

    const verified = await runCli(['audit', 'verify'], target.location);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('audit chain intact: 3 entries');
  });

  it('refuses the demo data set (and its published password) in production', async () => {
    const result = await runCli(['seed', '--demo'], target.location, undefined, { NODE_ENV: 'production' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Refusing to load demo data');
  });
});
