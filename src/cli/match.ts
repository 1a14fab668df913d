import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Config } from '../config.ts';
import { photoDirOf } from '../config.ts';
import { DomainError, type Lang } from '../core/errors.ts';
import type { Database, Db } from '../db/client.ts';
import { translate } from '../http/messages.ts';
import {
  createQueryPool,
  defaultPoolSize,
  fingerprintPhoto,
  listingPhotoStore,
  type PhotoMatch,
  type ReviewThreshold,
  screenListings,
  searchByPhoto,
  sha256Of,
} from '../modules/matching/index.ts';

/** A registry photo's object, as the registry (module relics) knows it. */
export interface PhotoObject {
  objectRef: string;
  publicationNo: string | null;
}

/**
 * Maps photo sha256s to their objects. The registry provides it (the lead wires it in main.ts); without it the
 * command prints the same shape with object_ref and publication_no null, and the sha256 of the matching photo.
 */
export type PhotoObjectResolver = (db: Db, sha256s: string[]) => Promise<Map<string, PhotoObject>>;

export interface MatchCommandHelpers {
  withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T>;
  configFrom(command: Command): Config;
  resolvePhotoObjects?: PhotoObjectResolver;
}

const defaultLang = (): Lang =>
  (process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';

function workerCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new InvalidArgumentError('an integer 0–64 (0: no worker threads)');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError('an integer 1–100');
  return n;
}

