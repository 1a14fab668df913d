import { type Command, Option } from 'commander';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { type CampaignSummary, getCampaign, listCampaigns } from '../modules/campaigns/index.ts';
import { CLI_VIEWER } from '../modules/cases/index.ts';

export interface CampaignCommandHelpers {
  withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T>;
  configFrom(command: Command): Config;
}

type Format = 'json' | 'text';
const formatOption = () => new Option('--format <format>', 'output').choices(['json', 'text']).default('text');

function line(c: CampaignSummary): string {
  const extended = c.originalEndsOn !== c.endsOn ? ` (extended from ${c.originalEndsOn})` : '';
  return `${c.code}\t${c.status}\t${c.startsOn}..${c.endsOn}${extended}\t${c.nameZh} / ${c.nameEn}`;
}

/** `lianfang campaigns list|show CODE`: the operator's view, unscoped. */
export function registerCampaignCommands(program: Command, helpers: CampaignCommandHelpers): void {
  const campaigns = program.command('campaigns').description('special campaigns (专项行动)');
  campaigns
    .command('list')
    .description('every campaign, newest first')
    .addOption(formatOption())
    .action(async (opts: { format: Format }, command: Command) => {
      await helpers.withDatabase(helpers.configFrom(command), async ({ db }) => {
        const items = await listCampaigns(db, CLI_VIEWER);
        console.log(opts.format === 'json' ? JSON.stringify(items, null, 2) : items.map(line).join('\n'));
      });
    });
  campaigns
    .command('show')
    .description('one campaign: period and extensions, agencies, scope, member cases')
    .argument('<code>', 'campaign code, e.g. sweep-gangs')
    .addOption(formatOption())
    .action(async (code: string, opts: { format: Format }, command: Command) => {
      await helpers.withDatabase(helpers.configFrom(command), async ({ db }) => {
        const c = await getCampaign(db, CLI_VIEWER, code);
        if (opts.format === 'json') {
          console.log(JSON.stringify(c, null, 2));
          return;
        }
        console.log(
          [
            line(c),
            `scope: ${c.jurisdictions.map((j) => `${j.nameZh} (${j.code})`).join(', ')}${c.categories.length ? `; categories: ${c.categories.map((k) => k.nameZh).join(', ')}` : ''}`,
            `agencies: ${c.agencies.map((a) => `${a.nameZh} [${a.role}]`).join(', ')}`,
            ...c.extensions.map((e) => `extended on ${e.decidedOn}: ${e.previousEndsOn} → ${e.newEndsOn}, ${e.reason}`),
            `member cases: ${c.memberCases}`,
          ].join('\n'),
        );
      });
    });
}
