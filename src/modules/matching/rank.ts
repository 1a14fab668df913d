import type { Candidate, CandidateIndex } from './candidate-index.ts';
import type { LocalFeatures } from './features.ts';
import { DESCRIPTOR_BYTES } from './features.ts';
import type { Fingerprint } from './fingerprint.ts';
import { type MatchedRegions, type PairVerifier, type Verdict, type Verification, type VerifyTiming, verifyPair } from './verify.ts';
import { visualWords } from './words.ts';

export interface RankedMatch {
  /** The photo's key (its sha256). */
  key: string;
  /** 0–1: inliers / (inliers + 20) for verified candidates; 0 when geometry failed. */
  score: number;
  verdict: Verdict;
  inliers: number;
  /** Stage-one (visual-word) score, for diagnostics. */
  retrieval: number;
  regions: MatchedRegions;
}

/**
 * Verification stops once a candidate has this many inliers (twice the strong threshold): the query is found, and
 * the rest of the shortlist is returned in stage-one order, unverified (verdict "none"). Brute-force descriptor
 * matching was half of all CPU time in the harness profile; most found queries are settled by their first 1–3
 * candidates. Stopping early can only remove other candidates' verdicts, never add a false strong one.
 */
export const EARLY_STOP_INLIERS = 60;

export interface RankOptions {
  top?: number;
  /** How many stage-one candidates are verified geometrically (default 20). */
  shortlist?: number;
  /**
   * At most this many of the shortlist's candidates (in stage-one order) are verified (default VERIFY_AT_MOST); the
   * rest are returned unverified. The shortlist itself still fills the ranking.
   */
  verifyAtMost?: number;
  /** Inliers that end verification early (default EARLY_STOP_INLIERS; Infinity verifies the whole shortlist). */
  earlyStopInliers?: number;
  accept?: (key: string) => boolean;
  /** Candidates sharing fewer visual words with the query are not verified (default MIN_SHARED_WORDS). */
  minSharedWords?: number;
  /** Called with each verified candidate (the harness records the inlier distribution). */
  onVerified?: (candidate: Candidate, verification: Verification) => void;
  /** Added to: time spent matching descriptors and estimating the homography (the harness's profile; this thread only). */
  timing?: VerifyTiming;
  /** Candidates each query window adds to the shortlist (default WINDOW_CANDIDATES; see shortlistFor). */
  windows?: number;
  /**
   * Verifies one candidate (default `verifyPair`, the method). Only the harness passes another: its reference
   * verifications (bench/reference/matchers.ts), for same-run comparisons. This thread only (a pool refuses it).
   */
  verify?: PairVerifier;
}

/**
 * A candidate sharing fewer visual words than this with the query is left unverified. Off (0): the harness found
 * unrelated shortlisted photos sharing as many words as true matches (unrelated p5 17, true minimum 12 at 1,000
 * distractors), so no count separates them (docs/matching.md).
 */
export const MIN_SHARED_WORDS = 0;

/**
 * Candidates verified per query, in stage-one order (the whole shortlist of 20 by default). Queries that find nothing
 * verify all of them, which sets the p95; verifying only the first 8 cut the harness's p95 by ~40 % (1,000
 * distractors) but lost box-in-scene, whose box is a small part of a cluttered scene and comes 13th-20th at stage
 * one (docs/matching.md, choices measured). Callers that need speed over such queries can pass a smaller number.
 */
export const VERIFY_AT_MOST = Infinity;

/** Stage one's result: the best candidates, best first, with the local features of those that have them. */
export interface Shortlist {
  candidates: Candidate[];
  features: Map<string, LocalFeatures>;
}

/**
 * Windows of the query (fractions of its frame: x, y, width, height) whose keypoints are also searched on their own:
 * the four quarters and the centre. An object that fills a small part of a cluttered scene (box-in-scene) shares
 * few words with its registry photo, as many as an unrelated photo shares with the whole scene by chance; among
 * the words of the window it lies in, the chance matches are a quarter as many, and it stands out (docs/matching.md).
 */
export const QUERY_WINDOWS: ReadonlyArray<readonly [number, number, number, number]> = [
  [0, 0, 0.5, 0.5],
  [0.5, 0, 0.5, 0.5],
  [0, 0.5, 0.5, 0.5],
  [0.5, 0.5, 0.5, 0.5],
  [0.25, 0.25, 0.5, 0.5],
];
/**
 * Candidates each window adds to the shortlist (those not already in it); 0 turns window search off. With 3, the
 * harness at 10,000 distractors finds box-in-scene at rank 1 (it was 83rd at stage one), with every other recall and
 * the false strong count unchanged; it costs every query five more index searches and up to 15 more verifications:
 * at 100,000 index entries (load 2.5–3.3) p50 / p95 41 / 89 → 71 / 145 ms through the pool (docs/matching.md).
 */
