#!/usr/bin/env node
// Builds the web app into dist/web when it is missing or older than any file under web/, so
// `npm start` on a fresh clone serves a current SPA without a separate build step.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = path.join(root, 'dist', 'web', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function webBuildIsStale() {
  if (!fs.existsSync(builtIndex)) return true;
  return newestMtime(path.join(root, 'web')) > fs.statSync(builtIndex).mtimeMs;
}

const viteBin = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');

export function buildWebIfStale() {
  if (!webBuildIsStale()) return false;
  // A production install (`npm ci --omit=dev`) has no vite: it serves the web app built before the install.
  if (!fs.existsSync(viteBin)) {
    if (fs.existsSync(builtIndex)) {
      console.warn('web/ is newer than dist/web but vite is not installed (npm ci --omit=dev): serving the existing build');
      return false;
    }
    throw new Error('dist/web is missing and vite is not installed: run `npm run build` before `npm ci --omit=dev`, or install with `npm ci`');
  }
  execFileSync(process.execPath, [viteBin, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(buildWebIfStale() ? 'web app built into dist/web' : 'web app is up to date');
}
