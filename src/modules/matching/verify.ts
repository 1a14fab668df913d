import { opencv, type CV } from './opencv.ts';
import { nearestTwo } from './hamming-wasm.ts';
import { DESCRIPTOR_BYTES, keypointCount, type LocalFeatures } from './features.ts';

export type Verdict = 'strong' | 'possible' | 'none';

/**
 * Verdict thresholds on RANSAC inliers of a consistent homography, set with `npm run bench -- match`
 * (docs/matching.md: false strong 1 of 223 queries, a shared rendered caption).
 */
export const STRONG_INLIERS = 30;
export const POSSIBLE_INLIERS = 12;
const RATIO = 0.8;
const REPROJECTION_PX = 6;
/** Largest Hamming distance (of 256 bits) of a tentative correspondence. */
const MAX_HAMMING = 80;

export interface MatchedRegions {
  /** Inlier keypoints in the query image, x/y as fractions of its width/height (0–1), for drawing. */
  query: Array<[number, number]>;
  /** The same inliers in the candidate photo, as fractions of its width/height. */
  candidate: Array<[number, number]>;
  /** The candidate photo's frame projected into the query (4 corners, fractions), when the homography is sane. */
  box: Array<[number, number]> | null;
}

export interface Verification {
  inliers: number;
  matches: number;
  /** Cells of a 4 × 4 grid over the candidate photo holding at least one inlier (0–16). */
  cells: number;
  /** Area of the candidate's inliers' bounding box, as a share of the candidate photo (0–1). */
  area: number;
  /** Standard deviation of the candidate's inliers across their thinnest direction, in fractions of the photo. */
  thickness: number;
  verdict: Verdict;
  regions: MatchedRegions;
}

/**
 * A strong match needs its inliers spread over at least this many cells of a 4 × 4 grid over the candidate photo:
 * the same rendered words in two different images (a seal mark, a caption, a museum's logo) give a consistent
 * homography with 30+ inliers packed in one or two cells; the same object almost always covers more (harness at
 * 1,000 distractors: the one unrelated pair with 30+ inliers covered 2 cells, 4 of 130 true pairs fewer than 4 — the
 * museum logo in a crop, which stays "possible"). A long line of text crossing a grid line can still reach 4.
 */
export const STRONG_MIN_CELLS = 4;
/**
 * …and a bounding box of at least 5 % of the candidate photo. At 10,000 distractors one unrelated pair (shared
 * rendered text) reached 31 inliers over 4 cells in 2.1 % of the photo; every true pair with 4+ cells covered ≥ 9.7 %.
 */
export const STRONG_MIN_AREA = 0.05;

export function verdictFor(inliers: number, cells = 16, area = 1): Verdict {
  if (inliers >= STRONG_INLIERS && cells >= STRONG_MIN_CELLS && area >= STRONG_MIN_AREA) return 'strong';
  if (inliers >= POSSIBLE_INLIERS) return 'possible';
  return 'none';
}

/** Smallest share of the candidate photo the inliers' bounding box must cover. */
const MIN_SPREAD = 0.01;

function spread(points: Array<[number, number]>): number {
  if (points.length === 0) return 0;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
}

/** Occupied cells of a 4 × 4 grid, points as 0–1 fractions. */
export function gridCells(points: Array<[number, number]>): number {
  let occupied = 0;
  for (const [x, y] of points) {
    const cx = Math.min(3, Math.max(0, Math.floor(x * 4)));
    const cy = Math.min(3, Math.max(0, Math.floor(y * 4)));
    occupied |= 1 << (cy * 4 + cx);
  }
  let count = 0;
  for (; occupied; occupied &= occupied - 1) count++;
  return count;
}

/** Spread of points (0–1 fractions) along their thinnest direction: √ of the smaller eigenvalue of their covariance. */
export function thickness(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  let mx = 0, my = 0;
  for (const [x, y] of points) { mx += x; my += y; }
  mx /= n; my /= n;
  let sxx = 0, syy = 0, sxy = 0;
  for (const [x, y] of points) { sxx += (x - mx) ** 2; syy += (y - my) ** 2; sxy += (x - mx) * (y - my); }
  sxx /= n; syy /= n; sxy /= n;
  const half = (sxx + syy) / 2;
  const minor = half - Math.sqrt(((sxx - syy) / 2) ** 2 + sxy ** 2);
  return Math.sqrt(Math.max(0, minor));
}

