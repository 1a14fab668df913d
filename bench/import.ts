// npm run bench -- import [rows] [--cases-only] [--no-defer]: a generated cases CSV (default 1,000,000 rows)
// through the importer into a throwaway PostgreSQL database holding the demo organisations and demo
// cases, timed against `psql \copy` of the same rows in the same run — into a bare table of the
// same columns, and into a table built like `cases` (same indexes, checks and foreign keys) — then
// (unless --cases-only) a parties file (1.5 per case) and a property file (1 per case) for those cases.
// --no-defer: the statistics rollups maintained by the triggers after every statement, as before
// imports deferred them to one set-based step at the end (to compare the two back to back).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { caseStatusOf, type ImportPhase, importFile } from '../src/modules/cases/import/index.ts';
import { caseTermsVector } from '../src/modules/cases/import/search-terms.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { round, seededRandom } from './support.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const CATEGORIES = [
  'relic.excavation',
  'relic.theft.museum',
  'fraud.telecom',
  'property.theft',
  'violent.robbery',
  'violent.injury',
  'drugs.trafficking',
  'environment.fishing',
  'gang.evil_force',
  'other',
];
const JURISDICTIONS = ['150100', '150102', '150103', '150200', '150400', '610100', '440100', '440300'];
const WORDS = [
  '盗掘',
  '古墓葬',
  '青铜器',
  '电信',
  '网络',
  '诈骗',
  '入室',
  '盗窃',
  '抢劫',
  '团伙',
  '文物',
  '走私',
  '非法',
  '捕捞',
  '毒品',
  '涉恶',
  '寺庙',
  '壁画',
  '石刻',
  '银行卡',
];
export const BENCH_HEADER = [
  'case_no',
  'category',
  'jurisdiction',
  'title',
  'occurred_at',
  'reported_at',
  'filed_at',
  'solved_at',
  'prosecuted_at',
  'closed_at',
  'supervision',
  'loss_amount',
  'campaigns',
  'summary',
];

/** A deterministic pseudo-random stream (mulberry32), so every run imports the same file. */
const random = seededRandom;

const pad = (n: number) => String(n).padStart(2, '0');
/** Wall-clock text of a time held as UTC fields (read back as Shanghai time by the importer and by psql). */
const local = (ms: number | null) => {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

export interface BenchCase {
  caseNo: string;
  category: string;
  jurisdiction: string;
  title: string;
  summary: string;
  occurred: number;
  reported: number;
  filed: number | null;
  solved: number | null;
  prosecuted: number | null;
  closed: number | null;
  supervision: string;
  loss: string;
  campaign: string;
}

/** The same cases, in the same order, every time. */
export function* benchCases(rows: number): Generator<BenchCase> {
  const next = random(20201);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const base = Date.UTC(2019, 0, 1);
  const span = 2 * 365 * 86_400_000;
  for (let i = 1; i <= rows; i++) {
    const reported = base + Math.floor((next() * span) / 60_000) * 60_000;
    const occurred = reported - Math.floor(next() * 5) * 86_400_000;
    const stage = next();
    const filed = stage > 0.15 ? reported + 86_400_000 : null;
    const solved = filed && stage > 0.45 ? filed + Math.floor(next() * 30) * 86_400_000 : null;
    const prosecuted = solved && stage > 0.7 ? solved + 20 * 86_400_000 : null;
    const closed = prosecuted && stage > 0.9 ? prosecuted + 60 * 86_400_000 : null;
    yield {
      caseNo: `BENCH-${String(i).padStart(8, '0')}`,
      category: pick(CATEGORIES),
      jurisdiction: pick(JURISDICTIONS),
      title: `${pick(WORDS)}${pick(WORDS)}${pick(WORDS)}案`,
      summary: `${pick(WORDS)}${pick(WORDS)}${pick(WORDS)}${pick(WORDS)}，嫌疑人${pick(WORDS)}${pick(WORDS)}，涉案 ${Math.floor(next() * 100000)} 元`,
      occurred,
      reported,
      filed,
      solved,
      prosecuted,
      closed,
      supervision: stage > 0.98 ? 'ministry' : stage > 0.95 ? 'province' : '',
      loss: (next() * 100000).toFixed(2),
      campaign: next() > 0.7 ? 'ZX2020' : '',
    };
  }
}

async function writeLines(file: string, lines: Iterable<string>): Promise<number> {
  const out = fs.createWriteStream(file);
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once('drain', () => r()));
      buffer = '';
    }
  }
  out.write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return fs.statSync(file).size;
}

