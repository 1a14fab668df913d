// Brute-force Hamming 2-NN of 256-bit descriptors in WebAssembly: `i64.popcnt` counts the differing bits of 64 bits
// in one instruction (4 per pair), where JavaScript needs a 12-operation bit trick per 32 bits (8 per pair). The
// module is a few hundred bytes assembled here, instruction by instruction (no toolchain, nothing downloaded); it
// only computes, for every query descriptor, its nearest and second-nearest distance and the nearest's index; the
// ratio test stays in verify.ts, so the pairs are those of `ratioTestPairs` (test/matching/method.test.ts).

const I32 = 0x7f;
const I64 = 0x7e;

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
const name = (text: string) => [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];

// Opcodes.
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const tee = (i: number) => [0x22, i];
const i32 = (v: number) => [0x41, ...sleb(v)];
const load64 = (offset: number) => [0x29, 0x03, ...uleb(offset)];
const store32 = (offset: number) => [0x36, 0x02, ...uleb(offset)];
const [ADD, MUL, GE_U, LT_U] = [0x6a, 0x6c, 0x4f, 0x49];
const [XOR64, POPCNT64, ADD64, WRAP] = [0x85, 0x7b, 0x7c, 0xa7];
const [BLOCK, LOOP, IF, ELSE, END, BR, BR_IF, VOID] = [0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x40];

// nearest(a, nq, b, nc, out): descriptors of 32 bytes at a (nq of them) and b (nc); writes best, second, bestIndex
// (3 × i32) per query descriptor at out. Locals: 0 a, 1 nq, 2 b, 3 nc, 4 out, 5 i, 6 j, 7 p, 8 q, 9 best,
// 10 second, 11 bestJ, 12 d, 13–16 the query descriptor as 4 × i64.
const [A, NQ, B, NC, OUT, I, J, P, Q, BEST, SECOND, BESTJ, D] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const word = (k: number) => [...get(13 + k), ...get(Q), ...load64(k * 8), XOR64, POPCNT64];
const body = [
  ...i32(0), ...set(I),
  BLOCK, VOID, LOOP, VOID,
  ...get(I), ...get(NQ), GE_U, BR_IF, 1,
  ...get(A), ...get(I), ...i32(32), MUL, ADD, ...set(P),
  ...get(P), ...load64(0), ...set(13), ...get(P), ...load64(8), ...set(14),
  ...get(P), ...load64(16), ...set(15), ...get(P), ...load64(24), ...set(16),
  ...i32(257), ...set(BEST), ...i32(257), ...set(SECOND), ...i32(-1), ...set(BESTJ),
  ...i32(0), ...set(J), ...get(B), ...set(Q),
  BLOCK, VOID, LOOP, VOID,
  ...get(J), ...get(NC), GE_U, BR_IF, 1,
  ...word(0), ...word(1), ADD64, ...word(2), ADD64, ...word(3), ADD64, WRAP, ...set(D),
  ...get(D), ...get(BEST), LT_U,
  IF, VOID,
  ...get(BEST), ...set(SECOND), ...get(D), ...set(BEST), ...get(J), ...set(BESTJ),
  ELSE,
  ...get(D), ...get(SECOND), LT_U, IF, VOID, ...get(D), ...set(SECOND), END,
  END,
  ...get(Q), ...i32(32), ADD, ...set(Q),
  ...get(J), ...i32(1), ADD, ...set(J),
  BR, 0,
  END, END,
  ...get(OUT), ...get(I), ...i32(12), MUL, ADD, ...tee(P), ...get(BEST), ...store32(0),
  ...get(P), ...get(SECOND), ...store32(4),
  ...get(P), ...get(BESTJ), ...store32(8),
  ...get(I), ...i32(1), ADD, ...set(I),
  BR, 0,
  END, END,
  END,
];
const locals = [2, 8, I32, 4, I64];
const code = [...locals, ...body];

const bytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
  ...section(3, [1, 0]),
  ...section(5, [1, 0x00, 2]),
  ...section(7, [2, ...name('nearest'), 0x00, 0, ...name('memory'), 0x02, 0]),
  ...section(10, [1, ...uleb(code.length), ...code]),
]);

interface Exports { nearest(a: number, nq: number, b: number, nc: number, out: number): void; memory: WebAssembly.Memory }
let instance: Exports | undefined;

/**
 * For each query descriptor: [nearest distance, second-nearest distance, nearest index] by Hamming distance over all
 * candidate descriptors (257 / -1 when there are none). Strict comparisons, first index wins, as a plain loop would.
 */
export function nearestTwo(query: Uint8Array, candidate: Uint8Array): Int32Array {
  instance ??= new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
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
