#!/usr/bin/env node
// Checks that web/src/i18n/zh-CN.json and en.json have the same key set.
// Usage (from the repo root or anywhere): node web/scripts/check-i18n.mjs
// Exits 1 and lists every key missing in either file; also flags empty strings, a key that is
// a string in one file but a nested object in the other, and {{placeholders}} that differ.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../src/i18n/', import.meta.url));
const files = { 'zh-CN': 'zh-CN.json', en: 'en.json' };

/** Flattens nested objects into dotted keys: { a: { b: 'x' } } -> Map { 'a.b' => 'x' }. */
function flatten(obj, prefix = '', out = new Map()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out);
    else out.set(key, v);
  }
  return out;
}

// Module catalogues (modules/<module>.<lang>.json) are merged into the shared one, as the app does.
const moduleFiles = readdirSync(dir + 'modules').filter((f) => f.endsWith('.json'));
const flat = {};
for (const [lang, file] of Object.entries(files)) {
  flat[lang] = new Map();
  for (const name of [file, ...moduleFiles.filter((f) => f.endsWith(`.${lang}.json`)).map((f) => `modules/${f}`)]) {
    try {
      flatten(JSON.parse(readFileSync(dir + name, 'utf8')), '', flat[lang]);
    } catch (err) {
      console.error(`${name}: ${err.message}`);
      process.exit(1);
    }
  }
}
for (const lang of Object.keys(files)) {
  const modules = new Set(moduleFiles.filter((f) => f.endsWith(`.${lang}.json`)).map((f) => f.slice(0, -`.${lang}.json`.length)));
  for (const other of Object.keys(files)) {
    for (const m of modules) {
      if (!moduleFiles.includes(`${m}.${other}.json`)) {
        console.error(`modules/${m}.${lang}.json has no modules/${m}.${other}.json`);
        process.exit(1);
      }
    }
  }
}

const problems = [];
const langs = Object.keys(flat);
for (const lang of langs) {
  for (const other of langs) {
    if (other === lang) continue;
    for (const key of flat[lang].keys()) {
      if (!flat[other].has(key)) problems.push(`missing in ${files[other]}: ${key}`);
    }
  }
  for (const [key, value] of flat[lang]) {
    if (typeof value !== 'string') problems.push(`not a string in ${files[lang]}: ${key}`);
    else if (value.trim() === '') problems.push(`empty in ${files[lang]}: ${key}`);
  }
}

const placeholders = (text) =>
  [...String(text).matchAll(/{{\s*([\w.]+)/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
for (const [key, zh] of flat['zh-CN']) {
  const en = flat.en.get(key);
  if (typeof zh === 'string' && typeof en === 'string' && placeholders(zh) !== placeholders(en)) {
    problems.push(`placeholders differ for ${key}: zh-CN {{${placeholders(zh)}}} vs en {{${placeholders(en)}}}`);
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`check-i18n: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`check-i18n: ok (${flat['zh-CN'].size} keys in each language)`);
