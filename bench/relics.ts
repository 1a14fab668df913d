// npm run bench -- relics [--driver pglite|postgres|both] [--objects 100000] [--queries 200]
// A registry of N objects (the Walters and Tate museum records, mapped as test data, plus generated
// Chinese records up to N) on each driver: import rate without photos, public text search p50/p95
// (Chinese two- to four-character queries, English words, English with typos) and object page p95
// through the HTTP API, and the photo import rate (decode, thumbnail and web size, content-addressed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import type { DriverName } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { importObjects, mapMuseumRecords, OBJECT_COLUMNS, TEST_DATA_JURISDICTIONS } from '../src/modules/relics/index.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { openBenchDatabase, option, percentile, round, seededRandom } from './support.ts';

const DATA = path.resolve('../shared/data');

const TYPES = [
  ['ceramics.bowl', '碗', 'porcelain'],
  ['ceramics.vase', '瓶', 'porcelain'],
  ['jade.vessel', '玉壶', 'jade'],
  ['jade.ornament', '玉佩', 'jade'],
  ['metal.bronze_vessel', '铜鼎', 'bronze'],
  ['sculpture.buddhist', '佛像', 'stone'],
  ['painting.painting', '山水图轴', 'paper'],
  ['architecture.component', '木雕雀替', 'wood'],
] as const;
const ADJ = ['青花', '粉彩', '青玉', '白玉', '鎏金', '錾花', '缠枝莲纹', '龙纹', '双耳', '三足', '兽面纹', '釉里红', '描金', '镂空', '浮雕', '素面'];
const PERIODS = ['tang', 'song', 'liao', 'jin', 'yuan', 'ming', 'qing', 'han'];
const REIGNS = ['乾隆', '康熙', '雍正', '宣德', '成化', '嘉靖', '万历', '永乐'];

const random = seededRandom;

/** Generated Chinese registry records (same every run). */
function generated(count: number): Buffer {
  const next = random(55);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const rows: string[][] = [];
  for (let i = 1; i <= count; i++) {
    const [type, noun, material] = pick(TYPES);
    const title = `${pick(ADJ)}${pick(ADJ)}${noun}`;
    const reign = pick(REIGNS);
    const row: Record<string, string> = {
      object_ref: `GEN-${i}`,
      object_type: type,
      materials: material,
      measurements: `height=${(5 + next() * 60).toFixed(1)}cm;weight=${Math.round(100 + next() * 5000)}g`,
      title_zh: title,
      title_en: `Generated object ${i}`,
      inscriptions_zh: next() < 0.5 ? `底书“大清${reign}年制”款` : '',
      features_zh: `${pick(ADJ)}，口沿有${Math.ceil(next() * 3)}处磕伤`,
      description_zh: `${title}，${pick(ADJ)}装饰，${pick(ADJ)}工艺。`,
      period: pick(PERIODS),
      reign,
      theft_date: `20${10 + Math.floor(next() * 15)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`,
      jurisdiction_code: pick(TEST_DATA_JURISDICTIONS),
    };
    rows.push(OBJECT_COLUMNS.map((c) => row[c] ?? ''));
  }
  return Buffer.from(stringify([OBJECT_COLUMNS as unknown as string[], ...rows]));
}

const QUERIES = [
  '玉碗',
  '青花',
  '鎏金佛像',
  '乾隆年制',
  '兽面纹铜鼎',
  '白玉佩',
  '龙纹',
  '木雕',
  'bowl',
  'porcelain vase',
  'landscape',
  'Buddha',
  'portrait of a woman',
  'jade',
  'porcelian',
  'landscpe',
  'buddah statue',
  'manuscrpt',
];

