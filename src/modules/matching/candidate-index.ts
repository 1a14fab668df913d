import { TOTAL_WORDS } from './words.ts';

export interface Candidate {
  key: string;
  /** Shared visual words, idf-weighted and normalised by the photo's word count. */
  score: number;
}

/**
 * In-process inverted file over visual words: word → photos containing it. Built from the fingerprint table at
 * start and kept current on every fingerprint write (same process) or by `refresh` (rows written elsewhere).
 */
export class CandidateIndex {
  private readonly keys: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly wordCount: number[] = [];
  private readonly alive: boolean[] = [];
  private readonly postings: (number[] | undefined)[] = new Array(TOTAL_WORDS);
  private readonly documentFrequency = new Uint32Array(TOTAL_WORDS);
  private live = 0;

  get size(): number {
    return this.live;
  }

  has(key: string): boolean {
    return this.slotOf.has(key);
  }

  add(key: string, words: Uint32Array): void {
    if (this.slotOf.has(key)) this.remove(key);
    const slot = this.keys.length;
    this.keys.push(key);
    this.slotOf.set(key, slot);
    this.wordCount.push(words.length);
    this.alive.push(true);
    this.live++;
    for (const word of words) {
      (this.postings[word] ??= []).push(slot);
      this.documentFrequency[word]!++;
    }
  }

  /** Tombstones the photo: its postings are skipped (document frequencies keep counting it until a rebuild). */
  remove(key: string): void {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    this.slotOf.delete(key);
    this.alive[slot] = false;
    this.live--;
  }

  search(words: Uint32Array, top: number, accept?: (key: string) => boolean): Candidate[] {
    if (this.live === 0) return [];
    const scores = new Float32Array(this.keys.length);
    const touched: number[] = [];
    const n = this.live;
    for (const word of words) {
      const list = this.postings[word];
      if (!list) continue;
      const df = this.documentFrequency[word]!;
      // Words shared by a large share of the registry say little: idf, and skip the very common ones.
      if (df > n * 0.05 && df > 50) continue;
      const idf = Math.log(1 + n / df);
      for (const slot of list) {
        if (scores[slot] === 0) touched.push(slot);
        scores[slot]! += idf;
      }
    }
    const results: Candidate[] = [];
    for (const slot of touched) {
      if (!this.alive[slot]) continue;
      const key = this.keys[slot]!;
      if (accept && !accept(key)) continue;
      results.push({ key, score: scores[slot]! / Math.sqrt(Math.max(64, this.wordCount[slot]!)) });
    }
    results.sort((a, b) => b.score - a.score);
    return results.slice(0, top);
  }
}
