// The WebAssembly kernel of descriptor matching: its committed binary is what its source assembles to, and it gives
// what the JavaScript reference gives (bench/reference/matchers.ts), on aligned and unaligned descriptors.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rng } from '../../bench/match.ts';
import { nearestTwoJavaScript } from '../../bench/reference/matchers.ts';
import { assembleWat, HAMMING_WASM as BUILT, HAMMING_WAT } from '../../scripts/build-wasm.mjs';
import { HAMMING_WASM, nearestTwo } from '../../src/modules/matching/hamming-wasm.ts';

/** n random 32-byte descriptors, the first `near` of them a few bits away from `base`'s (so real 2-NN ties and near misses occur). */
function descriptors(n: number, random: () => number, base?: Uint8Array, near = 0): Uint8Array {
  const out = new Uint8Array(n * 32);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(random() * 256);
  for (let k = 0; base && k < Math.min(near, n, base.length / 32); k++) {
    out.set(base.subarray(k * 32, (k + 1) * 32), k * 32);
    for (let flips = Math.floor(random() * 40); flips > 0; flips--) out[k * 32 + Math.floor(random() * 32)]! ^= 1 << Math.floor(random() * 8);
  }
  return out;
}

/** The same bytes at an odd offset of their buffer (as a row read from the database may be). */
function unaligned(bytes: Uint8Array): Uint8Array {
  const shifted = new Uint8Array(bytes.length + 1).subarray(1);
  shifted.set(bytes);
  return shifted;
}

describe('the WebAssembly Hamming kernel', () => {
  it('is loaded from the binary that hamming.wat assembles to with wabt (npm run build:wasm)', async () => {
    expect(fileURLToPath(HAMMING_WASM)).toBe(BUILT);
    const assembled = await assembleWat(HAMMING_WAT);
    expect(Buffer.from(assembled).equals(fs.readFileSync(HAMMING_WASM))).toBe(true);
    expect(WebAssembly.validate(assembled)).toBe(true);
  });

  it("finds each query descriptor's nearest and second-nearest candidate as the JavaScript reference does", () => {
    const random = rng(15);
    // Sizes: none, one candidate (no second), exact duplicates (ties), the usual 500 × 500, and sets large enough
    // that the kernel's memory (2 pages) has to grow.
    const cases: Array<[number, number]> = [
      [0, 5],
      [5, 0],
      [7, 1],
      [40, 40],
      [500, 500],
      [1000, 2600],
    ];
    for (const [nq, nc] of cases) {
      const candidate = descriptors(nc, random);
      const query = descriptors(nq, random, candidate, Math.floor(nq / 2));
      if (nc > 3 && nq > 0) candidate.set(candidate.subarray(0, 32), 64); // candidate 2 = candidate 0: a tie
      const expected = nearestTwoJavaScript(query, candidate);
      expect(nearestTwo(query, candidate)).toEqual(expected);
      expect(nearestTwo(unaligned(query), unaligned(candidate))).toEqual(expected);
    }
  });
});
