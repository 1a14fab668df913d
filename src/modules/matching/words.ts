import { DESCRIPTOR_BYTES } from './features.ts';

/**
 * The global descriptor: a bag of visual words whose vocabulary is locality-sensitive hashing of the ORB
 * descriptors themselves, so it needs no training data and no model file. Each 256-bit descriptor gives one
 * word per table: WORD_BITS of its bits at fixed, seeded positions. Two descriptors of the same physical point
 * (Hamming distance ≲ 30) share a table's word with probability ≈ (1 − 30/256)^16 ≈ 0.14; two unrelated ones with
 * 2^-16. Candidate retrieval counts shared words (inverted file, idf-weighted).
 */
export const WORD_TABLES = 3;
export const WORD_BITS = 16;
export const WORDS_PER_TABLE = 1 << WORD_BITS;
export const TOTAL_WORDS = WORD_TABLES * WORDS_PER_TABLE;

function seededBitPositions(): Uint16Array {
  // A fixed permutation of the 256 bit positions (xorshift32, seed fixed forever: changing it invalidates every
  // stored descriptor, see FINGERPRINT_VERSION).
  const positions = Array.from({ length: 256 }, (_, i) => i);
  let state = 0x9e3779b9;
  for (let i = positions.length - 1; i > 0; i--) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const j = state % (i + 1);
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
  }
  return Uint16Array.from(positions.slice(0, WORD_TABLES * WORD_BITS));
}

const BIT_POSITIONS = seededBitPositions();

/** Word ids (table offset included, so ids of different tables never collide), deduplicated and sorted. */
export function visualWords(descriptors: Uint8Array): Uint32Array {
  const n = descriptors.length / DESCRIPTOR_BYTES;
  const words = new Set<number>();
  for (let i = 0; i < n; i++) {
    const base = i * DESCRIPTOR_BYTES;
    for (let t = 0; t < WORD_TABLES; t++) {
      let word = 0;
      for (let b = 0; b < WORD_BITS; b++) {
        const position = BIT_POSITIONS[t * WORD_BITS + b]!;
        const bit = (descriptors[base + (position >> 3)]! >> (position & 7)) & 1;
        word = (word << 1) | bit;
      }
      words.add(t * WORDS_PER_TABLE + word);
    }
  }
  return Uint32Array.from([...words].sort((a, b) => a - b));
}
