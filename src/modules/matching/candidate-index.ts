import { TOTAL_WORDS } from './words.ts';

export interface Candidate {
  key: string;
  /** Shared visual words, idf-weighted and normalised by the photo's word count. */
  score: number;
  /** How many of the query's words the photo has (the rare enough ones that were counted). */
  shared: number;
  /** Set when a window of the query found it (rank.ts, shortlistFor), not the whole query. */
  window?: number;
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
  /** Posting lists as growable Int32Arrays (4 bytes a posting; JavaScript arrays of numbers took 2.3 GB at 100k photos). */
  private readonly postings: (Int32Array | undefined)[] = new Array(TOTAL_WORDS);
  private readonly postingLength = new Uint32Array(TOTAL_WORDS);
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
      let list = this.postings[word];
      const length = this.postingLength[word]!;
      if (!list || length === list.length) {
        const grown = new Int32Array(Math.max(4, (list?.length ?? 0) * 2));
        if (list) grown.set(list);
        this.postings[word] = list = grown;
      }
      list[length] = slot;
      this.postingLength[word] = length + 1;
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
    if (this.live === 0 || top <= 0) return [];
    const scores = new Float32Array(this.keys.length);
    const shared = new Uint16Array(this.keys.length);
    const touched: number[] = [];
    const n = this.live;
    for (const word of words) {
      const list = this.postings[word];
      if (!list) continue;
      const df = this.documentFrequency[word]!;
      // Words shared by a large share of the registry say little: idf, and skip the very common ones.
      if (df > n * 0.05 && df > 50) continue;
      const idf = Math.log(1 + n / df);
      const length = this.postingLength[word]!;
      for (let i = 0; i < length; i++) {
        const slot = list[i]!;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot]! += idf;
        shared[slot]!++;
      }
    }
    // Top-k by a bounded min-heap over the touched photos: at 100k photos most of them share some word with the
    // query, and building and sorting one object per touched photo was most of stage one's time.
    const heapSlots = new Int32Array(top);
    const heapScores = new Float32Array(top);
    let size = 0;
    const siftDown = (from: number) => {
      let i = from;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < size && heapScores[l]! < heapScores[m]!) m = l;
        if (r < size && heapScores[r]! < heapScores[m]!) m = r;
        if (m === i) return;
        [heapScores[i], heapScores[m]] = [heapScores[m]!, heapScores[i]!];
        [heapSlots[i], heapSlots[m]] = [heapSlots[m]!, heapSlots[i]!];
        i = m;
      }
    };
    for (const slot of touched) {
      if (!this.alive[slot]) continue;
      const score = scores[slot]! / Math.sqrt(Math.max(64, this.wordCount[slot]!));
      if (size === top && score <= heapScores[0]!) continue;
      if (accept && !accept(this.keys[slot]!)) continue;
      if (size < top) {
        let i = size++;
        heapSlots[i] = slot;
        heapScores[i] = score;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (heapScores[parent]! <= heapScores[i]!) break;
          [heapScores[i], heapScores[parent]] = [heapScores[parent]!, heapScores[i]!];
          [heapSlots[i], heapSlots[parent]] = [heapSlots[parent]!, heapSlots[i]!];
          i = parent;
        }
      } else {
        heapSlots[0] = slot;
        heapScores[0] = score;
        siftDown(0);
      }
    }
    const results: Candidate[] = [];
    for (let i = 0; i < size; i++) results.push({ key: this.keys[heapSlots[i]!]!, score: heapScores[i]!, shared: shared[heapSlots[i]!]! });
    results.sort((a, b) => b.score - a.score);
    return results;
  }
}
