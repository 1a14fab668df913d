import fs from 'node:fs';
import { round, startServerProcess, tempDataDir } from './support.ts';

/** First start on an empty data folder (migrations, division tree, demo set), then a warm restart. */
export async function run() {
  const dataDir = tempDataDir();
  try {
    const first = await startServerProcess(dataDir);
    await first.stop();
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) {
      const again = await startServerProcess(dataDir);
      warm.push(again.readyMs);
      await again.stop();
    }
    return {
      firstStartMs: round(first.readyMs, 0),
      warmRestartMs: warm.map((ms) => round(ms, 0)),
      warmRestartWorstMs: round(Math.max(...warm), 0),
      target: 'warm restart < 3000 ms',
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
