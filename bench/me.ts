import fs from 'node:fs';
import autocannon from 'autocannon';
import { login, round, startServerProcess, tempDataDir } from './support.ts';

/** Scoped GET /api/auth/me from a second process (this one) with autocannon. */
export async function run(args: string[]) {
  const seconds = Number(args[0] ?? 10);
  const dataDir = tempDataDir();
  const server = await startServerProcess(dataDir);
  try {
    const { cookie } = await login(server.url, 'hohhot.investigator');
    await autocannon({ url: `${server.url}/api/auth/me`, headers: { cookie }, connections: 20, duration: 2 }); // warm-up
    const result = await autocannon({ url: `${server.url}/api/auth/me`, headers: { cookie }, connections: 50, duration: seconds });
    return {
      durationS: seconds,
      connections: 50,
      requestsPerSecond: round(result.requests.average, 0),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      target: '>= 2000 req/s on 2 cores',
    };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
