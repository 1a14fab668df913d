import { decodeGrey, decodeGreyRegion, MIN_SIDE } from './decode.ts';
import { DESCRIPTOR_BYTES, extractLocalFeatures, FEATURE_SIDE, type LocalFeatures } from './features.ts';
import { photoRegions, type Region } from './regions.ts';
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
 * Queries are read like registry photos (640 px, 500 keypoints): reading the whole query larger (1024 px, 800
 * keypoints) was measured worse, since the extra keypoints land on page text (docs/matching.md). Instead, photo-like
 * rectangles of the query (`regions.ts`: a photo in a screenshot of a market page, a photo on a border) are read
 * again at their own resolution and their keypoints join the whole image's (query expansion), when that reads the
 * rectangle at least REGION_MIN_GAIN times larger than the whole image did.
 */
export const QUERY_SIDE = FEATURE_SIDE;
export const QUERY_KEYPOINTS = 500;
export const QUERY_REGIONS = 2;
export const REGION_MIN_GAIN = 1.3;

export interface QueryReading {
  /** Keypoints of the whole query (default QUERY_KEYPOINTS). */
  keypoints?: number;
  /** Photo-like regions read again (default QUERY_REGIONS; 0 reads the whole image only). */
  regions?: number;
  /** Smallest resolution gain for a region to be read again (default REGION_MIN_GAIN). */
  minGain?: number;
  /** Largest share of the image a region may cover (default MAX_REGION_SHARE). */
  maxShare?: number;
}

/** The keypoints of a region's reading, moved into the whole image's pixel frame and appended to it. */
export function appendRegion(whole: LocalFeatures, part: LocalFeatures, region: Region): LocalFeatures {
  const n = whole.points.length / 2;
  const m = part.points.length / 2;
  const points = new Float32Array((n + m) * 2);
  points.set(whole.points);
  const sx = (region.width * whole.width) / part.width;
  const sy = (region.height * whole.height) / part.height;
  for (let i = 0; i < m; i++) {
    points[(n + i) * 2] = region.x * whole.width + part.points[i * 2]! * sx;
    points[(n + i) * 2 + 1] = region.y * whole.height + part.points[i * 2 + 1]! * sy;
  }
  const descriptors = new Uint8Array(whole.descriptors.length + part.descriptors.length);
  descriptors.set(whole.descriptors);
  descriptors.set(part.descriptors, whole.descriptors.length);
  return { width: whole.width, height: whole.height, points, descriptors };
}

export async function fingerprintImage(bytes: Uint8Array, role: 'registry' | 'query' = 'registry', reading: QueryReading = {}): Promise<Fingerprint> {
  const grey = await decodeGrey(bytes, role === 'query' ? QUERY_SIDE : FEATURE_SIDE);
  let features = await extractLocalFeatures(grey, role === 'query' ? (reading.keypoints ?? QUERY_KEYPOINTS) : undefined);
  if (role === 'query') {
    const source = { width: grey.sourceWidth, height: grey.sourceHeight };
    for (const region of photoRegions(grey, reading.regions ?? QUERY_REGIONS, reading.maxShare)) {
      const wholeSide = Math.max(region.width * grey.width, region.height * grey.height);
      const ownSide = Math.min(QUERY_SIDE, Math.max(region.width * source.width, region.height * source.height));
      if (ownSide < wholeSide * (reading.minGain ?? REGION_MIN_GAIN)) continue;
      // Defensive (photoRegions' 4 % and 4:1 rules keep rectangles above this): a rectangle too small to read on its
      // own is skipped, never an error for the query.
      if (Math.min(region.width * source.width, region.height * source.height) < 2 * MIN_SIDE) continue;
      const part = await extractLocalFeatures(await decodeGreyRegion(bytes, source, region, QUERY_SIDE), QUERY_KEYPOINTS);
      features = appendRegion(features, part, region);
    }
  }
  return {
    version: FINGERPRINT_VERSION,
    sourceWidth: grey.sourceWidth,
    sourceHeight: grey.sourceHeight,
    features,
    words: visualWords(features.descriptors),
  };
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