export const WINDOW_CANDIDATES = 3;
/** A window with fewer of the query's keypoints is not searched. */
const WINDOW_MIN_KEYPOINTS = 40;

/** The visual words of the query's keypoints inside a window, or null when too few lie in it. */
export function windowWords(features: LocalFeatures, window: readonly [number, number, number, number]): Uint32Array | null {
  const [x0, y0, w, h] = window;
  const n = features.points.length / 2;
  const inside: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = features.points[i * 2]! / features.width;
    const y = features.points[i * 2 + 1]! / features.height;
    if (x >= x0 && x < x0 + w && y >= y0 && y < y0 + h) inside.push(i);
  }
  if (inside.length < WINDOW_MIN_KEYPOINTS) return null;
  const descriptors = new Uint8Array(inside.length * DESCRIPTOR_BYTES);
  inside.forEach((k, j) => descriptors.set(features.descriptors.subarray(k * DESCRIPTOR_BYTES, (k + 1) * DESCRIPTOR_BYTES), j * DESCRIPTOR_BYTES));
  return visualWords(descriptors);
}

/**
 * Stage one: visual-word voting picks a shortlist from the whole registry, and its features are read. With
 * `windows` > 0, each query window's own search adds its best candidates not yet in the shortlist, after it (marked
 * `window`, verified after the others, ranked after them at equal inliers).
 */
export async function shortlistFor(
  query: Fingerprint,
  index: CandidateIndex,
  loadFeatures: (keys: string[]) => Promise<Map<string, LocalFeatures>>,
  options: Pick<RankOptions, 'top' | 'shortlist' | 'accept' | 'windows'> = {},
): Promise<Shortlist> {
  const size = Math.max(options.top ?? 10, options.shortlist ?? 20);
  const candidates = index.search(query.words, size, options.accept);
  const perWindow = options.windows ?? WINDOW_CANDIDATES;
  if (perWindow > 0 && candidates.length) {
    const taken = new Set(candidates.map((c) => c.key));
    QUERY_WINDOWS.forEach((window, w) => {
      const words = windowWords(query.features, window);
      if (!words) return;
      let added = 0;
      for (const candidate of index.search(words, perWindow + taken.size, options.accept)) {
        if (added === perWindow) break;
        if (taken.has(candidate.key)) continue;
        taken.add(candidate.key);
        candidates.push({ ...candidate, window: w });
        added++;
      }
    });
  }
  return { candidates, features: candidates.length ? await loadFeatures(candidates.map((c) => c.key)) : new Map() };
}

/** One verified candidate of a shortlist: its position among the candidates verified (stage-one order). */
export interface VerifiedCandidate {
  position: number;
  inliers: number;
  verdict: Verdict;
  score: number;
  regions: MatchedRegions;
}

/**
 * The candidates verification may look at, in stage-one order: those with features, sharing at least minSharedWords,
 * the first verifyAtMost of them. Verification goes through them in order and stops after the first with
 * earlyStopInliers; how far it got is the only thing that depends on the verifications themselves.
 */
export function verificationPlan(shortlist: Shortlist, options: RankOptions = {}): Candidate[] {
  const minShared = options.minSharedWords ?? MIN_SHARED_WORDS;
  const verifyAtMost = options.verifyAtMost ?? VERIFY_AT_MOST;
  return shortlist.candidates.filter((c) => shortlist.features.has(c.key) && c.shared >= minShared).slice(0, verifyAtMost);
}

/** Slots of the control array shared by the verifiers of one shortlist. */
const NEXT = 0;
const SETTLED = 1;

/** A control array for `verifyClaimed`: nothing claimed, nothing settled. Shared memory when several threads use it. */
export function verificationControl(planned: number, shared = false): Int32Array {
  const control = new Int32Array(shared ? new SharedArrayBuffer(8) : new ArrayBuffer(8));
  control[NEXT] = 0;
  control[SETTLED] = planned;
  return control;
}