/** The import file: our cases format (no commas or quotes in the generated text, so no quoting needed). */
export function writeCasesCsv(file: string, rows: number): Promise<number> {
  return writeLines(
    file,
    (function* () {
      yield `${BENCH_HEADER.join(',')}\n`;
      for (const c of benchCases(rows)) {
        yield `${c.caseNo},${c.category},${c.jurisdiction},${c.title},${local(c.occurred)},${local(c.reported)},${local(c.filed)},${local(c.solved)},` +
          `${local(c.prosecuted)},${local(c.closed)},${c.supervision},${c.loss},${c.campaign},${c.summary}\n`;
      }
    })(),
  );
}

/** The same rows as plain CSV in the `cases` table's own columns, with what the importer derives filled in. */
function writeTableCsv(file: string, rows: number, agencyOf: Map<string, string>): Promise<number> {
  return writeLines(
    file,
    (function* () {
      for (const c of benchCases(rows)) {
        const status = caseStatusOf({ filed: c.filed, solved: c.solved, prosecuted: c.prosecuted, closed: c.closed });
        const terms = caseTermsVector(`${c.title} ${c.summary}`) ?? '';
        yield `${c.caseNo},${c.category},${c.jurisdiction},${c.title},${local(c.occurred)},${local(c.reported)},${local(c.filed)},${local(c.solved)},` +
          `${local(c.prosecuted)},${local(c.closed)},${c.supervision || 'none'},${c.loss},${c.campaign ? `{${c.campaign}}` : '{}'},${c.summary},` +
          `${agencyOf.get(c.jurisdiction)},${status},"${terms}"\n`;
      }
    })(),
  );
}

/** CPU time (user + system, in clock ticks of 1/100 s) of the given backend processes, from /proc (0 where unreadable). */
function backendCpu(pids: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of pids.split(',').filter(Boolean)) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      out.set(pid, 0);
    }
  }
  return out;
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Parties of the bench cases: a suspect for every case, a victim for every other case (1.5 per case), people shared across cases. */
function writePartiesCsv(file: string, rows: number): Promise<number> {
  return writeLines(
    file,
    (function* () {
      yield 'case_no,person_ref,role,name,phone\n';
      for (let i = 1; i <= rows; i++) {
        const caseNo = `BENCH-${String(i).padStart(8, '0')}`;
        // A suspect appears in up to 3 cases (named each time alike); victims are one per case.
        const suspect = Math.ceil(i / 3);
        yield `${caseNo},BS-${suspect},suspect,嫌疑人${suspect},1${String(3_000_000_000 + suspect).slice(0, 10)}\n`;
        if (i % 2 === 0) yield `${caseNo},BV-${i},victim,被害人${i},\n`;
      }
    })(),
  );
}

/** One property row per bench case. */
function writePropertyCsv(file: string, rows: number): Promise<number> {
  return writeLines(
    file,
    (function* () {
      yield 'case_no,kind,quantity,unit,action,at,description\n';
      for (let i = 1; i <= rows; i++) {
        yield `BENCH-${String(i).padStart(8, '0')},funds,${(i % 9973) + 0.5},yuan,frozen,2021-01-${pad((i % 28) + 1)},冻结涉案资金\n`;
      }
    })(),
  );
}

