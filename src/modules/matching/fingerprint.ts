import { decodeGrey } from './decode.ts';
import { DESCRIPTOR_BYTES, FEATURE_SIDE, extractLocalFeatures, type LocalFeatures } from './features.ts';
import { visualWords } from './words.ts';

/** Bumped whenever features or words change meaning: rows of another version are re-fingerprinted. */
export const FINGERPRINT_VERSION = 1;

export interface Fingerprint {
  version: number;
  /** Decoded source size. */
  sourceWidth: number;
  sourceHeight: number;
  features: LocalFeatures;
  /** Global descriptor: sorted visual-word ids (see words.ts). */
  words: Uint32Array;
}

/**
 * Queries are read like registry photos. Reading them larger (1024 px, 800 keypoints) was measured worse: screenshot
 * recall@1 0.15 vs 0.31 and box-in-scene lost (docs/matching.md), since the extra keypoints land on page text.
 */
export const QUERY_SIDE = FEATURE_SIDE;
export const QUERY_KEYPOINTS = 500;

export async function fingerprintImage(bytes: Uint8Array, role: 'registry' | 'query' = 'registry'): Promise<Fingerprint> {
  const grey = await decodeGrey(bytes, role === 'query' ? QUERY_SIDE : FEATURE_SIDE);
  const features = await extractLocalFeatures(grey, role === 'query' ? QUERY_KEYPOINTS : undefined);
  return { version: FINGERPRINT_VERSION, sourceWidth: grey.sourceWidth, sourceHeight: grey.sourceHeight, features, words: visualWords(features.descriptors) };
}

/** Local features as stored: u16 width, u16 height, u16 count, u16 reserved, then float32 x/y pairs, then descriptors. */
export function encodeFeatures(features: LocalFeatures): Buffer {
  const n = features.points.length / 2;
  const out = Buffer.alloc(8 + n * 8 + n * DESCRIPTOR_BYTES);
  out.writeUInt16LE(features.width, 0);
  out.writeUInt16LE(features.height, 2);
  out.writeUInt16LE(n, 4);
  Buffer.from(features.points.buffer, features.points.byteOffset, n * 8).copy(out, 8);
  Buffer.from(features.descriptors.buffer, features.descriptors.byteOffset, n * DESCRIPTOR_BYTES).copy(out, 8 + n * 8);
  return out;
}

export function decodeFeatures(bytes: Uint8Array): LocalFeatures {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const width = buffer.readUInt16LE(0);
  const height = buffer.readUInt16LE(2);
  const n = buffer.readUInt16LE(4);
  const points = new Float32Array(n * 2);
  Buffer.from(points.buffer).set(buffer.subarray(8, 8 + n * 8));
  const descriptors = new Uint8Array(buffer.subarray(8 + n * 8, 8 + n * 8 + n * DESCRIPTOR_BYTES));
  return { width, height, points, descriptors };
}

export function encodeWords(words: Uint32Array): Buffer {
  return Buffer.from(new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
}

export function decodeWords(bytes: Uint8Array): Uint32Array {
  const words = new Uint32Array(bytes.length / 4);
  new Uint8Array(words.buffer).set(bytes);
  return words;
}