async function runDriver(driver: DriverName, objects: number, queryCount: number) {
  const { database, dispose } = await openBenchDatabase(driver, 'lianfang_bench_relics');
  const photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-bench-photos-'));
  try {
    await migrateDatabase(database);
    await seedDemo(database.db, 'test', { cases: false });
    const agency = (
      (await database.db.execute(sql`select id from agencies where kind = 'cultural_heritage' order by jurisdiction_code limit 1`)) as unknown as {
        rows: Array<{ id: string }>;
      }
    ).rows[0]!.id;
    const actor = { userId: null, username: 'bench' };
    const store = { dir: photoDir };
    const files: Array<[string, Buffer]> = [];
    for (const source of ['walters', 'tate'] as const) {
      files.push([
        source,
        mapMuseumRecords(
          source,
          fs.readFileSync(path.join(DATA, source === 'walters' ? 'museum/walters_objects.csv' : 'museum/tate_artworks.csv'), 'utf8'),
        ).csv,
      ]);
    }
    const museumRows = 15_252 + 69_202;
    files.push(['generated', generated(Math.max(0, objects - museumRows))]);
    let imported = 0;
    let importMs = 0;
    const perFile: Record<string, number> = {};
    for (const [name, bytes] of files) {
      const started = performance.now();
      const report = await importObjects(database.db, {
        fileName: name,
        bytes,
        actor,
        agencyId: agency,
        store,
        publish: 'complete',
        isTestData: true,
        source: name,
      });
      const ms = performance.now() - started;
      if (report.errorCount) throw new Error(`${name}: ${report.errorCount} errors, first ${JSON.stringify(report.errors[0])}`);
      imported += report.imported;
      importMs += ms;
      perFile[`${name}ObjectsPerSecond`] = Math.round(report.imported / (ms / 1000));
    }
    const published = (
      (await database.db.execute(sql`select count(*)::int as n from relic_objects where status = 'published'`)) as unknown as {
        rows: Array<{ n: number }>;
      }
    ).rows[0]!.n;

    const app = await buildApp(loadConfig({ NODE_ENV: 'test' }, { photoDir }), database);
    await app.ready();
    const searchMs: number[] = [];
    const byQuery: Record<string, number> = {};
    const msByQuery: Record<string, number[]> = {};
    for (const q of QUERIES) await app.inject({ method: 'GET', url: `/api/public/objects?q=${encodeURIComponent(q)}` }); // warm-up
    for (let i = 0; i < queryCount; i++) {
      const q = QUERIES[i % QUERIES.length]!;
      const started = performance.now();
      const response = await app.inject({ method: 'GET', url: `/api/public/objects?q=${encodeURIComponent(q)}` });
      const ms = performance.now() - started;
      if (response.statusCode !== 200) throw new Error(`search ${q}: ${response.statusCode}`);
      searchMs.push(ms);
      (msByQuery[q] ??= []).push(ms);
      if (i < QUERIES.length) byQuery[q] = response.json().total;
    }
    const numbers = (
      (await database.db.execute(
        sql`select publication_no from relic_objects where status = 'published' order by md5(id::text) limit 200`,
      )) as unknown as { rows: Array<{ publication_no: string }> }
    ).rows;
    const pageMs: number[] = [];
    for (const { publication_no } of numbers) {
      const started = performance.now();
      const response = await app.inject({ method: 'GET', url: `/api/public/objects/${publication_no}` });
      pageMs.push(performance.now() - started);
      if (response.statusCode !== 200) throw new Error(`page ${publication_no}: ${response.statusCode}`);
    }
    await app.close();

    // Photos: every image of the shared photo set on objects of their own, into an empty store.
    const photoFiles = [
      ...fs.readdirSync(path.join(DATA, 'photos')).filter((f) => f.endsWith('.jpg')),
      ...fs.readdirSync(path.join(DATA, 'photos/distractors')).map((f) => `distractors/${f}`),
      ...fs.readdirSync(path.join(DATA, 'photos/pairs')).map((f) => `pairs/${f}`),
    ].filter((f) => /\.(jpe?g|png)$/i.test(f));
    const photoCsv = stringify([
      ['object_ref', 'object_type', 'materials', 'title_zh', 'jurisdiction_code', 'photos'],
      ...photoFiles.map((f, i) => [`PHOTO-${i}`, 'jade.vessel', 'jade', `照片测试 ${i}`, '150102', f]),
    ]);
    const photoStarted = performance.now();
    const photoReport = await importObjects(database.db, {
      fileName: 'photos.csv',
      bytes: Buffer.from(photoCsv),
      photosDir: path.join(DATA, 'photos'),
      actor,
      agencyId: agency,
      store,
      source: 'bench',
    });
    const photoSeconds = (performance.now() - photoStarted) / 1000;
    if (photoReport.errorCount) throw new Error(`photos: ${JSON.stringify(photoReport.errors[0])}`);

    searchMs.sort((a, b) => a - b);
    pageMs.sort((a, b) => a - b);
    return {
      objects: imported,
      published,
      importObjectsPerSecond: Math.round(imported / (importMs / 1000)),
      ...perFile,
      searchQueries: searchMs.length,
      searchP50Ms: round(percentile(searchMs, 50)),
      searchP95Ms: round(percentile(searchMs, 95)),
      searchMaxMs: round(searchMs[searchMs.length - 1]!),
      objectPageP50Ms: round(percentile(pageMs, 50)),
      objectPageP95Ms: round(percentile(pageMs, 95)),
      photos: photoReport.photos,
      photosPerSecond: round(photoReport.photos / photoSeconds),
      resultsPerQuery: byQuery,
      slowestQueriesMaxMs: Object.fromEntries(
        Object.entries(msByQuery)
          .map(([q, list]): [string, number] => [q, round(Math.max(...list))])
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6),
      ),
    };
  } finally {
    fs.rmSync(photoDir, { recursive: true, force: true });
    await dispose();
  }
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const arg = (name: string, fallback: string) => option(args, name) ?? fallback;
  const driverArg = arg('driver', 'both');
  const objects = Number(arg('objects', '100000'));
  const queries = Number(arg('queries', '200'));
  const drivers: DriverName[] = driverArg === 'both' ? ['postgres', 'pglite'] : [driverArg as DriverName];
  const results: Record<string, unknown> = { objectsTarget: objects, cores: os.cpus().length };
  for (const driver of drivers) results[driver] = await runDriver(driver, objects, queries);
  return results;
}
