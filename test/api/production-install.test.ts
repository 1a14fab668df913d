// A production install — `npm run build`, then `npm ci --omit=dev`, then `npm start` — must run: every package the
// server imports at run time is a dependency, and `npm start` serves the web app built before the install (vite, a
// dev dependency, is not there to rebuild it).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/support.ts';

const root = process.cwd();

async function waitForHealth(url: string, child: ReturnType<typeof spawn>, log: () => string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('production install', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-prod-'));
  let server: ReturnType<typeof spawn> | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('npm ci --omit=dev, then npm start, serves the API and the web app built before', async () => {
    for (const file of ['package.json', 'package-lock.json', 'tsconfig.json']) fs.copyFileSync(path.join(root, file), path.join(dir, file));
    // The code and the web app built by the test set-up (`npm run build`), as a release would carry them.
    for (const folder of ['src', 'bin', 'scripts', 'web', 'dist']) fs.cpSync(path.join(root, folder), path.join(dir, folder), { recursive: true });
    execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, stdio: 'pipe', timeout: 240_000 });
    expect(fs.existsSync(path.join(dir, 'node_modules', 'vite'))).toBe(false);
    // Make web/ look newer than the build, as after a checkout: the server must still start on the existing build.
    const now = new Date();
    fs.utimesSync(path.join(dir, 'web', 'index.html'), now, now);

    const port = await freePort();
    let output = '';
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LIANFANG_DATA_DIR: path.join(dir, 'data'), NODE_ENV: 'development' };
    delete env.DATABASE_URL;
    server = spawn('npm', ['start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    try {
      const health = await waitForHealth(`http://127.0.0.1:${port}/api/health`, server, () => output, 150_000);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      // npm start runs the server as a child of npm: end the whole group.
      try {
        process.kill(-server.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  }, 420_000);
});