function readImage(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new InvalidArgumentError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function fail(error: unknown, lang: Lang): never {
  if (error instanceof DomainError) {
    console.error(translate(error.code, lang, error.params));
    process.exit(1);
  }
  throw error;
}

export interface MatchRow {
  object_ref: string | null;
  publication_no: string | null;
  score: number;
  verdict: PhotoMatch['verdict'];
  sha256: string;
}

export function registerMatchCommands(program: Command, helpers: MatchCommandHelpers): void {
  program
    .command('match')
    .description('find registry objects in a photo (strong match / possible / none)')
    .argument('<image>', 'photo file (JPEG, PNG, WebP, GIF, TIFF, AVIF)')
    .option('--top <n>', 'candidates to print', positive, 10)
    .addOption(new Option('--format <format>', 'output').choices(['json', 'table']).default('table'))
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']))
    .action(async (image: string, opts: { top: number; format: 'json' | 'table'; lang?: Lang }, command: Command) => {
      const lang = opts.lang ?? defaultLang();
      const bytes = readImage(image);
      await helpers.withDatabase(helpers.configFrom(command), async ({ db }) => {
        const matches = await searchByPhoto(db, bytes, { top: opts.top }).catch((error: unknown) => fail(error, lang));
        const objects = helpers.resolvePhotoObjects
          ? await helpers.resolvePhotoObjects(
              db,
              matches.map((m) => m.sha256),
            )
          : new Map<string, PhotoObject>();
        const rows: MatchRow[] = matches.map((m) => ({
          object_ref: objects.get(m.sha256)?.objectRef ?? null,
          publication_no: objects.get(m.sha256)?.publicationNo ?? null,
          score: m.score,
          verdict: m.verdict,
          sha256: m.sha256,
        }));
        if (opts.format === 'json') {
          console.log(JSON.stringify(rows, null, 2));
          return;
        }
        const verdicts = {
          strong: lang === 'zh' ? '高度吻合' : 'strong match',
          possible: lang === 'zh' ? '可能' : 'possible',
          none: lang === 'zh' ? '无' : 'none',
        };
        if (rows.length === 0) console.log(lang === 'zh' ? '登记库中没有可比对的照片' : 'No registry photos to compare with');
        for (const row of rows)
          console.log(
            `${row.score.toFixed(3)}  ${verdicts[row.verdict].padEnd(12)}  ${row.object_ref ?? row.sha256.slice(0, 16)}${row.publication_no ? `  ${row.publication_no}` : ''}`,
          );
      });
    });

  program
    .command('fingerprint')
    .description('fingerprint registry photo files now (normally the background job does it on upload)')
    .argument('<files...>', 'photo files')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']))
    .action(async (files: string[], opts: { lang?: Lang }, command: Command) => {
      const lang = opts.lang ?? defaultLang();
      let failed = 0;
      await helpers.withDatabase(helpers.configFrom(command), async ({ db }) => {
        for (const file of files) {
          try {
            const bytes = readImage(file);
            const result = await fingerprintPhoto(db, sha256Of(bytes), bytes);
            console.log(`${result.sha256}  ${result.keypoints} keypoints  ${file}`);
          } catch (error) {
            failed++;
            const message = error instanceof DomainError ? translate(error.code, lang, error.params) : (error as Error).message;
            console.error(`${file}: ${message}`);
          }
        }
      });
      if (failed > 0) process.exitCode = 1;
    });

  program
    .command('screen')
    .description('screen a CSV/XLSX of market listings against the registry by photo and text; resumable, idempotent')
    .argument('<file>', 'listings: source, reference (or url), title, description, price, date, seller, images (paths separated by ;)')
    .option('--images <dir|zip>', "folder or zip the image paths are relative to (default: the file's folder)")
    .addOption(new Option('--threshold <verdict>', 'lowest verdict that enters the review queue').choices(['strong', 'possible']).default('possible'))
    .addOption(new Option('--format <format>', 'summary output').choices(['json', 'text']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']))
    .option('--workers <n>', 'worker threads for decoding and verification (default: one per core; 0: none)', workerCount, defaultPoolSize())
    .action(
      async (
        file: string,
        opts: { images?: string; threshold: ReviewThreshold; format: 'json' | 'text'; lang?: Lang; workers: number },
        command: Command,
      ) => {
        const lang = opts.lang ?? defaultLang();
        const config = helpers.configFrom(command);
        await helpers.withDatabase(config, async ({ db }) => {
          let lastPrinted = 0;
          const started = Date.now();
          const pool = opts.workers > 0 ? createQueryPool(opts.workers) : undefined;
          // Hits keep their listing photo for the reviewers in the web app, as a screening started there does.
          const summary = await screenListings(db, {
            file,
            images: opts.images ?? path.dirname(path.resolve(file)),
            threshold: opts.threshold,
            pool,
            photoStore: listingPhotoStore(photoDirOf(config)),
            onProgress: ({ done, total }) => {
              if (Date.now() - lastPrinted < 1000 && done < total) return;
              lastPrinted = Date.now();
              const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
              process.stderr.write(
                `${lang === 'zh' ? '筛查' : 'screened'} ${done}/${total} (${total ? Math.floor((done / total) * 100) : 100}%, ${rate.toFixed(1)}/s)\n`,
              );
            },
          })
            .catch((error: unknown) => fail(error, lang))
            .finally(() => pool?.close());
          const errors = summary.errors.map((e) => ({ ...e, message: translate(e.code, lang) }));
          const issues = summary.issues.map((i) => ({ ...i, message: translate(i.code, lang) }));
          if (opts.format === 'json') {
            console.log(JSON.stringify({ ...summary, errors, issues }, null, 2));
            return;
          }
          const zh = lang === 'zh';
          console.log(
            zh
              ? `批次 ${summary.batchId}：图片 ${summary.listingImages} 张，本次筛查 ${summary.screened}，此前已筛查 ${summary.alreadyScreened}，进入审核 ${summary.queuedForReview}，出错 ${errors.length}`
              : `batch ${summary.batchId}: ${summary.listingImages} listing images, ${summary.screened} screened now, ${summary.alreadyScreened} screened before, ${summary.queuedForReview} queued for review, ${errors.length} errors`,
          );
          for (const e of errors) console.log(`  ${zh ? '第' : 'row '}${e.row}${zh ? '行' : ''} ${e.image}: ${e.message}`);
          for (const i of issues) console.log(`  ${zh ? '第' : 'row '}${i.row}${zh ? '行' : ''} ${i.column}: ${i.message}`);
        });
      },
    );
}