const noMatch = (matches = 0): Verification => ({ inliers: 0, matches, cells: 0, area: 0, thickness: 0, verdict: 'none', regions: { query: [], candidate: [], box: null } });

/** A projected frame that folds over or collapses is not a photograph of the same thing. */
function saneQuadrilateral(corners: Array<[number, number]>, width: number, height: number): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = corners[i]!;
    const [bx, by] = corners[(i + 1) % 4]!;
    const [cx, cy] = corners[(i + 2) % 4]!;
    const cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
    const s = Math.sign(cross);
    if (s === 0) return false;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  let area = 0;
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = corners[i]!;
    const [bx, by] = corners[(i + 1) % 4]!;
    area += ax * by - bx * ay;
  }
  area = Math.abs(area) / 2;
  return area > width * height * 0.0025;
}

/** Set bits of a 32-bit integer. */
function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** The descriptors as 8 int32 words each (a view when aligned, else a copy; cached per descriptor array). */
const wordViews = new WeakMap<Uint8Array, Int32Array>();
function descriptorWords(descriptors: Uint8Array): Int32Array {
  let view = wordViews.get(descriptors);
  if (!view) {
    const n = Math.floor(descriptors.length / 4);
    view = descriptors.byteOffset % 4 === 0 ? new Int32Array(descriptors.buffer, descriptors.byteOffset, n) : new Int32Array(new Uint8Array(descriptors.subarray(0, n * 4)).buffer);
    wordViews.set(descriptors, view);
  }
  return view;
}

/**
 * Tentative correspondences [query index, candidate index]: for each query descriptor, its nearest and second
 * nearest candidate descriptors by Hamming distance (brute force); kept when the nearest is under RATIO × the second
 * (Lowe's ratio test) and at most MAX_HAMMING, each candidate descriptor used once (first query descriptor wins).
 * Exactly what OpenCV's BFMatcher(NORM_HAMMING).knnMatch(k = 2) followed by the same test gave (equal distances
 * fail the ratio test either way, so ties cannot pick a different pair; test/matching/method.test.ts compares the
 * two), in plain JavaScript: 8 popcounts of 32 bits per pair instead of WASM's byte table plus reading 2 DMatch
 * objects per query descriptor back through embind, ~2× faster here (docs/matching.md).
 */
export function ratioTestPairs(query: LocalFeatures, candidate: LocalFeatures): Array<[number, number]> {
  const nq = keypointCount(query);
  const nc = keypointCount(candidate);
  const a = descriptorWords(query.descriptors);
  const b = descriptorWords(candidate.descriptors);
  const nearest = new Int32Array(nq * 3);
  for (let i = 0; i < nq; i++) {
    const o = i * 8;
    const a0 = a[o]!, a1 = a[o + 1]!, a2 = a[o + 2]!, a3 = a[o + 3]!, a4 = a[o + 4]!, a5 = a[o + 5]!, a6 = a[o + 6]!, a7 = a[o + 7]!;
    let best = 257;
    let second = 257;
    let bestJ = -1;
    for (let j = 0, p = 0; j < nc; j++, p += 8) {
      const d = popcount32(a0 ^ b[p]!) + popcount32(a1 ^ b[p + 1]!) + popcount32(a2 ^ b[p + 2]!) + popcount32(a3 ^ b[p + 3]!)
        + popcount32(a4 ^ b[p + 4]!) + popcount32(a5 ^ b[p + 5]!) + popcount32(a6 ^ b[p + 6]!) + popcount32(a7 ^ b[p + 7]!);
      if (d < best) { second = best; best = d; bestJ = j; } else if (d < second) second = d;
    }
    nearest[i * 3] = best;
    nearest[i * 3 + 1] = second;
    nearest[i * 3 + 2] = bestJ;
  }
  return ratioTest(nearest, nq, nc);
}

/**
 * Lowe's ratio test over each query descriptor's nearest and second-nearest distance and the nearest's index (3 ×
 * int32 per query descriptor, as `nearestTwo` gives them): kept when the nearest is under RATIO × the second and at
 * most MAX_HAMMING, each candidate descriptor used once (first query descriptor wins).
 */
