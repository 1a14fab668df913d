import type { CandidateIndex } from './candidate-index.ts';
import type { LocalFeatures } from './features.ts';
import type { Fingerprint } from './fingerprint.ts';
import type { Candidate } from './candidate-index.ts';
import { verifyPair, type MatchedRegions, type Verdict, type Verification } from './verify.ts';

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
export const VERIFY_AT_MOST = 20;

/** Stage one's result: the best candidates, best first, with the local features of those that have them. */
export interface Shortlist {
  candidates: Candidate[];
  features: Map<string, LocalFeatures>;
}

/** Stage one: visual-word voting picks a shortlist from the whole registry, and its features are read. */
export async function shortlistFor(
  query: Fingerprint,
  index: CandidateIndex,
  loadFeatures: (keys: string[]) => Promise<Map<string, LocalFeatures>>,
  options: Pick<RankOptions, 'top' | 'shortlist' | 'accept'> = {},
): Promise<Shortlist> {
  const size = Math.max(options.top ?? 10, options.shortlist ?? 20);
  const candidates = index.search(query.words, size, options.accept);
  return { candidates, features: candidates.length ? await loadFeatures(candidates.map((c) => c.key)) : new Map() };
}

/**
 * Stage two: ORB + RANSAC verifies the shortlist's candidates in stage-one order. Verified candidates (by inliers)
 * come first, then the unverified rest in stage-one order, each with verdict "none". CPU only (no database, no
 * index), so it can run in a worker thread (pool.ts).
 */
export async function verifyShortlist(query: Fingerprint, shortlist: Shortlist, options: RankOptions = {}): Promise<RankedMatch[]> {
  const top = options.top ?? 10;
  const ranked: RankedMatch[] = [];
  const stopAt = options.earlyStopInliers ?? EARLY_STOP_INLIERS;
  const minShared = options.minSharedWords ?? MIN_SHARED_WORDS;
  const verifyAtMost = options.verifyAtMost ?? VERIFY_AT_MOST;
  let settled = false;
  let verified = 0;
  for (const candidate of shortlist.candidates) {
    const local = shortlist.features.get(candidate.key);
    if (!local) continue;
    if (settled || candidate.shared < minShared || verified >= verifyAtMost) {
      ranked.push({ key: candidate.key, score: 0, verdict: 'none', inliers: 0, retrieval: Number(candidate.score.toFixed(4)), regions: { query: [], candidate: [], box: null } });
      continue;
    }
    verified++;
    const verification = await verifyPair(query.features, local);
    options.onVerified?.(candidate, verification);
    if (verification.inliers >= stopAt) settled = true;
    ranked.push({
      key: candidate.key,
      score: verification.verdict === 'none' && verification.inliers === 0 ? 0 : Number((verification.inliers / (verification.inliers + 20)).toFixed(4)),
      verdict: verification.verdict,
      inliers: verification.inliers,
      retrieval: Number(candidate.score.toFixed(4)),
      regions: verification.regions,
    });
  }
  ranked.sort((a, b) => b.inliers - a.inliers || b.retrieval - a.retrieval);
  return ranked.slice(0, top);
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
