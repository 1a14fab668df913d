import { caseSearchTerms, searchTerms } from '../search-terms.ts';

/**
 * The text to feed to `to_tsvector('simple', …)` for a case's title and summary: Latin words and
 * numbers lower-cased, every CJK character and every overlapping pair of CJK characters
 * (what pg_bigm indexes), space-separated. One rule for imported and hand-entered cases: it is
 * the cases module's `searchTerms`.
 */
export function searchTermsSql(text: string): string {
  return searchTerms(text);
}

/** What a case's vector is built from when `caseTermsVector` gives no literal: the cases module's `caseSearchTerms`. */
export function caseTermsSql(text: string): string {
  return caseSearchTerms(text);
}

const isCjk = (cp: number) => (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff);
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** CJK code points as 0…CJK_COUNT-1, so a pair fits a small integer. */
const CJK_COUNT = 0x9fff - 0x3400 + 1 + (0xfaff - 0xf900 + 1);
const cjkIndex = (c: number) => (c <= 0x9fff ? c - 0x3400 : c - 0xf900 + (0x9fff - 0x3400 + 1));

/**
 * Per CJK character, the stamp of the last `searchTermList` call that saw it (SEEN) or saw it begin
 * a pair (PAIR_START): each call takes a new stamp instead of clearing a set (measured: the sets
 * were most of the ~7 µs per imported case this took).
 */
const SEEN = new Uint32Array(CJK_COUNT);
const PAIR_START = new Uint32Array(CJK_COUNT);
let lastStamp = 0;
function nextStamp(): number {
  if (lastStamp === 0xffffffff) {
    SEEN.fill(0);
    PAIR_START.fill(0);
    lastStamp = 0;
  }
  return ++lastStamp;
}

function isWordChar(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  if (isCjk(cp)) return true;
  return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
}

/**
 * `searchTermsSql(text).split(' ')` in one pass without regular expressions, for the million-row
 * case: the same terms in the same order (a test holds the two equal), and whether every term is
 * plain (ASCII letters and digits, or one or two CJK characters). With `compact`, the terms of
 * `caseTermsSql` instead: single CJK characters that begin one of the text's pairs are left out.
 */
export function searchTermList(text: string, compact = false): { terms: string[]; plain: boolean } {
  // CJK characters are remembered by stamping their slot in a table (no hashing, nothing to clear),
  // pairs as numbers in a short list (a set once there are many), words as strings.
  const stamp = nextStamp();
  const pairs: number[] = [];
  let pairSet: Set<number> | null = null;
  let seenWords: Set<string> | null = null;
  /** (compact) Whether any CJK character begins a pair (they are stamped in PAIR_START). */
  let anyStart = false;
  const terms: string[] = [];
  let plain = true;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isCjk(cp)) {
      // A run of CJK characters: each character, and each overlapping pair.
      let prev = -1;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (!isCjk(c)) break;
        const index = cjkIndex(c);
        if (prev >= 0) {
          const pair = prev * CJK_COUNT + index;
          let seen = false;
          if (pairSet) {
            seen = pairSet.has(pair);
            if (!seen) pairSet.add(pair);
          } else {
            for (let k = 0; k < pairs.length; k++) {
              if (pairs[k] === pair) {
                seen = true;
                break;
              }
            }
            if (!seen) {
              pairs.push(pair);
              if (pairs.length > 64) pairSet = new Set(pairs);
            }
          }
          if (!seen) terms.push(text.slice(i - 1, i + 1));
          if (compact) {
            PAIR_START[prev] = stamp;
            anyStart = true;
          }
        }
        if (SEEN[index] !== stamp) {
          SEEN[index] = stamp;
          terms.push(text[i]!);
        }
        prev = index;
        i++;
      }
      continue;
    }
    if (isWordChar(cp)) {
      // A word: letters and numbers of any script but CJK (so "2019年" is 2019 and 年).
      const start = i;
      let ascii = cp < 0x80;
      i += width;
      while (i < n) {
        const next = text.codePointAt(i)!;
        if (!isWordChar(next) || isCjk(next)) break;
        if (next >= 0x80) ascii = false;
        i += next > 0xffff ? 2 : 1;
      }
      if (!ascii || i - start > 100) plain = false;
      const word = text.slice(start, i).toLowerCase();
      seenWords ??= new Set();
      if (!seenWords.has(word)) {
        seenWords.add(word);
        terms.push(word);
      }
      continue;
    }
    i += width;
  }
  if (anyStart) {
    return { terms: terms.filter((t) => !(t.length === 1 && isCjk(t.charCodeAt(0)) && PAIR_START[cjkIndex(t.charCodeAt(0))] === stamp)), plain };
  }
  return { terms, plain };
}

const MAX_POSITIONS = 16_000;
const SUFFIXES: string[] = [];
const positionSuffix = (n: number) => (SUFFIXES[n] ??= `:${n}`);

/**
 * The search terms as a tsvector literal with positions (`青:1 青玉:2 …`): equal to
 * `to_tsvector('simple', searchTermsSql(text))` but cheaper for the database to read. Null when a
 * term is anything but plain ASCII letters and digits or CJK characters — then the caller uses
 * to_tsvector, whose parser has the last word on other scripts.
 */
export function searchTermsVector(text: string): string | null {
  const { terms, plain } = searchTermList(text);
  if (!plain || terms.length > MAX_POSITIONS) return null;
  const parts = new Array<string>(terms.length);
  for (let i = 0; i < terms.length; i++) parts[i] = terms[i]! + positionSuffix(i + 1);
  return parts.join(' ');
}

/**
 * A case's search terms (`caseTermsSql`) as a tsvector literal without positions (`青玉 玉双 …`):
 * equal to `strip(to_tsvector('simple', caseTermsSql(text)))`, and the cheapest form for the
 * database to read (measured: 100,000 typical cases `\copy` in 0.66 s against 1.46 s for all
 * characters and pairs with positions). Null when a term is anything but plain ASCII letters and
 * digits or CJK characters — then the caller uses to_tsvector.
 */
export function caseTermsVector(text: string): string | null {
  const { terms, plain } = searchTermList(text, true);
  return plain ? terms.join(' ') : null;
}
