// npm run bench -- certificates [--driver pglite|postgres|both] [--registry labelled|full] [--objects 100000] [--distractors N]
// Certificate search measured on labelled descriptions (bench/certificates/labelled-set.ts): recall@1,
// recall (the described object listed as a possible match), false alarms (descriptions of objects
// not in the registry flagged) and latency per search, at the tuned threshold and around it.
// `labelled`: demo registry + NPM jades + the Walters Chinese objects + generated distractors (2,000
// unless --distractors). `full`: the relics bench's registry at scale (every Walters and Tate record,
// generated Chinese records up to --objects) plus the demo registry and the jades.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { DriverName } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { mapMuseumRecords, POSSIBLE_MATCH_SCORE } from '../src/modules/relics/index.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { evaluate, figuresOf, loadLabelledRegistry } from './certificates/evaluate.ts';
import { DATA_DIR } from './certificates/labelled-set.ts';
import { openBenchDatabase, option } from './support.ts';

async function runDriver(driver: DriverName, registry: 'labelled' | 'full', objects: number, distractors: number) {
  const { database, dispose } = await openBenchDatabase(driver, 'lianfang_bench_certificates');
  const photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-bench-cert-photos-'));
  try {
    await migrateDatabase(database);
    await seedDemo(database.db, 'test', { cases: false });
    const extra: Array<[string, Buffer]> | undefined =
      registry === 'full'
        ? (['walters', 'tate'] as const).map((s): [string, Buffer] => [
            s,
            mapMuseumRecords(
              s,
              fs.readFileSync(path.join(DATA_DIR, s === 'walters' ? 'museum/walters_objects.csv' : 'museum/tate_artworks.csv'), 'utf8'),
            ).csv,
          ])
        : undefined;
    const generated = registry === 'full' ? Math.max(0, objects - 15_252 - 69_202 - 10 - 12) : distractors;
    const started = performance.now();
    const { set, publicationNo } = await loadLabelledRegistry(database.db, { dir: photoDir }, { distractors: generated, extra });
    const loadSeconds = Math.round((performance.now() - started) / 100) / 10;
    const published = (
      (await database.db.execute(sql`select count(*)::int as n from relic_objects where status = 'published'`)) as unknown as {
        rows: Array<{ n: number }>;
      }
    ).rows[0]!.n;
    await evaluate(database.db, set.slice(0, 20), publicationNo); // warm-up
    const { outcomes, figures } = await evaluate(database.db, set, publicationNo);
    const sweep = [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65].map((t) => {
      const f = figuresOf(outcomes, t);
      return { threshold: t, recallAt1: f.recallAt1, recall: f.recall, flagged: f.flagged, falseAlarmRate: f.falseAlarmRate };
    });
    const missed = outcomes
      .filter((o) => o.description.expected && !(o.expectedScore !== null && o.expectedScore >= POSSIBLE_MATCH_SCORE))
      .map(
        (o) =>
          `${o.description.text} → expected ${publicationNo.get(o.description.expected!)} ${o.expectedScore ?? 'not a candidate'}, top ${o.top} ${o.topScore}`,
      );
    const titles = new Map(
      (
        (await database.db.execute(
          sql`select publication_no, title_zh || ' ' || title_en as title from relic_objects where publication_no is not null`,
        )) as unknown as { rows: Array<{ publication_no: string; title: string }> }
      ).rows.map((r) => [r.publication_no, r.title]),
    );
    const falseAlarms = outcomes
      .filter((o) => !o.description.expected && o.topScore >= 0.4)
      .map((o) => `${o.description.text} → ${o.top} ${titles.get(o.top ?? '')} ${o.topScore}`);
    const notFirst = outcomes
      .filter((o) => o.description.expected && o.rankOfExpected !== 1 && o.expectedScore !== null && o.expectedScore >= POSSIBLE_MATCH_SCORE)
      .map((o) => `${o.description.text} → rank ${o.rankOfExpected} (${o.expectedScore}), top ${o.top} ${o.topScore}`);
    return { registry, published, loadSeconds, descriptions: set.length, ...figures, sweep, missed, falseAlarms, notFirst: notFirst.slice(0, 40) };
  } finally {
    fs.rmSync(photoDir, { recursive: true, force: true });
    await dispose();
  }
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const arg = (name: string, fallback: string) => option(args, name) ?? fallback;
  const driverArg = arg('driver', 'both');
  const registry = arg('registry', 'labelled') === 'full' ? 'full' : 'labelled';
  const drivers: DriverName[] = driverArg === 'both' ? ['postgres', 'pglite'] : [driverArg as DriverName];
  const results: Record<string, unknown> = { cores: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10) };
  for (const driver of drivers)
    results[driver] = await runDriver(driver, registry, Number(arg('objects', '100000')), Number(arg('distractors', '2000')));
  return results;
}
