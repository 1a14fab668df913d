// npm run bench -- NAME [args]: runs bench/NAME.ts and prints its figures as JSON.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'support.ts'].includes(f))
  .map((f) => f.slice(0, -3));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(2);
}
const bench = (await import(path.join(here, `${name}.ts`))) as { run(args: string[]): Promise<Record<string, unknown>> };
const result = await bench.run(process.argv.slice(3));
console.log(JSON.stringify({ bench: name, at: new Date().toISOString(), node: process.version, ...result }, null, 2));
