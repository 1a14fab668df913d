// Reference implementations of the two steps of geometric verification that the method (src/modules/matching/
// verify.ts) replaced, kept for the harness's same-run comparisons (`npm run bench -- match --matcher …
// --estimator … --compare-verification --compare`) and for the tests that the method's matcher gives their pairs
// (test/matching/method.test.ts, test/matching/hamming-wasm.test.ts). Not used by the server.
//
// - Descriptor matching: OpenCV's BFMatcher(NORM_HAMMING).knnMatch(k = 2) with Lowe's ratio test (how verification
//   matched first), and the same 2-NN in plain JavaScript (8 popcounts of 32 bits per pair, ~2× faster than OpenCV,
//   which the WebAssembly kernel then beat 5–7×). All three give the same pairs.
// - Homography: classic RANSAC (how verification estimated until USAC; same threshold, iterations and confidence).

import { DESCRIPTOR_BYTES, keypointCount, type LocalFeatures } from '../../src/modules/matching/features.ts';
import { type CV, opencv } from '../../src/modules/matching/opencv.ts';
import {
  HOMOGRAPHY_CONFIDENCE,
  HOMOGRAPHY_ITERATIONS,
  type HomographyEstimate,
  MAX_HAMMING,
  type PairVerifier,
  RATIO,
  REPROJECTION_PX,
  ratioTest,
  ratioTestPairs,
  usacHomography,
  verifyCorrespondences,
  verifyPair,
} from '../../src/modules/matching/verify.ts';

/** Descriptor matching: 'wasm' is the method's (`ratioTestPairs`); the others give the same pairs, slower. */
export type Matcher = 'wasm' | 'javascript' | 'opencv';
/** Homography estimation: 'usac' is the method's; 'ransac' is classic RANSAC. */
export type Estimator = 'usac' | 'ransac';
export const MATCHERS: readonly Matcher[] = ['wasm', 'javascript', 'opencv'];
export const ESTIMATORS: readonly Estimator[] = ['usac', 'ransac'];

/** Set bits of a 32-bit integer. */
function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The descriptors as 8 int32 words each (a view when aligned, else a copy; cached per descriptor array). */
const wordViews = new WeakMap<Uint8Array, Int32Array>();
function descriptorWords(descriptors: Uint8Array): Int32Array {
  let view = wordViews.get(descriptors);
  if (!view) {
    const n = Math.floor(descriptors.length / 4);
    view =
      descriptors.byteOffset % 4 === 0
        ? new Int32Array(descriptors.buffer, descriptors.byteOffset, n)
        : new Int32Array(new Uint8Array(descriptors.subarray(0, n * 4)).buffer);
    wordViews.set(descriptors, view);
  }
  return view;
}

/**
 * What the WebAssembly kernel computes (`nearestTwo` in hamming-wasm.ts), in plain JavaScript: for each of nq query
 * descriptors [nearest distance, second-nearest distance, nearest index] over nc candidate descriptors (257 / -1 when
 * there are none), strict comparisons, first index wins.
 */
export function nearestTwoJavaScript(query: Uint8Array, candidate: Uint8Array): Int32Array {
  const nq = Math.floor(query.length / DESCRIPTOR_BYTES);
  const nc = Math.floor(candidate.length / DESCRIPTOR_BYTES);
  const a = descriptorWords(query);
  const b = descriptorWords(candidate);
  const nearest = new Int32Array(nq * 3);
  for (let i = 0; i < nq; i++) {
    const o = i * 8;
    const a0 = a[o]!,
      a1 = a[o + 1]!,
      a2 = a[o + 2]!,
      a3 = a[o + 3]!,
      a4 = a[o + 4]!,
      a5 = a[o + 5]!,
      a6 = a[o + 6]!,
      a7 = a[o + 7]!;
    let best = 257;
    let second = 257;
    let bestJ = -1;
    for (let j = 0, p = 0; j < nc; j++, p += 8) {
      const d =
        popcount32(a0 ^ b[p]!) +
        popcount32(a1 ^ b[p + 1]!) +
        popcount32(a2 ^ b[p + 2]!) +
        popcount32(a3 ^ b[p + 3]!) +
        popcount32(a4 ^ b[p + 4]!) +
        popcount32(a5 ^ b[p + 5]!) +
        popcount32(a6 ^ b[p + 6]!) +
        popcount32(a7 ^ b[p + 7]!);
      if (d < best) {
        second = best;
        best = d;
        bestJ = j;
      } else if (d < second) second = d;
    }
    nearest[i * 3] = best;
    nearest[i * 3 + 1] = second;
    nearest[i * 3 + 2] = bestJ;
  }
  return nearest;
}

/** The method's correspondences with the 2-NN in plain JavaScript (`ratioTestPairs` before the WebAssembly kernel). */
export function ratioTestPairsJavaScript(query: LocalFeatures, candidate: LocalFeatures): Array<[number, number]> {
  const nq = keypointCount(query);
  const nc = keypointCount(candidate);
  return ratioTest(
    nearestTwoJavaScript(query.descriptors.subarray(0, nq * DESCRIPTOR_BYTES), candidate.descriptors.subarray(0, nc * DESCRIPTOR_BYTES)),
    nq,
    nc,
  );
}

/**
 * The same correspondences by OpenCV's BFMatcher(NORM_HAMMING).knnMatch(k = 2) and its own ratio test (the same
 * RATIO and MAX_HAMMING, each candidate descriptor used once): how verifyPair matched first.
 */
export function ratioTestPairsOpenCv(cv: CV, query: LocalFeatures, candidate: LocalFeatures): Array<[number, number]> {
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

/** Classic RANSAC with the method's threshold, iterations and confidence. */
export const ransacHomography: HomographyEstimate = (cv, source, target, mask) =>
  cv.findHomography(source, target, cv.RANSAC, REPROJECTION_PX, mask, HOMOGRAPHY_ITERATIONS, HOMOGRAPHY_CONFIDENCE);

/**
 * A verification like `verifyPair` with the chosen matcher and estimator (the rest — inliers, grid, spread, verdict —
 * is the method's own `verifyCorrespondences`); the method itself for 'wasm' + 'usac'. For RankOptions.verify.
 */
export function referenceVerifier(matcher: Matcher, estimator: Estimator): PairVerifier {
  if (matcher === 'wasm' && estimator === 'usac') return verifyPair;
  const estimate = estimator === 'ransac' ? ransacHomography : usacHomography;
  return async (query, candidate, timing) => {
    const { cv } = await opencv();
    // As verifyPair: fewer than 4 keypoints on either side is no match, with no correspondences counted.
    if (keypointCount(query) < 4 || keypointCount(candidate) < 4) return verifyCorrespondences(cv, query, candidate, [], estimate);
    const started = performance.now();
    const pairs =
      matcher === 'opencv'
        ? ratioTestPairsOpenCv(cv, query, candidate)
        : matcher === 'javascript'
          ? ratioTestPairsJavaScript(query, candidate)
          : ratioTestPairs(query, candidate);
    if (timing) timing.matchMs += performance.now() - started;
    return verifyCorrespondences(cv, query, candidate, pairs, estimate, timing);
  };
}
