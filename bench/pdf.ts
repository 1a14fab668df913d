// npm run bench -- pdf [--searchers 2] [--idle 200]
// The real `lianfang serve --demo` (PGlite, or DATABASE_URL) in its own process. Ten parallel anonymous
// GET /api/public/certificates/{code}/pdf, three ways: ten new certificates (ten prints), one new
// certificate asked ten times, and the ten again (cached); meanwhile public search runs in a loop and
// its latency (p50/p99) is compared with the idle figure. The peak memory of the server and its
// Chromium processes is sampled throughout. Only HTTP is used, so the same file measures any version.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { option, percentile, round, startServerProcess, tempDataDir } from './support.ts';

const QUERIES = ['青玉', '青花瓷瓶', 'jade bowl', '铜', 'bronze', '佛像', 'porcelain vase', '乾隆'];

/** Resident memory (MB) of a process and all its descendants (the server and its Chromiums). */
function treeRssMb(root: number): number {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const line of out.trim().split('\n')) {
    const [pid, ppid, kb] = line.trim().split(/\s+/).map(Number) as [number, number, number];
    rss.set(pid, kb);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted.length
    ? { n: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1)!) }
    : { n: 0 };
};

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const searchers = Number(option(args, 'searchers') ?? 2);
  const idleQueries = Number(option(args, 'idle') ?? 200);
  const dataDir = tempDataDir();
  // Every request its own client address (X-Forwarded-For): the per-address limits are not what is measured.
  const server = await startServerProcess(dataDir, { TRUST_PROXY: 'true' });
  let client = 0;
  const from = () => ({ 'x-forwarded-for': `10.0.${Math.floor(++client / 250)}.${client % 250}` });
  try {
    const search = async (i: number) => {
      const t = performance.now();
      const response = await fetch(`${server.url}/api/public/objects?q=${encodeURIComponent(QUERIES[i % QUERIES.length]!)}`, { headers: from() });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`search answered ${response.status}`);
      return performance.now() - t;
    };
    const idleRssMb = round(treeRssMb(server.child.pid!), 0);
    const published = (await (await fetch(`${server.url}/api/public/objects`, { headers: from() })).json()) as { total: number };
    for (let i = 0; i < 20; i++) await search(i);
    const idle: number[] = [];
    for (let i = 0; i < idleQueries; i++) idle.push(await search(i));

    const issue = async (description: string) => {
      const response = await fetch(`${server.url}/api/public/certificates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...from() },
        body: JSON.stringify({ description, lang: 'zh' }),
      });
      if (response.status !== 201) throw new Error(`certificate answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { code: string }).code;
    };

    /** Ten parallel PDF requests while `searchers` clients search in a loop; memory sampled every 100 ms. */
    const phase = async (codes: string[]) => {
      let running = true;
      let peakMb = treeRssMb(server.child.pid!);
      const sampler = setInterval(() => {
        peakMb = Math.max(peakMb, treeRssMb(server.child.pid!));
      }, 100);
      const during: number[] = [];
      const loops = Array.from({ length: searchers }, async (_, s) => {
        for (let i = s; running; i += searchers) during.push(await search(i));
      });
      const started = performance.now();
      const pdfs = await Promise.all(
        codes.map(async (code) => {
          const t = performance.now();
          const response = await fetch(`${server.url}/api/public/certificates/${code}/pdf`, { headers: from() });
          const body = Buffer.from(await response.arrayBuffer());
          return {
            status: response.status,
            ms: performance.now() - t,
            bytes: body.length,
            pdf: body.subarray(0, 5).toString() === '%PDF-',
            retryAfter: response.headers.get('retry-after'),
          };
        }),
      );
      const wallMs = performance.now() - started;
      running = false;
      await Promise.all(loops);
      clearInterval(sampler);
      const statuses: Record<string, number> = {};
      for (const p of pdfs) statuses[p.status] = (statuses[p.status] ?? 0) + 1;
      return {
        statuses,
        allPdf: pdfs.filter((p) => p.status === 200).every((p) => p.pdf),
        perRequestMs: stats(pdfs.map((p) => p.ms)),
        wallMs: round(wallMs, 0),
        searchDuring: stats(during),
        peakServerAndChromiumRssMb: round(peakMb, 0),
      };
    };

    const distinct: string[] = [];
    for (let i = 0; i < 10; i++) distinct.push(await issue(`青花缠枝莲纹瓶 第${i + 1}件`));
    const same = await issue('青玉双耳碗 乾隆年制');
    const coldTenCertificates = await phase(distinct);
    const coldOneCertificateTenTimes = await phase(Array.from({ length: 10 }, () => same));
    const cachedTenCertificates = await phase(distinct);
    return {
      server: {
        driver: process.env.DATABASE_URL ? 'postgres' : 'pglite',
        publishedObjects: published.total,
        readyMs: round(server.readyMs, 0),
        idleRssMb,
        afterRssMb: round(treeRssMb(server.child.pid!), 0),
      },
      searchIdle: stats(idle),
      coldTenCertificates,
      coldOneCertificateTenTimes,
      cachedTenCertificates,
      loadavg: fs.readFileSync('/proc/loadavg', 'utf8').trim(),
    };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
