import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Temporary folders of uploads and zip expansions live under one folder per process
 * (tmp/lianfang-work/<pid>/…), so that a server killed mid-upload leaves something the next start can
 * recognise as its own and remove: the folder of a process that no longer runs.
 */
export const WORK_ROOT = path.join(os.tmpdir(), 'lianfang-work');

/** Prefixes our code used directly under tmp before the per-process folder; left behind by a killed server. */
const LEGACY_PREFIXES = ['lianfang-upload-', 'lianfang-relic-upload-', 'lianfang-zip-', 'lianfang-import-'];
/** A legacy folder is stale once it is this old: no upload or import runs that long. */
const LEGACY_STALE_MS = 24 * 60 * 60 * 1000;

/** A new, empty temporary folder of this process. */
export function makeWorkDir(prefix: string): string {
  const own = path.join(WORK_ROOT, String(process.pid));
  fs.mkdirSync(own, { recursive: true });
  return fs.mkdtempSync(path.join(own, prefix));
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what earlier processes left behind: the work folders of processes that are gone, and the
 * old-style folders directly under tmp older than a day. Returns how many folders were removed.
 */
export function removeStaleWorkDirs(now = Date.now()): number {
  let removed = 0;
  const remove = (dir: string) => {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      removed++;
    } catch {
      // Another start may be removing it too; whatever is left is tried again next time.
    }
  };
  let owners: string[] = [];
  try {
    owners = fs.readdirSync(WORK_ROOT);
  } catch {
    // No work folder yet.
  }
  for (const name of owners) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !running(pid)) remove(path.join(WORK_ROOT, name));
  }
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(os.tmpdir(), { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || !LEGACY_PREFIXES.some((p) => entry.name.startsWith(p))) continue;
    const dir = path.join(os.tmpdir(), entry.name);
    try {
      if (now - fs.statSync(dir).mtimeMs > LEGACY_STALE_MS) remove(dir);
    } catch {
      // Gone already.
    }
  }
  return removed;
}