function ratioTest(nearest: Int32Array, nq: number, nc: number): Array<[number, number]> {
  const used = new Uint8Array(nc);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < nq; i++) {
    const best = nearest[i * 3]!;
    const second = nearest[i * 3 + 1]!;
    const bestJ = nearest[i * 3 + 2]!;
    if (bestJ >= 0 && nc >= 2 && best < RATIO * second && best <= MAX_HAMMING && !used[bestJ]) {
      used[bestJ] = 1;
      pairs.push([i, bestJ]);
    }
  }
  return pairs;
}

/**
 * The same correspondences by OpenCV's BFMatcher(NORM_HAMMING).knnMatch(k = 2) and the ratio test: how verifyPair
 * matched before `ratioTestPairs`, kept as its reference (tests) and for the harness's same-run comparison.
 */
export function openCvRatioTestPairs(cv: CV, query: LocalFeatures, candidate: LocalFeatures): Array<[number, number]> {
  const queryMat = cv.matFromArray(keypointCount(query), DESCRIPTOR_BYTES, cv.CV_8UC1, query.descriptors);
  const candidateMat = cv.matFromArray(keypointCount(candidate), DESCRIPTOR_BYTES, cv.CV_8UC1, candidate.descriptors);
  const matcher = new cv.BFMatcher(cv.NORM_HAMMING, false);
  const knn = new cv.DMatchVectorVector();
  const pairs: Array<[number, number]> = [];
  try {
    matcher.knnMatch(queryMat, candidateMat, knn, 2);
    const seen = new Set<number>();
    for (let i = 0; i < knn.size(); i++) {
      const m = knn.get(i);
      try {
        if (m.size() < 2) continue;
        const best = m.get(0);
        const second = m.get(1);
        if (best.distance < RATIO * second.distance && best.distance <= MAX_HAMMING && !seen.has(best.trainIdx)) {
          seen.add(best.trainIdx);
          pairs.push([best.queryIdx, best.trainIdx]);
        }
      } finally {
        m.delete();
      }
    }
  } finally {
    queryMat.delete();
    candidateMat.delete();
    matcher.delete();
    knn.delete();
  }
  return pairs;
}

/** Which implementation finds the correspondences: the same pairs from each; 'wasm' is the fastest, 'opencv' the reference. */
export type Matcher = 'wasm' | 'javascript' | 'opencv';

/**
 * `ratioTestPairs` with the distances computed in WebAssembly (`hamming-wasm.ts`: 4 `i64.popcnt` per pair): the same
 * nearest and second-nearest per query descriptor, the same ratio test and one-use rule, so the same pairs.
 */
export function ratioTestPairsWasm(query: LocalFeatures, candidate: LocalFeatures): Array<[number, number]> {
  const nq = keypointCount(query);
  const nc = keypointCount(candidate);
  return ratioTest(nearestTwo(query.descriptors.subarray(0, nq * DESCRIPTOR_BYTES), candidate.descriptors.subarray(0, nc * DESCRIPTOR_BYTES)), nq, nc);
}

/** Time spent in each step of verifyPair (ms), for the harness's profile. */
export interface VerifyTiming { matchMs: number; geometryMs: number }

/**
 * How the homography is estimated from the correspondences: OpenCV's USAC (default: its SPRT test drops a hopeless
 * hypothesis after a few points, and local optimisation refines the best) or classic RANSAC. Both with the same 6 px
 * threshold, 2,000 iterations at most and 0.995 confidence. RANSAC ran its full ~1,000–2,000 iterations on every
 * unrelated candidate with 12–25 chance correspondences (4–70 ms each at load 6, ~0 inliers in the end), the largest
 * part of a not-found query's time; USAC gave the same inliers on true pairs in ~1/20 of the time (docs/matching.md).
 */
export type Estimator = 'usac' | 'ransac';
export const HOMOGRAPHY_ESTIMATOR: Estimator = 'usac';

export interface VerifyOptions {
  /** Added to (ms). */
  timing?: VerifyTiming;
  /** Default 'wasm'. */
  matcher?: Matcher;
  /** Default HOMOGRAPHY_ESTIMATOR. */
  estimator?: Estimator;
}