export async function run(args: string[]) {
  const rows = Number(args.find((a) => !a.startsWith('--')) ?? 1_000_000);
  const casesOnly = args.includes('--cases-only');
  const deferRollups = !args.includes('--no-defer');
  if (!Number.isInteger(rows) || rows < 1) throw new Error('usage: npm run bench -- import [rows] [--cases-only] [--no-defer]');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-bench-import-'));
  const name = `lianfang_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = withDatabaseName(ADMIN_URL, name);
  // Times without an offset are Shanghai time, for psql as for the importer.
  const psql = (sqlText: string) =>
    execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-At', '-c', sqlText], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, PGOPTIONS: '-c timezone=Asia/Shanghai' },
    })
      .toString()
      .trim();
  const timed = (sqlText: string) => {
    psql('checkpoint');
    const started = performance.now();
    psql(sqlText);
    return performance.now() - started;
  };
  try {
    const file = path.join(dir, 'cases.csv');
    let started = performance.now();
    const bytes = await writeCasesCsv(file, rows);
    const generateMs = performance.now() - started;

    const database = await openDatabase({ databaseUrl: url });
    await migrateDatabase(database);
    // The demo organisations, users and demo cases (with their parties and property) are already there.
    const demo = await seedDemo(database.db, 'test');
    psql('analyze');
    psql('checkpoint');
    const phaseStart: Partial<Record<ImportPhase, number>> = {};
    let peakRss = process.memoryUsage().rss;
    const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
    const backendsBefore = backendCpu(
      psql(`select string_agg(pid::text, ',') from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`),
    );
    const nodeCpuBefore = process.cpuUsage();
    const importStart = performance.now();
    const report = await importFile(database.db, {
      kind: 'cases',
      fileName: 'cases.csv',
      path: file,
      actor: { userId: null, username: 'bench' },
      deferRollups,
      onProgress: (p) => (phaseStart[p.phase] ??= performance.now()),
    });
    const importEnd = performance.now();
    clearInterval(timer);
    if (report.imported !== rows) throw new Error(`import wrote ${report.imported} of ${rows} rows: ${JSON.stringify(report.errors.slice(0, 5))}`);
    const importMs = importEnd - importStart;
    // CPU seconds spent during the import by this process (reading, checking, encoding) and by the database's
    // backends (parsing rows, triggers, heap and WAL, index builds), read from /proc: where the time went.
    const nodeCpu = process.cpuUsage(nodeCpuBefore);
    const nodeCpuS = round((nodeCpu.user + nodeCpu.system) / 1e6, 1);
    const backendsAfter = backendCpu(
      psql(`select string_agg(pid::text, ',') from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`),
    );
    let serverCpuS = 0;
    for (const [pid, ticks] of backendsAfter) serverCpuS += (ticks - (backendsBefore.get(pid) ?? 0)) / 100;
    serverCpuS = round(serverCpuS, 1);
    // Printed at once: the \copy runs that follow take minutes on a busy machine.
    process.stderr.write(
      `import: ${rows} rows in ${round(importMs / 1000, 1)} s (${round(rows / (importMs / 1000), 0)} rows/s), ` +
        `indexes and keys ${round((importEnd - (phaseStart.index ?? importEnd)) / 1000, 1)} s, CPU node ${nodeCpuS} s server ${serverCpuS} s, load ${os
          .loadavg()
          .map((l) => round(l, 1))
          .join(' ')}\n`,
    );

    const loadAfterImport = os.loadavg().map((l) => round(l, 2));
    // Parties and property of the imported cases, through the same importer.
    const more: Record<string, number> = {};
    if (!casesOnly) {
      for (const [kind, write] of [
        ['parties', writePartiesCsv],
        ['property', writePropertyCsv],
      ] as const) {
        const other = path.join(dir, `${kind}.csv`);
        await write(other, rows);
        psql('checkpoint');
        const t = performance.now();
        const r = await importFile(database.db, {
          kind,
          fileName: `${kind}.csv`,
          path: other,
          actor: { userId: null, username: 'bench' },
          deferRollups,
        });
        const ms = performance.now() - t;
        if (r.errorCount || !r.imported) throw new Error(`${kind} import refused: ${JSON.stringify(r.errors.slice(0, 5))}`);
        more[`${kind}Rows`] = r.imported;
        more[`${kind}ImportS`] = round(ms / 1000, 1);
        more[`${kind}RowsPerSecond`] = round(r.imported / (ms / 1000), 0);
        process.stderr.write(
          `${kind}: ${r.imported} rows in ${round(ms / 1000, 1)} s (${round(r.imported / (ms / 1000), 0)} rows/s), load ${os
            .loadavg()
            .map((l) => round(l, 1))
            .join(' ')}\n`,
        );
      }
    }
    await database.close();

    // 1. The same file into a bare table of the same columns: no index, no check, no key.
    psql(`create table bench_bare (case_no text, category text, jurisdiction text, title text, occurred_at timestamptz, reported_at timestamptz,
      filed_at timestamptz, solved_at timestamptz, prosecuted_at timestamptz, closed_at timestamptz, supervision text, loss_amount numeric,
      campaigns text, summary text)`);
    const bareMs = timed(`\\copy bench_bare from '${file.replace(/'/g, "''")}' with (format csv, header true)`);

    // 2. The same rows, as plain CSV in the table's columns, into a copy of `cases` with its indexes, checks and foreign keys.
    const agencyOf = new Map(
      psql(`select j.code || '=' || (select ag.id from jurisdiction_ancestors a join agencies ag on ag.jurisdiction_code = a.ancestor_code
      and ag.kind = 'public_security' where a.descendant_code = j.code order by a.depth, ag.created_at, ag.id limit 1)
      from jurisdictions j where j.code in (${JURISDICTIONS.map((j) => `'${j}'`).join(',')})`)
        .split('\n')
        .map((l) => l.split('=') as [string, string]),
    );
    const tableFile = path.join(dir, 'cases-table.csv');
    started = performance.now();
    await writeTableCsv(tableFile, rows, agencyOf);
    psql(`create table bench_cases (like cases including defaults including constraints including indexes);
      alter table bench_cases add foreign key (category_code) references case_categories(code), add foreign key (jurisdiction_code) references jurisdictions(code),
        add foreign key (agency_id) references agencies(id), add foreign key (created_by) references users(id), add foreign key (supervision_set_by) references users(id)`);
    const tableMs =
      timed(`\\copy bench_cases (case_no, category_code, jurisdiction_code, title, occurred_at, reported_at, filed_at, solved_at, prosecuted_at,
      closed_at, supervision, loss_amount, campaign_codes, summary, agency_id, status, search_terms) from '${tableFile.replace(/'/g, "''")}' with (format csv)`);

    const indexStart = phaseStart.index ?? importEnd;
    return {
      rows,
      deferRollups,
      loadAfterImport,
      demoCases: demo.cases,
      fileMiB: round(bytes / 1048576, 1),
      generateS: round(generateMs / 1000, 1),
      importS: round(importMs / 1000, 1),
      importRowsPerSecond: round(rows / (importMs / 1000), 0),
      // Reading, checking and writing overlap (each batch is written while the next is read); a bulk import then builds its indexes.
      readCheckWriteS: round((indexStart - importStart) / 1000, 1),
      indexAndKeysS: round((importEnd - indexStart) / 1000, 1),
      nodeCpuS,
      serverCpuS,
      peakRssMiB: round(peakRss / 1048576, 0),
      copyBareTableS: round(bareMs / 1000, 1),
      copyBareRowsPerSecond: round(rows / (bareMs / 1000), 0),
      importToCopyBareRatio: round(importMs / bareMs, 2),
      copyCasesLikeTableS: round(tableMs / 1000, 1),
      copyCasesLikeRowsPerSecond: round(rows / (tableMs / 1000), 0),
      importToCopyCasesLikeRatio: round(importMs / tableMs, 2),
      ...more,
      target: '>= 20,000 rows/s and within 2x of psql \\copy',
      load: os.loadavg().map((l) => round(l, 2)),
    };
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