/**
 * Verifies planned candidates, claiming them one at a time from `control` (an atomic counter), so any number of
 * threads can share one shortlist: each takes the next unclaimed position and stops when none is left or when a
 * candidate at an earlier position has already settled the query (earlyStopInliers). `control[SETTLED]` ends as the
 * first settled position (or the plan's length); every position up to it has been verified by someone, since a
 * position is skipped only when a smaller one settled first. Positions after it may have been verified by another
 * thread in the meantime: `assembleRanking` drops them, so the result is that of the sequential loop.
 */
export async function verifyClaimed(
  query: Fingerprint,
  shortlist: Shortlist,
  control: Int32Array,
  options: RankOptions = {},
): Promise<VerifiedCandidate[]> {
  const planned = verificationPlan(shortlist, options);
  const stopAt = options.earlyStopInliers ?? EARLY_STOP_INLIERS;
  const done: VerifiedCandidate[] = [];
  for (;;) {
    const position = Atomics.add(control, NEXT, 1);
    if (position >= planned.length || Atomics.load(control, SETTLED) < position) break;
    const candidate = planned[position]!;
    const verification = await (options.verify ?? verifyPair)(query.features, shortlist.features.get(candidate.key)!, options.timing);
    options.onVerified?.(candidate, verification);
    done.push({
      position,
      inliers: verification.inliers,
      verdict: verification.verdict,
      score:
        verification.verdict === 'none' && verification.inliers === 0 ? 0 : Number((verification.inliers / (verification.inliers + 20)).toFixed(4)),
      regions: verification.regions,
    });
    if (verification.inliers >= stopAt) {
      // control[SETTLED] = min(control[SETTLED], position), atomically.
      for (let seen = Atomics.load(control, SETTLED); position < seen; ) {
        const was = Atomics.compareExchange(control, SETTLED, seen, position);
        if (was === seen) break;
        seen = was;
      }
    }
  }
  return done;
}

/**
 * The ranking from the verifications: candidates (with features) in stage-one order, verified up to and including
 * the settled position, the rest unverified (verdict "none"); then verified candidates by inliers, the rest by
 * stage-one score.
 */
export function assembleRanking(shortlist: Shortlist, verified: VerifiedCandidate[], settled: number, options: RankOptions = {}): RankedMatch[] {
  const planned = verificationPlan(shortlist, options);
  const byKey = new Map<string, VerifiedCandidate>();
  for (const v of verified) if (v.position <= settled) byKey.set(planned[v.position]!.key, v);
  const ranked: RankedMatch[] = [];
  const fromWindow = new Set<string>();
  for (const candidate of shortlist.candidates) {
    if (!shortlist.features.has(candidate.key)) continue;
    const retrieval = Number(candidate.score.toFixed(4));
    const v = byKey.get(candidate.key);
    if (candidate.window !== undefined) fromWindow.add(candidate.key);
    ranked.push(
      v
        ? { key: candidate.key, score: v.score, verdict: v.verdict, inliers: v.inliers, retrieval, regions: v.regions }
        : { key: candidate.key, score: 0, verdict: 'none', inliers: 0, retrieval, regions: { query: [], candidate: [], box: null } },
    );
  }
  // Window candidates' retrieval scores come from a smaller word set: at equal inliers they follow the others.
  const late = (m: RankedMatch) => (fromWindow.has(m.key) ? 1 : 0);
  ranked.sort((a, b) => b.inliers - a.inliers || late(a) - late(b) || b.retrieval - a.retrieval);
  return ranked.slice(0, options.top ?? 10);
}

/**
 * Stage two: ORB + a robust homography (USAC) verifies the shortlist's candidates in stage-one order. Verified candidates (by inliers)
 * come first, then the unverified rest in stage-one order, each with verdict "none". CPU only (no database, no
 * index), so it can run in a worker thread (pool.ts), or be shared by several (`verifyClaimed`, same result).
 */
export async function verifyShortlist(query: Fingerprint, shortlist: Shortlist, options: RankOptions = {}): Promise<RankedMatch[]> {
  const control = verificationControl(verificationPlan(shortlist, options).length);
  const verified = await verifyClaimed(query, shortlist, control, options);
  return assembleRanking(shortlist, verified, settledAt(control), options);
}

/** The settled position of a control array after its verifiers have finished. */
export function settledAt(control: Int32Array): number {
  return Atomics.load(control, SETTLED);
}

/** Both stages on this thread. */
export async function rankByFingerprint(
  query: Fingerprint,
  index: CandidateIndex,
  loadFeatures: (keys: string[]) => Promise<Map<string, LocalFeatures>>,
  options: RankOptions = {},
): Promise<RankedMatch[]> {
  return verifyShortlist(query, await shortlistFor(query, index, loadFeatures, options), options);
}
