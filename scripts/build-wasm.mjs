#!/usr/bin/env node
// Assembles the WebAssembly kernel of photo matching from its source, src/modules/matching/hamming.wat, into
// hamming.wasm beside it, with wabt (wat2wasm compiled to JavaScript and WebAssembly; a devDependency: nothing is
// assembled at run time, the server loads the committed hamming.wasm). `npm run build:wasm` after editing the .wat;
// `--check` only says whether the committed binary is what the source assembles to (test/matching/hamming-wasm.test.ts
// checks the same).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HAMMING_WAT = path.join(root, 'src', 'modules', 'matching', 'hamming.wat');
export const HAMMING_WASM = path.join(root, 'src', 'modules', 'matching', 'hamming.wasm');

/** The binary of a .wat file: validated, canonical LEB128 sizes, no name section. */
export async function assembleWat(file) {
  const toolkit = await wabt();
  const module = toolkit.parseWat(path.basename(file), fs.readFileSync(file, 'utf8'));
  try {
    module.validate();
    return Uint8Array.from(module.toBinary({ canonicalize_lebs: true, write_debug_names: false }).buffer);
  } finally {
    module.destroy();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bytes = await assembleWat(HAMMING_WAT);
  const current = fs.existsSync(HAMMING_WASM) ? fs.readFileSync(HAMMING_WASM) : null;
  const same = current !== null && Buffer.from(bytes).equals(current);
  const shown = path.relative(root, HAMMING_WASM);
  if (process.argv.includes('--check')) {
    console.log(
      same ? `${shown} is up to date` : `${shown} differs from what ${path.relative(root, HAMMING_WAT)} assembles to: run npm run build:wasm`,
    );
    process.exitCode = same ? 0 : 1;
  } else if (same) {
    console.log(`${shown} is up to date (${bytes.length} bytes)`);
  } else {
    fs.writeFileSync(HAMMING_WASM, bytes);
    console.log(`${shown} written (${bytes.length} bytes)`);
  }
}
