import fs from 'node:fs';
import { login, percentile, round, startServerProcess, tempDataDir } from './support.ts';

/** POST /api/auth/login latency: sequential, then four clients at once. */
export async function run(args: string[]) {
  const count = Number(args[0] ?? 100);
  const dataDir = tempDataDir();
  // The per-address rate limit would stop a benchmark from one address; lift it for this process only.
  const server = await startServerProcess(dataDir, { LOGIN_RATE_LIMIT: '1000000' });
  try {
    await login(server.url, 'nmg.commander');
    const timeLogins = async (n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await login(server.url, 'nmg.commander');
        times.push(performance.now() - t);
      }
      return times;
    };
    const sequential = (await timeLogins(count)).sort((a, b) => a - b);
    const parallel = (await Promise.all([0, 1, 2, 3].map(() => timeLogins(Math.ceil(count / 4))))).flat().sort((a, b) => a - b);
    return {
      logins: count,
      sequential: { p50Ms: round(percentile(sequential, 50)), p95Ms: round(percentile(sequential, 95)), maxMs: round(sequential.at(-1)!) },
      fourClients: { p50Ms: round(percentile(parallel, 50)), p95Ms: round(percentile(parallel, 95)) },
      target: 'p95 < 200 ms',
    };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
