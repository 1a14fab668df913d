const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
// CJK runs, or runs of other letters and digits (CJK excluded, so "2019年" splits into 2019 and 年).
const RUNS = /[\u3400-\u9fff\uf900-\ufaff]+|(?:(?![\u3400-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+/gu;

/**
 * Index terms for Chinese and Latin text without a word segmenter: every CJK character and every
 * overlapping pair of CJK characters (what pg_bigm indexes), plus Latin words and numbers
 * lower-cased. Stored through to_tsvector('simple', …), so "玉碗" finds "青玉双耳碗" once the
 * query is cut the same way.
 */
export function searchTerms(text: string): string {
  const terms = new Set<string>();
  for (const run of text.match(RUNS) ?? []) {
    if (CJK.test(run[0]!)) {
      const chars = [...run];
      chars.forEach((c, i) => {
        terms.add(c);
        if (i + 1 < chars.length) terms.add(c + chars[i + 1]);
      });
    } else {
      terms.add(run.toLowerCase());
    }
  }
  return [...terms].join(' ');
}

const CJK_CHAR = /^[\u3400-\u9fff\uf900-\ufaff]$/u;
const CJK_PAIR = /^[\u3400-\u9fff\uf900-\ufaff]{2}$/u;

/**
 * The terms a case's title and summary are indexed under: `searchTerms` without the single CJK
 * characters that begin one of the text's pairs (in the same order). Such a character is still
 * found, by a prefix query (`玉:*` matches the pair 玉双), so a case's vector holds about half as
 * many terms (~24 instead of ~42 for a typical case), which halves what the database parses and
 * stores per row. Stored without positions (`strip`), see `caseTsQuery`.
 */
export function caseSearchTerms(text: string): string {
  const terms = searchTerms(text);
  if (terms === '') return terms;
  const list = terms.split(' ');
  const starts = new Set<string>();
  for (const t of list) if (CJK_PAIR.test(t)) starts.add([...t][0]!);
  return list.filter((t) => !(CJK_CHAR.test(t) && starts.has(t))).join(' ');
}

/**
 * A `to_tsquery('simple', …)` text for `queryTerms`, matching `caseSearchTerms` vectors: every term
 * must be there, a lone CJK character as a prefix (it may be stored only as the first half of
 * a pair). Terms are runs of letters and digits only, so quoting them is safe.
 */
export function caseTsQuery(terms: string[]): string {
  return terms.map((t) => (CJK_CHAR.test(t) ? `'${t}':*` : `'${t}'`)).join(' & ');
}

/** Query terms: bigrams for CJK runs (a lone character stands for itself), words for the rest. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const run of query.match(RUNS) ?? []) {
    if (CJK.test(run[0]!)) {
      const chars = [...run];
      if (chars.length === 1) terms.push(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i]! + chars[i + 1]!);
    } else {
      terms.push(run.toLowerCase());
    }
  }
  return [...new Set(terms)];
}