/**
 * Geometric verification: ORB descriptors matched by Hamming distance (2-NN, Lowe ratio 0.8, `ratioTestPairs`), then
 * a robust homography (6 px, OpenCV USAC by default, see Estimator) mapping the candidate into the query. Every Mat is freed. `timing`, when given,
 * is added to.
 */
export async function verifyPair(query: LocalFeatures, candidate: LocalFeatures, options: VerifyOptions = {}): Promise<Verification> {
  const { timing, matcher = 'wasm', estimator = HOMOGRAPHY_ESTIMATOR } = options;
  const nq = keypointCount(query);
  const nc = keypointCount(candidate);
  if (nq < 4 || nc < 4) return noMatch();
  const { cv } = await opencv();
  const matchStarted = performance.now();
  const pairs = matcher === 'opencv' ? openCvRatioTestPairs(cv, query, candidate) : matcher === 'javascript' ? ratioTestPairs(query, candidate) : ratioTestPairsWasm(query, candidate);
  const geometryStarted = performance.now();
  if (timing) timing.matchMs += geometryStarted - matchStarted;
  try {
    return geometry(cv, query, candidate, pairs, estimator);
  } finally {
    if (timing) timing.geometryMs += performance.now() - geometryStarted;
  }
}

function geometry(cv: CV, query: LocalFeatures, candidate: LocalFeatures, pairs: Array<[number, number]>, estimator: Estimator): Verification {
  if (pairs.length < POSSIBLE_INLIERS) return noMatch(pairs.length);
  const source = new Float32Array(pairs.length * 2);
  const target = new Float32Array(pairs.length * 2);
  pairs.forEach(([q, c], i) => {
    source[i * 2] = candidate.points[c * 2]!;
    source[i * 2 + 1] = candidate.points[c * 2 + 1]!;
    target[i * 2] = query.points[q * 2]!;
    target[i * 2 + 1] = query.points[q * 2 + 1]!;
  });
  const sourceMat = cv.matFromArray(pairs.length, 1, cv.CV_32FC2, source);
  const targetMat = cv.matFromArray(pairs.length, 1, cv.CV_32FC2, target);
  const mask = new cv.Mat();
  let homography: { delete(): void; empty(): boolean; data64F: Float64Array } | undefined;
  try {
    homography = cv.findHomography(sourceMat, targetMat, estimator === 'usac' ? cv.USAC_DEFAULT : cv.RANSAC, REPROJECTION_PX, mask, 2000, 0.995);
    if (!homography || homography.empty()) return noMatch(pairs.length);
    const h = Array.from(homography.data64F);
    const project = (x: number, y: number): [number, number] => {
      const w = h[6]! * x + h[7]! * y + h[8]!;
      return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
    };
    const corners = [project(0, 0), project(candidate.width, 0), project(candidate.width, candidate.height), project(0, candidate.height)];
    const sane = corners.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)) && saneQuadrilateral(corners, query.width, query.height);
    const flags = mask.data as Uint8Array;
    const regions: MatchedRegions = { query: [], candidate: [], box: null };
    let inliers = 0;
    pairs.forEach(([q, c], i) => {
      if (!flags[i]) return;
      inliers++;
      regions.query.push([query.points[q * 2]! / query.width, query.points[q * 2 + 1]! / query.height]);
      regions.candidate.push([candidate.points[c * 2]! / candidate.width, candidate.points[c * 2 + 1]! / candidate.height]);
    });
    // Inliers packed in a tiny patch are a repeated detail (the same font's glyphs, a logo), not the same object.
    const cells = gridCells(regions.candidate);
    const thin = thickness(regions.candidate);
    const area = spread(regions.candidate);
    if (!sane || area < MIN_SPREAD || spread(regions.query) < MIN_SPREAD / 4) return { inliers: 0, matches: pairs.length, cells, area, thickness: thin, verdict: 'none', regions };
    regions.box = corners.map(([x, y]) => [x / query.width, y / query.height]);
    return { inliers, matches: pairs.length, cells, area, thickness: thin, verdict: verdictFor(inliers, cells, area), regions };
  } finally {
    sourceMat.delete();
    targetMat.delete();
    mask.delete();
    homography?.delete();
  }
}
