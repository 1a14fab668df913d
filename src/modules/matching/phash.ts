import sharp from 'sharp';
import { MAX_INPUT_PIXELS } from './decode.ts';

/**
 * The classic perceptual hash (Zauner's pHash), the baseline of docs/matching.md: grey 32 × 32, 2-D DCT, the 8 × 8
 * lowest frequencies without DC, each bit = coefficient above the median. Returned as 64 bits in a bigint.
 */
const N = 32;
const COS: Float64Array = (() => {
  const table = new Float64Array(N * N);
  for (let u = 0; u < N; u++) for (let x = 0; x < N; x++) table[u * N + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * N));
  return table;
})();

export async function perceptualHash(bytes: Uint8Array): Promise<bigint> {
  const pixels = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated', animated: false, pages: 1 })
    .rotate()
    .flatten({ background: '#ffffff' })
    .resize(N, N, { fit: 'fill' })
    .toColourspace('b-w')
    .raw({ depth: 'uchar' })
    .toBuffer();
  const rows = new Float64Array(8 * N);
  for (let u = 0; u < 8; u++) {
    for (let y = 0; y < N; y++) {
      let sum = 0;
      for (let x = 0; x < N; x++) sum += pixels[y * N + x]! * COS[u * N + x]!;
      rows[u * N + y] = sum;
    }
  }
  const coefficients: number[] = [];
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let y = 0; y < N; y++) sum += rows[u * N + y]! * COS[v * N + y]!;
      coefficients.push(sum);
    }
  }
  const ac = coefficients.slice(1);
  const median = [...ac].sort((a, b) => a - b)[Math.floor(ac.length / 2)]!;
  let hash = 0n;
  for (const c of coefficients) hash = (hash << 1n) | (c > median ? 1n : 0n);
  return hash;
}

export function hammingDistance64(a: bigint, b: bigint): number {
  let x = a ^ b;
  let count = 0;
  while (x) {
    x &= x - 1n;
    count++;
  }
  return count;
}
