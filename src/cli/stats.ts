import fs from 'node:fs';
import { type Command, Option } from 'commander';
import type { Config } from '../config.ts';
import type { Lang } from '../core/errors.ts';
import type { Database } from '../db/client.ts';
import { CLI_VIEWER } from '../modules/cases/index.ts';
import { buildReport, REPORT_FORMATS, type ReportFormat, renderReport } from '../modules/reports/index.ts';
import { COMPARISONS, type Comparison, computeFigure, figureSummary } from '../modules/stats/index.ts';
import { closePdfRenderer } from '../pdf/renderer.ts';

export interface StatsCommandHelpers {
  withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T>;
  configFrom(command: Command): Config;
}

function signed(n: number | null, suffix = ''): string {
  return n === null ? 'n/a' : `${n > 0 ? '+' : ''}${n.toLocaleString('en-US')}${suffix}`;
}

/** `lianfang stats` (one figure) and `lianfang report` (a report in a file or on stdout). The operator's tools: unscoped. */
export function registerStatsCommands(program: Command, helpers: StatsCommandHelpers): void {
  program
    .command('stats')
    .description('a metric for a scope and period, with an optional comparison (docs/metrics.md)')
    .requiredOption('--metric <code>', 'metric code, e.g. cases_solved')
    .option('--category <code>', 'case category subtree, e.g. fraud.telecom')
    .option('--jurisdiction <code>', 'jurisdiction subtree (GB/T 2260), default national', '100000')
    .option('--campaign <code>', 'campaign code')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (Beijing time)')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (included)')
    .addOption(new Option('--compare <kind>', 'comparison').choices(COMPARISONS))
    .addOption(new Option('--format <format>', 'output').choices(['json', 'text']).default('json'))
    .action(
      async (
        opts: {
          metric: string;
          category?: string;
          jurisdiction: string;
          campaign?: string;
          from: string;
          to: string;
          compare?: Comparison;
          format: 'json' | 'text';
        },
        command: Command,
      ) => {
        await helpers.withDatabase(helpers.configFrom(command), async ({ db }) => {
          const figure = await computeFigure(db, CLI_VIEWER, opts);
          const summary = figureSummary(figure);
          if (opts.format === 'json') {
            console.log(JSON.stringify(summary, null, 2));
            return;
          }
          const scope = [figure.scope.jurisdiction, figure.scope.category, figure.scope.campaign].filter(Boolean).join(' ');
          let line = `${figure.name.en} (${figure.metric} v${figure.version}) ${scope} ${figure.scope.from}..${figure.scope.to}: ${summary.value === null ? 'n/a' : summary.value.toLocaleString('en-US')} ${figure.unitName.en}`;
          if (figure.comparison) {
            const c = figure.comparison;
            const sig =
              c.significance.significant === null
                ? 'not tested'
                : c.significance.significant
                  ? `significant, p=${c.significance.pValue?.toPrecision(2)}`
                  : `within normal variation, p=${c.significance.pValue?.toPrecision(2)}`;
            line += `; ${c.kind} ${c.period.from}..${c.period.to}: ${c.previous ?? 'n/a'}, ${signed(c.difference)}, ${signed(c.changePct, '%')} (${sig})`;
          }
          console.log(line);
        });
      },
    );

  program
    .command('report')
    .description('write a report (press-release text, HTML, XLSX with every figure, or PDF)')
    .requiredOption('--jurisdiction <code>', 'jurisdiction (GB/T 2260)')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (included)')
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'))
    .option('--definition <file>', 'report definition (JSON); default the shipped one')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('--out <file>', 'write to this file (required for xlsx and pdf); default stdout')
    .action(
      async (
        opts: { jurisdiction: string; from: string; to: string; lang: Lang; definition?: string; format: ReportFormat; out?: string },
        command: Command,
      ) => {
        if (!opts.out && (opts.format === 'xlsx' || opts.format === 'pdf')) throw new Error(`--out FILE is needed for ${opts.format}`);
        const definition = opts.definition ? (JSON.parse(fs.readFileSync(opts.definition, 'utf8')) as unknown) : undefined;
        await helpers.withDatabase(helpers.configFrom(command), async ({ db }) => {
          const report = await buildReport(db, CLI_VIEWER, { jurisdiction: opts.jurisdiction, from: opts.from, to: opts.to, definition });
          // The PDF is printed by the process's shared Chromium: closed here so the command can exit.
          const file = await renderReport(report, opts.lang, opts.format).finally(closePdfRenderer);
          if (opts.out) {
            fs.writeFileSync(opts.out, file.body);
            console.error(`wrote ${opts.out} (${file.body.length} bytes)`);
          } else {
            process.stdout.write(file.body);
          }
        });
      },
    );
}
