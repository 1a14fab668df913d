/** src/modules/matching/hamming.wat: the WebAssembly kernel's source. */
export const HAMMING_WAT: string;
/** src/modules/matching/hamming.wasm: what it assembles to, committed and loaded by hamming-wasm.ts. */
export const HAMMING_WASM: string;
/** The binary of a .wat file, assembled by wabt (validated, canonical LEB128 sizes, no name section). */
export function assembleWat(file: string): Promise<Uint8Array<ArrayBuffer>>;
