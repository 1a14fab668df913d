import fs from 'node:fs';
import path from 'node:path';
import { Argument, type Command, Option } from 'commander';
import type { Config } from '../config.ts';
import { DomainError, type Lang } from '../core/errors.ts';
import type { Database } from '../db/client.ts';
import { translate } from '../http/messages.ts';
import type { Actor } from '../modules/audit/index.ts';
import {
  CASE_SORTS,
  CASE_STATUSES,
  type CaseFilters,
  CLI_VIEWER,
  DATE_FIELDS,
  DEFAULT_TIME_ZONE,
  defaultCaseExportSource,
  EXPORT_FORMATS,
  type ExportFormat,
  IMPORT_KINDS,
  type ImportKind,
  type ImportProgress,
  type ImportReport,
  importFile,
  importMessage,
  importMessages,
  importRealData,
  REAL_DATA_SOURCES,
  type RealDataSource,
  writeCasesExport,
} from '../modules/cases/index.ts';

/** What main.ts already has: how a command finds its settings, its database, and who it acts as. */
export interface ImportCommandHelpers {
  withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T>;
  configFrom(command: Command): Config;
  cliActor(): Actor;
}

const defaultLang = (): Lang =>
  (process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
const count = (n: number) => n.toLocaleString('en-US');

function messageOf(error: DomainError, lang: Lang): string {
  const text = (code: string, params: Record<string, string | number> = {}) =>
    code in importMessages ? importMessage(code, lang, params) : translate(code, lang, params);
  const fields = error.fields?.map((f) => `  ${f.path}: ${text(f.message)}`).join('\n');
  return `${text(error.code, error.params)}${fields ? `\n${fields}` : ''}`;
}

/** Progress on stderr, at most about once a second per phase, and always at a phase's end. */
function progressPrinter(): (p: ImportProgress) => void {
  // Phases overlap (on a PostgreSQL server batches are written while later ones are read), so one
  // line shows them all, at most about once a second, and again when reading or writing ends.
  const latest: Partial<Record<ImportProgress['phase'], ImportProgress>> = {};
  let lastAt = 0;
  let lastLine = '';
  return (p) => {
    latest[p.phase] = p;
    const now = Date.now();
    const phaseEnd = p.phase !== 'validate' && p.done >= p.total && p.total > 0;
    if (p.phase !== 'index' && !phaseEnd && now - lastAt < 1000) return;
    const parts: string[] = [];
    const read = latest.parse;
    if (read) parts.push(`read ${mib(read.done)} of ${mib(read.total)}${read.total ? ` (${Math.floor((read.done / read.total) * 100)}%)` : ''}`);
    if (latest.validate) parts.push(`checked ${count(latest.validate.done)} rows`);
    if (latest.write) parts.push(`wrote ${count(latest.write.done)} rows`);
    if (p.phase === 'index') parts.push(p.done < p.total ? 'building indexes and checking keys' : 'indexes built');
    const line = parts.join(', ');
    if (line === lastLine) return;
    lastAt = now;
    lastLine = line;
    process.stderr.write(`${line}\n`);
  };
}

const SUMMARY = {
  en: {
    read: (r: ImportReport) => `${count(r.rows)} row${r.rows === 1 ? '' : 's'} of ${r.kind} from ${r.fileName} (${r.format}, ${r.encoding})`,
    warning: 'warning',
    rejected: (problems: string, read: string, s: string) => `rejected: ${problems} problem(s) in ${read}; nothing was imported (${s} s)`,
    header: ['row', 'column', 'value', 'reason'],
    dryRun: (read: string, s: string) => `dry run: ${read}, all valid; nothing was written (${s} s)`,
    imported: (read: string, s: string, rate: string) => `imported ${read} in ${s} s (${rate} rows/s)`,
  },
  zh: {
    read: (r: ImportReport) => `${r.fileName}（${r.format}，${r.encoding}）中的 ${count(r.rows)} 行${r.kind}`,
    warning: '提示',
    rejected: (problems: string, read: string, s: string) => `已拒绝：${read}有 ${problems} 处错误，未导入任何数据（${s} 秒）`,
    header: ['行', '列', '值', '原因'],
    dryRun: (read: string, s: string) => `试运行：${read}全部有效，未写入任何数据（${s} 秒）`,
    imported: (read: string, s: string, rate: string) => `已导入${read}，用时 ${s} 秒（每秒 ${rate} 行）`,
  },
} as const;

/** The summary and (for a rejected file) every bad cell, one per line: row, column, value, reason (tab-separated). */
export function printReport(report: ImportReport, lang: Lang, out: (line: string) => void = console.log): void {
  const t = SUMMARY[lang];
  const seconds = (report.durationMs / 1000).toFixed(1);
  const read = t.read(report);
  for (const w of report.warnings) out(`${t.warning}: ${lang === 'en' ? w.reasonEn : w.reasonZh}`);
  if (report.errorCount > 0) {
    out(t.rejected(count(report.errorCount), read, seconds));
    out(t.header.join('\t'));
    for (const e of report.errors) {
      out([e.row, e.column ?? '', (e.value ?? '').replace(/[\t\r\n]+/g, ' '), lang === 'en' ? e.reasonEn : e.reasonZh].join('\t'));
    }
  } else if (report.dryRun) {
    out(t.dryRun(read, seconds));
  } else {
    out(t.imported(read, seconds, count(Math.round(report.rows / Math.max(report.durationMs / 1000, 0.001)))));
  }
}

/**
 * `lianfang import cases|parties|property|gangs FILE [--dry-run] [--tz ZONE] [--lang zh|en]` and
 * `lianfang export cases --format csv|xlsx --out FILE [filters…]`. The command line is not scoped to
 * a jurisdiction (it is the operator's tool): imported cases without an `agency` column belong to
 * `--agency`, or else to the police agency at or above their jurisdiction.
 */
export function registerImportCommands(program: Command, helpers: ImportCommandHelpers): void {
  program
    .command('import')
    .description('import cases, parties, property or gangs from CSV or XLSX: all rows or none (see docs/import-formats.md)')
    .addArgument(new Argument('<kind>', 'what the file holds').choices(IMPORT_KINDS))
    .argument('<file>', 'a .csv (UTF-8 or GBK) or .xlsx file')
    .option('--dry-run', 'check every row and report, write nothing')
    .option('--tz <zone>', 'time zone of dates and times written without an offset', DEFAULT_TIME_ZONE)
    .addOption(new Option('--lang <lang>', 'language of the reasons').choices(['zh', 'en']))
    .option('--agency <id>', 'agency of imported cases that name none (default: the police agency of their jurisdiction)')
    .option('--json', 'print the whole report as JSON instead of text')
    .addOption(
      new Option('--mapping <source>', 'the file is a public police data set to map onto cases (test data: SF-/CHI- case numbers)').choices(
        REAL_DATA_SOURCES,
      ),
    )
    .option('--jurisdiction <code>', 'with --mapping: the jurisdiction to put the cases under (default 150102)')
    .action(
      async (
        kind: ImportKind,
        file: string,
        opts: {
          dryRun?: boolean;
          tz: string;
          lang?: Lang;
          agency?: string;
          json?: boolean;
          mapping?: RealDataSource;
          jurisdiction?: string;
        },
        command: Command,
      ) => {
        const lang = opts.lang ?? defaultLang();
        if (opts.mapping && kind !== 'cases') {
          console.error('error: --mapping imports cases');
          process.exitCode = 1;
          return;
        }
        if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
          console.error(`error: ${file}: no such file`);
          process.exitCode = 1;
          return;
        }
        await helpers.withDatabase(helpers.configFrom(command), async ({ db }) => {
          try {
            const onProgress = opts.json ? undefined : progressPrinter();
            const report = opts.mapping
              ? await importRealData(db, {
                  source: opts.mapping,
                  path: file,
                  jurisdiction: opts.jurisdiction,
                  dryRun: Boolean(opts.dryRun),
                  actor: helpers.cliActor(),
                  defaultAgencyId: opts.agency,
                  onProgress,
                })
              : await importFile(db, {
                  kind,
                  fileName: path.basename(file),
                  path: file,
                  dryRun: Boolean(opts.dryRun),
                  actor: helpers.cliActor(),
                  timeZone: opts.tz,
                  defaultAgencyId: opts.agency,
                  onProgress,
                });
            if (opts.json) console.log(JSON.stringify(report, null, 2));
            else printReport(report, lang);
            if (report.errorCount > 0) process.exitCode = 1;
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            console.error(`error: ${messageOf(error, lang)}`);
            process.exitCode = 1;
          }
        });
      },
    );

  const exporter = program.command('export').description('export records to CSV or XLSX');
  exporter
    .command('cases')
    .description('export cases (every case: the command line is not scoped) in the import format, so the file imports again')
    .addOption(new Option('--format <format>', 'file format').choices(EXPORT_FORMATS).default('csv'))
    .requiredOption('--out <file>', 'file to write')
    .option('--q <text>', 'full-text search of title and summary, or an exact case number')
    .option('--category <code>', 'a category and everything below it')
    .option('--status <list>', `comma-separated: ${CASE_STATUSES.join(', ')}`)
    .option('--jurisdiction <code>', 'a jurisdiction and everything below it')
    .addOption(new Option('--date-field <field>', 'which date --from/--to apply to').choices(DATE_FIELDS).default('reported_at'))
    .option('--from <day>', 'first day, YYYY-MM-DD')
    .option('--to <day>', 'last day, YYYY-MM-DD')
    .option('--campaign <code>', 'campaign code')
    .addOption(new Option('--supervision <level>', 'supervised cases only').choices(['any', 'province', 'ministry']))
    .addOption(new Option('--sort <order>', 'order').choices(CASE_SORTS))
    .option('--tz <zone>', 'time zone the dates are written in', DEFAULT_TIME_ZONE)
    .action(
      async (
        opts: {
          format: ExportFormat;
          out: string;
          q?: string;
          category?: string;
          status?: string;
          jurisdiction?: string;
          dateField: CaseFilters['dateField'];
          from?: string;
          to?: string;
          campaign?: string;
          supervision?: CaseFilters['supervision'];
          sort?: CaseFilters['sort'];
          tz: string;
        },
        command: Command,
      ) => {
        const statuses = opts.status
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const unknown = statuses?.filter((s) => !(CASE_STATUSES as readonly string[]).includes(s));
        if (unknown?.length) {
          console.error(`error: unknown status ${unknown.join(', ')} (${CASE_STATUSES.join(', ')})`);
          process.exitCode = 1;
          return;
        }
        const filters: CaseFilters = {
          q: opts.q,
          category: opts.category,
          status: statuses as CaseFilters['status'],
          jurisdiction: opts.jurisdiction,
          dateField: opts.dateField,
          from: opts.from,
          to: opts.to,
          campaign: opts.campaign,
          supervision: opts.supervision,
          sort: opts.sort,
        };
        await helpers.withDatabase(helpers.configFrom(command), async ({ db }) => {
          const out = fs.createWriteStream(opts.out);
          const finished = new Promise<void>((resolve, reject) => {
            out.on('close', resolve);
            out.on('error', reject);
          });
          const written = await writeCasesExport(defaultCaseExportSource(db, CLI_VIEWER, filters), opts.format, out, { timeZone: opts.tz });
          if (!out.writableEnded) out.end();
          await finished;
          console.log(`exported ${count(written)} cases to ${opts.out}`);
        });
      },
    );
}
