import { DESCRIPTOR_BYTES, keypointCount, type LocalFeatures } from './features.ts';
import { nearestTwo } from './hamming-wasm.ts';
import { type CV, opencv } from './opencv.ts';

export type Verdict = 'strong' | 'possible' | 'none';

/**
 * Verdict thresholds on the inliers of a consistent homography, set with `npm run bench -- match`
 * (docs/matching.md: false strong 1 of 223 queries, a shared rendered caption).
 */
export const STRONG_INLIERS = 30;
export const POSSIBLE_INLIERS = 12;
/** Lowe's ratio: the nearest descriptor must be closer than this share of the second nearest. */
export const RATIO = 0.8;
/** Largest Hamming distance (of 256 bits) of a tentative correspondence. */
export const MAX_HAMMING = 80;
/** Homography estimation: inlier threshold (px of the query), at most this many iterations, this confidence. */
export const REPROJECTION_PX = 6;
export const HOMOGRAPHY_ITERATIONS = 2000;
export const HOMOGRAPHY_CONFIDENCE = 0.995;

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
  let mx = 0,
    my = 0;
  for (const [x, y] of points) {
    mx += x;
    my += y;
  }
  mx /= n;
  my /= n;
  let sxx = 0,
    syy = 0,
    sxy = 0;
  for (const [x, y] of points) {
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
    sxy += (x - mx) * (y - my);
  }
  sxx /= n;
  syy /= n;
  sxy /= n;
  const half = (sxx + syy) / 2;
  const minor = half - Math.sqrt(((sxx - syy) / 2) ** 2 + sxy ** 2);
  return Math.sqrt(Math.max(0, minor));
}

const noMatch = (matches = 0): Verification => ({
  inliers: 0,
  matches,
  cells: 0,
  area: 0,
  thickness: 0,
  verdict: 'none',
  regions: { query: [], candidate: [], box: null },
});

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

/**
 * Lowe's ratio test over each query descriptor's nearest and second-nearest distance and the nearest's index (3 ×
 * int32 per query descriptor, as `nearestTwo` gives them): kept when the nearest is under RATIO × the second and at
 * most MAX_HAMMING, each candidate descriptor used once (first query descriptor wins).
 */
export function ratioTest(nearest: Int32Array, nq: number, nc: number): Array<[number, number]> {
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
 * Tentative correspondences [query index, candidate index]: for each query descriptor, its nearest and second
 * nearest candidate descriptors by Hamming distance, brute force in WebAssembly (`hamming-wasm.ts`, source
 * `hamming.wat`: 4 `i64.popcnt` per pair); kept by the ratio test (`ratioTest`). Exactly the pairs of OpenCV's
 * BFMatcher(NORM_HAMMING).knnMatch(k = 2) with the same test and of the plain JavaScript loop that came between
 * (equal distances fail the ratio test either way, so ties cannot pick a different pair): both are kept as references
 * in bench/reference/matchers.ts, and test/matching/method.test.ts compares the three.
 */
export function ratioTestPairs(query: LocalFeatures, candidate: LocalFeatures): Array<[number, number]> {
  const nq = keypointCount(query);
  const nc = keypointCount(candidate);
  return ratioTest(
    nearestTwo(query.descriptors.subarray(0, nq * DESCRIPTOR_BYTES), candidate.descriptors.subarray(0, nc * DESCRIPTOR_BYTES)),
    nq,
    nc,
  );
}

/** Time spent in each step of verifyPair (ms), for the harness's profile. */
export interface VerifyTiming {
  matchMs: number;
  geometryMs: number;
}

/** What `verifyPair` is: the harness ranks with its reference verifications through this shape (rank.ts). */
export type PairVerifier = (query: LocalFeatures, candidate: LocalFeatures, timing?: VerifyTiming) => Promise<Verification>;

/** A homography of the candidate's points onto the query's, with the inliers flagged in `mask` (a CV_8U Mat). */
export type HomographyEstimate = (cv: CV, source: CvMat, target: CvMat, mask: CvMat) => CvMat | undefined;
export type CvMat = any;

/**
 * OpenCV's USAC (`USAC_DEFAULT`): its SPRT test drops a hopeless hypothesis after a few points, and local optimisation
 * refines the best; 6 px, 2,000 iterations at most, 0.995 confidence. Classic RANSAC (kept as a reference in
 * bench/reference/matchers.ts) ran its full ~1,000–2,000 iterations on every unrelated candidate with 12–25 chance
 * correspondences (4–70 ms each at load 6, ~0 inliers in the end), the largest part of a not-found query's time; USAC
 * gave the same inliers on true pairs in ~1/20 of the time (docs/matching.md).
 */
export const usacHomography: HomographyEstimate = (cv, source, target, mask) =>
  cv.findHomography(source, target, cv.USAC_DEFAULT, REPROJECTION_PX, mask, HOMOGRAPHY_ITERATIONS, HOMOGRAPHY_CONFIDENCE);

/**
 * Geometric verification: ORB descriptors matched by Hamming distance (2-NN, Lowe ratio 0.8, `ratioTestPairs`), then
 * a robust homography (USAC, 6 px) mapping the candidate into the query. Every Mat is freed. `timing`, when given,
 * is added to.
 */
export async function verifyPair(query: LocalFeatures, candidate: LocalFeatures, timing?: VerifyTiming): Promise<Verification> {
  if (keypointCount(query) < 4 || keypointCount(candidate) < 4) return noMatch();
  const { cv } = await opencv();
  const matchStarted = performance.now();
  const pairs = ratioTestPairs(query, candidate);
  if (timing) timing.matchMs += performance.now() - matchStarted;
  return verifyCorrespondences(cv, query, candidate, pairs, usacHomography, timing);
}

/**
 * The geometric half of `verifyPair` for given correspondences and homography estimator: the harness's references
 * (bench/reference/matchers.ts) verify with it, so they differ from the method in what they replace and nothing else.
 */
export function verifyCorrespondences(
  cv: CV,
  query: LocalFeatures,
  candidate: LocalFeatures,
  pairs: Array<[number, number]>,
  estimate: HomographyEstimate,
  timing?: VerifyTiming,
): Verification {
  const started = performance.now();
  try {
    return geometry(cv, query, candidate, pairs, estimate);
  } finally {
    if (timing) timing.geometryMs += performance.now() - started;
  }
}

function geometry(
  cv: CV,
  query: LocalFeatures,
  candidate: LocalFeatures,
  pairs: Array<[number, number]>,
  estimate: HomographyEstimate,
): Verification {
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
    homography = estimate(cv, sourceMat, targetMat, mask);
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
    if (!sane || area < MIN_SPREAD || spread(regions.query) < MIN_SPREAD / 4)
      return { inliers: 0, matches: pairs.length, cells, area, thickness: thin, verdict: 'none', regions };
    regions.box = corners.map(([x, y]) => [x / query.width, y / query.height]);
    return { inliers, matches: pairs.length, cells, area, thickness: thin, verdict: verdictFor(inliers, cells, area), regions };
  } finally {
    sourceMat.delete();
    targetMat.delete();
    mask.delete();
    homography?.delete();
  }
}
