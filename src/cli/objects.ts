import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { sql } from 'drizzle-orm';
import { photoDirOf } from '../config.ts';
import { DomainError, type Lang } from '../core/errors.ts';
import { translate } from '../http/messages.ts';
import {
  extractImportZip,
  importObjects,
  MUSEUM_SOURCES,
  type MuseumSource,
  mapMuseumRecords,
  type ObjectImportReport,
  relicObjects,
  searchPublicObjects,
} from '../modules/relics/index.ts';
import type { ImportCommandHelpers } from './import.ts';

const defaultLang = (): Lang =>
  (process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number');
  return n;
}

function printReport(report: ObjectImportReport, lang: Lang): void {
  for (const w of report.warnings) console.error(`warning: ${lang === 'zh' ? w.reasonZh : w.reasonEn}`);
  if (report.errorCount > 0) {
    for (const e of report.errors)
      console.error(
        `row ${e.row}${e.column ? `, ${e.column}` : ''}${e.value ? ` (${JSON.stringify(e.value)})` : ''}: ${lang === 'zh' ? e.reasonZh : e.reasonEn}`,
      );
    console.error(
      lang === 'zh' ? `已拒绝：${report.errorCount} 个问题，未导入任何数据` : `rejected: ${report.errorCount} problem(s); nothing was imported`,
    );
    process.exitCode = 1;
    return;
  }
  const s = (report.durationMs / 1000).toFixed(1);
  if (report.dryRun)
    console.log(
      lang === 'zh'
        ? `检查通过：${report.rows} 行，未写入（试运行，${s} 秒）`
        : `checked ${report.rows} rows: all good, nothing written (dry run, ${s} s)`,
    );
  else
    console.log(
      lang === 'zh'
        ? `已导入 ${report.imported} 件物品（其中发布 ${report.published} 件）、${report.photos} 张照片（${s} 秒）`
        : `imported ${report.imported} objects (${report.published} published) and ${report.photos} photos (${s} s)`,
    );
}

/** `lianfang objects import|search`: bulk import into the registry and a search as the public sees it. */
export function registerObjectCommands(program: Command, helpers: ImportCommandHelpers): void {
  const objects = program.command('objects').description('the stolen cultural-object registry');

  objects
    .command('import')
    .description(
      'import objects from CSV/XLSX (photos: a column of paths relative to --photos) or a .zip holding the table and its photos; all or nothing',
    )
    .argument('<file>', "CSV, XLSX or ZIP file (or, with --museum, the museum's own CSV)")
    .option('--photos <dir>', "folder the photos column is relative to (default: the file's folder)")
    .option('--dry-run', 'check everything, write nothing')
    .option('--publish', 'publish at once: every row must have the fields publishing needs (for loading an existing registry)')
    .option('--agency <id>', 'agency that owns the objects (default: the national heritage administration)')
    .addOption(
      new Option('--museum <source>', 'map a museum collection file (test data: published where complete, marked as test data)').choices(
        MUSEUM_SOURCES,
      ),
    )
    .option('--limit <n>', 'with --museum: only the first n records', positive)
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']))
    .action(
      async (
        file: string,
        opts: { photos?: string; dryRun?: boolean; publish?: boolean; agency?: string; museum?: MuseumSource; limit?: number; lang?: Lang },
        command: Command,
      ) => {
        const lang = opts.lang ?? defaultLang();
        const config = helpers.configFrom(command);
        if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
        await helpers.withDatabase(config, async ({ db }) => {
          let agencyId = opts.agency;
          if (!agencyId) {
            const result = await db.execute(
              sql`select id from agencies where kind = 'cultural_heritage' order by jurisdiction_code, created_at limit 1`,
            );
            agencyId = (result as unknown as { rows: Array<{ id: string }> }).rows[0]?.id;
            if (!agencyId) throw new Error('no heritage agency exists: pass --agency <id> (see `lianfang agency create`)');
          }
          const store = { dir: photoDirOf(config) };
          let zip: Awaited<ReturnType<typeof extractImportZip>> | null = null;
          try {
            let target = path.resolve(file);
            let bytes: Buffer | undefined;
            if (opts.museum) {
              bytes = mapMuseumRecords(opts.museum, fs.readFileSync(target, 'utf8'), { limit: opts.limit }).csv;
            } else if (/\.zip$/i.test(file)) {
              zip = await extractImportZip(target);
              target = zip.table;
            }
            const report = await importObjects(db, {
              fileName: path.basename(file),
              bytes,
              path: bytes ? undefined : target,
              photosDir: zip?.dir ?? (opts.photos ? path.resolve(opts.photos) : path.dirname(target)),
              dryRun: opts.dryRun,
              actor: helpers.cliActor(),
              agencyId,
              store,
              publish: opts.museum ? 'complete' : Boolean(opts.publish),
              isTestData: Boolean(opts.museum),
              source: opts.museum,
            });
            printReport(report, lang);
          } catch (error) {
            if (error instanceof DomainError) {
              console.error(`error: ${translate(error.code, lang, error.params)}`);
              process.exitCode = 1;
              return;
            }
            throw error;
          } finally {
            zip?.cleanup();
          }
        });
      },
    );

  objects
    .command('search')
    .description('search the published registry as the public portal does (Chinese without spaces, English with typos)')
    .argument('<query>')
    .addOption(new Option('--format <format>', 'output').choices(['json', 'table']).default('table'))
    .option('--limit <n>', 'most results', positive, 20)
    .action(async (query: string, opts: { format: 'json' | 'table'; limit: number }, command: Command) => {
      await helpers.withDatabase(helpers.configFrom(command), async ({ db }) => {
        const result = await searchPublicObjects(db, { q: query }, { page: 1, pageSize: Math.min(opts.limit, 200) });
        const numbers = result.items.map((i) => i.publicationNo);
        const refs = new Map<string, string>();
        if (numbers.length) {
          const rows = await db
            .select({ no: relicObjects.publicationNo, ref: relicObjects.objectRef })
            .from(relicObjects)
            .where(
              sql`${relicObjects.publicationNo} = any(${sql`array[${sql.join(
                numbers.map((n) => sql`${n}`),
                sql`, `,
              )}]::text[]`})`,
            );
          for (const r of rows) refs.set(r.no!, r.ref);
        }
        const out = result.items.map((i) => ({
          object_ref: refs.get(i.publicationNo) ?? '',
          publication_no: i.publicationNo,
          title: i.titleZh || i.titleEn,
          score: i.score,
        }));
        if (opts.format === 'json') console.log(JSON.stringify(out, null, 2));
        else for (const o of out) console.log(`${o.publication_no}\t${o.object_ref}\t${o.score.toFixed(3)}\t${o.title}`);
      });
    });
}
