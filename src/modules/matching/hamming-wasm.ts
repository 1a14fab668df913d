// Brute-force Hamming 2-NN of 256-bit descriptors in WebAssembly: `i64.popcnt` counts the differing bits of 64 bits
// in one instruction (4 per pair), where JavaScript needs a 12-operation bit trick per 32 bits (8 per pair). The
// kernel's source is hamming.wat beside this file; `npm run build:wasm` assembles it with wabt into hamming.wasm
// (281 bytes, committed), which is what runs: nothing is assembled at run time, so the server needs no wabt.
// test/matching/hamming-wasm.test.ts fails when hamming.wasm is not what hamming.wat assembles to, and compares the
// kernel's output with the JavaScript reference (bench/reference/matchers.ts). The ratio test stays in verify.ts.
import fs from 'node:fs';

/** The assembled kernel, read once per thread on first use. */
export const HAMMING_WASM = new URL('./hamming.wasm', import.meta.url);

interface Exports {
  nearest(a: number, nq: number, b: number, nc: number, out: number): void;
  memory: WebAssembly.Memory;
}
let instance: Exports | undefined;

/**
 * For each query descriptor: [nearest distance, second-nearest distance, nearest index] by Hamming distance over all
 * candidate descriptors (257 / -1 when there are none). Strict comparisons, first index wins, as a plain loop would.
 */
export function nearestTwo(query: Uint8Array, candidate: Uint8Array): Int32Array {
  instance ??= new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(HAMMING_WASM))).exports as unknown as Exports;
  const nq = Math.floor(query.length / 32);
  const nc = Math.floor(candidate.length / 32);
  const need = nq * 32 + nc * 32 + nq * 12;
  const memory = instance.memory;
  if (memory.buffer.byteLength < need) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
  const heap = new Uint8Array(memory.buffer);
  heap.set(query.subarray(0, nq * 32), 0);
  heap.set(candidate.subarray(0, nc * 32), nq * 32);
  const out = nq * 32 + nc * 32;
  instance.nearest(0, nq, nq * 32, nc, out);
  return new Int32Array(memory.buffer.slice(out, out + nq * 12));
}
