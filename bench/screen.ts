// npm run bench -- screen [--listings N] [--workers 0,1,2]: market screening throughput with the real screenListings on
// PGlite — photo search and text matching per listing, one row written per listing image — for each worker count in
// the same run (0: everything on the main thread, as without a pool; N: a pool of N worker threads), with the load
// average next to each figure. Registry: the 12 jade objects' main
// photos and half of the real distractors; listings: re-photographs of registry photos (crop, turn, JPEG 30), other
// real views and photos not in the registry.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { fingerprintPhoto, reviewQueue, screenListings, sha256Of } from '../src/modules/matching/index.ts';
import { createQueryPool } from '../src/modules/matching/pool.ts';
import { tempDataDir } from './support.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PHOTOS = path.resolve(ROOT, '../shared/data/photos');

const option = (args: string[], name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

export async function run(args: string[]): Promise<Record<string, unknown>> {
  if (!fs.existsSync(PHOTOS)) return { skipped: '../shared/data/photos is absent' };
  const wanted = option(args, 'listings', 60);
  const dataDir = tempDataDir();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-bench-screen-'));
  const database = await openDatabase({ dataDir });
  try {
    await migrateDatabase(database);
    const db = database.db;
    const jade = fs
      .readdirSync(PHOTOS)
      .filter((f) => /^jade\d+_\d+\.jpg$/.test(f))
      .sort();
    const distractors = fs.readdirSync(path.join(PHOTOS, 'distractors')).sort();
    const registry = [
      ...jade.filter((f) => f.endsWith('_00.jpg')).map((f) => path.join(PHOTOS, f)),
      ...distractors.filter((_, i) => i % 2 === 0).map((f) => path.join(PHOTOS, 'distractors', f)),
    ];
    for (const file of registry) {
      const bytes = fs.readFileSync(file);
      await fingerprintPhoto(db, sha256Of(bytes), bytes);
    }
    const sources: Array<() => Promise<Buffer>> = [];
    for (const f of jade.filter((x) => x.endsWith('_00.jpg'))) {
      const bytes = fs.readFileSync(path.join(PHOTOS, f));
      sources.push(async () => {
        const { width = 0, height = 0 } = await sharp(bytes).metadata();
        return sharp(bytes)
          .extract({
            left: Math.round(width * 0.1),
            top: Math.round(height * 0.15),
            width: Math.round(width * 0.75),
            height: Math.round(height * 0.7),
          })
          .resize({ width: 700 })
          .jpeg({ quality: 70 })
          .toBuffer();
      });
      sources.push(async () => sharp(bytes).rotate(15, { background: '#fff' }).resize({ width: 640 }).jpeg({ quality: 30 }).toBuffer());
    }
    for (const f of jade.filter((x) => !x.endsWith('_00.jpg'))) sources.push(async () => fs.readFileSync(path.join(PHOTOS, f)));
    for (const f of distractors.filter((_, i) => i % 2 === 1)) sources.push(async () => fs.readFileSync(path.join(PHOTOS, 'distractors', f)));
    const variants = (args.includes('--workers') ? args[args.indexOf('--workers') + 1]! : '0,1,2').split(',').map(Number);
    const images: string[] = [];
    for (let i = 0; i < wanted; i++) {
      const name = `l${i}.jpg`;
      // Every listing is a distinct image (a 1-pixel border per repeat), so none is skipped as already screened.
      const base = await sources[i % sources.length]!();
      const bytes = await sharp(base)
        .extend({ top: Math.floor(i / sources.length), background: '#fff' })
        .jpeg({ quality: 85 })
        .toBuffer();
      fs.writeFileSync(path.join(work, name), bytes);
      images.push(name);
    }
    const runs: Array<Record<string, unknown>> = [];
    const outcomes: string[] = [];
    for (const workers of variants) {
      // Each variant screens the same listings under its own source name (the same listing is screened only once).
      const source = `bench-w${workers}`;
      const file = path.join(work, `listings-${workers}.csv`);
      fs.writeFileSync(
        file,
        [
          'source,reference,title,description,images',
          ...images.map((name, i) => `${source},listing-${i},青玉碗 jade bowl ${i},Qing dynasty jade for sale,${name}`),
        ].join('\n'),
      );
      const pool = workers > 0 ? createQueryPool(workers) : undefined;
      // Workers start (tsx, OpenCV) before the clock: a server keeps its pool.
      if (pool) await Promise.all(Array.from({ length: workers }, () => pool.fingerprint(fs.readFileSync(registry[0]!))));
      const loadBefore = os.loadavg()[0]!;
      const cpuBefore = process.cpuUsage();
      const eluBefore = performance.eventLoopUtilization();
      const started = performance.now();
      const summary = await screenListings(db, { file, images: work, pool });
      const elu = performance.eventLoopUtilization(eluBefore);
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      await pool?.close();
      // CPU seconds of this process, workers included (user + system).
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      runs.push({
        workers,
        screened: summary.screened,
        errors: summary.errors.length,
        queued_for_review: summary.queuedForReview,
        seconds: Number(seconds.toFixed(1)),
        listings_per_s: Number((summary.screened / seconds).toFixed(2)),
        cpu_seconds: Number(cpuSeconds.toFixed(1)),
        listings_per_cpu_s: Number((summary.screened / cpuSeconds).toFixed(2)),
        // Share of the wall time the main thread was busy (database, index, text matching; everything without a pool).
        main_thread_busy: Number(elu.utilization.toFixed(2)),
        load_before: Number(loadBefore.toFixed(2)),
        load_after: Number(os.loadavg()[0]!.toFixed(2)),
      });
      const queued = (await reviewQueue(db, sql`true`, 10_000))
        .filter((q) => q.source === source)
        .map((q) => `${q.reference} ${q.bestSha256} ${q.bestScore} ${q.bestVerdict}`)
        .sort();
      outcomes.push(JSON.stringify(queued));
    }
    const file = path.join(work, `listings-${variants[0]}.csv`);
    const againStarted = performance.now();
    const again = await screenListings(db, { file, images: work });
    const againSeconds = (performance.now() - againStarted) / 1000;
    return {
      registry_photos: registry.length,
      listings: wanted,
      runs,
      same_review_queue_in_every_run: outcomes.every((o) => o === outcomes[0]),
      rescreen_seconds: Number(againSeconds.toFixed(2)),
      rescreened: again.screened,
      cpus: os.availableParallelism(),
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}
