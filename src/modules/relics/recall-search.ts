// Recall-oriented search of the public registry, for due-diligence certificates (and for public
// search when every word of a query cannot be found). A description shares a few significant words
// with the record it describes, in any order, among words of its own: so candidates are the records
// holding a few of its significant terms, not all (through the GIN index on search_terms), ranked by
// how much of the description they hold, how much of their title the description holds, and whether
// the period, type and material agree. A record scoring at least POSSIBLE_MATCH_SCORE is a possible
// match: the certificate says "possible match — review", never "nothing found".
import { and, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { withBitmapScansOnly } from '../../db/planner.ts';
import { type DescriptionTerms, descriptionTerms, TRADITIONAL_VARIANTS, titleUnits } from './description-terms.ts';
import { MATERIALS, type ObjectStatus, PUBLIC_STATUSES, relicObjects } from './schema.ts';

/**
 * The score from which a candidate is a possible match (0–1). Tuned on the labelled descriptions of
 * bench/certificates (docs/relics.md has the figures): recall of described registered objects
 * against false alarms on descriptions of objects not in the registry.
 */
export const POSSIBLE_MATCH_SCORE = 0.5;

/** Candidates ranked in the database (by the weight of description terms they hold) and scored in full. */
const RANKED_CANDIDATES = 200;
/** Most terms a description contributes (a pasted catalogue entry must not make a huge query). */
const MAX_TERMS = 48;
/** Most pairs and words combined two by two into the candidate query (24 → 276 alternatives). */
const MAX_PAIRED = 24;
/** Most Chinese runs matched by their characters (a pasted inscription has dozens). */
const MAX_RUNS = 16;

const WEIGHT = { pair: 1, char: 0.5, word: 1 } as const;
/** Title weight below which a title counts as this much (so one covered word of a one-word title is a third). */
const MIN_TITLE = 3;
const SHARE = { description: 0.5, title: 0.35, facets: 0.15 } as const;
const MATERIAL_WORDS = new Set(MATERIALS.flatMap((m) => [m.en, m.zh]));
/** ts_rank of a vector without positions holding every one of n OR-ed query terms (each held term adds this / n). */
const RANK_PER_TERM = 0.0607927;

export interface RecallFacets {
  /** Period codes named in the request (besides those the description names). */
  period?: string | undefined;
  /** Object type code or group (`jade`, `jade.vessel`). */
  type?: string | undefined;
  material?: string | undefined;
}

export interface RecallCandidate {
  id: string;
  publicationNo: string;
  status: ObjectStatus;
  titleZh: string;
  titleEn: string;
  score: number;
  /** Parts of the score, for review and tuning. */
  parts: { description: number; title: number; facets: number | null };
}

interface Term {
  query: string;
  kind: keyof typeof WEIGHT;
  text: string;
}

const CJK_CHAR = /^[\u3400-\u9fff\uf900-\ufaff]$/u;

/** A Chinese term in simplified and traditional writing (双耳, 雙耳). */
function variantForms(term: string): string[] {
  let forms = [''];
  for (const c of term) forms = forms.flatMap((f) => [c, ...(TRADITIONAL_VARIANTS[c] ?? [])].map((v) => f + v));
  return forms;
}

/** The same as a tsquery text (双耳 | 雙耳). */
function variants(term: string): string {
  const forms = variantForms(term);
  return forms.length === 1 ? `'${forms[0]}'` : `(${forms.map((f) => `'${f}'`).join(' | ')})`;
}

/** The description's terms as tsquery texts (terms are runs of letters and digits only, so quoting them is safe). */
function termsOf(d: DescriptionTerms): Term[] {
  const terms: Term[] = [
    ...d.pairs.map((p): Term => ({ query: variants(p), kind: 'pair', text: p })),
    ...d.words.map((w): Term => ({ query: w.length >= 3 ? `'${w}':*` : `'${w}'`, kind: 'word', text: w })),
    ...d.chars.filter((c) => CJK_CHAR.test(c)).map((c): Term => ({ query: variants(c), kind: 'char', text: c })),
  ];
  return terms.slice(0, MAX_TERMS);
}

/**
 * What finds a candidate: all the characters of one of its Chinese runs (玉碗 → 青玉双耳碗, as public
 * search does) or all but one of them (runs of four or more), or any two of its character pairs and
 * words (its one when it has only one; material words pair only when there are few others). A record
 * holding a single pair or word of a description scores under the possible-match score (its share of
 * the description is a half at most, and a title it covers counts a third at most for one word), so
 * requiring two keeps "two", "painting" or "paper" from fetching ten thousand records.
 */
function candidateQuery(d: DescriptionTerms, terms: Term[]): string | null {
  // Material words ("paper": 60,000 Tate records) pair only when the description has few other words.
  const named = terms.filter((t) => t.kind !== 'char');
  const specific = named.filter((t) => !MATERIAL_WORDS.has(t.text));
  const significant = (specific.length >= 3 ? specific : named).map((t) => t.query).slice(0, MAX_PAIRED);
  const clauses: string[] = [];
  if (significant.length === 1) clauses.push(...significant);
  else significant.forEach((a, i) => significant.slice(i + 1).forEach((b) => clauses.push(`(${a} & ${b})`)));
  for (const run of d.runs.slice(0, MAX_RUNS)) {
    const chars = [...new Set(run)];
    if (chars.length === 1) clauses.push(variants(chars[0]!));
    else if (chars.length <= 8) {
      clauses.push(`(${chars.map(variants).join(' & ')})`);
      if (chars.length >= 4)
        chars.forEach((_, i) =>
          clauses.push(
            `(${chars
              .filter((__, j) => j !== i)
              .map(variants)
              .join(' & ')})`,
          ),
        );
    }
  }
  return clauses.length ? clauses.join(' | ') : null;
}

const prefixMatch = (a: string, b: string) => a === b || (a.length >= 4 && b.length >= 4 && (a.startsWith(b) || b.startsWith(a)));

/** How much of a record's title the description holds (Chinese pairs and characters, or Latin words). */
function titleCoverage(d: DescriptionTerms, titleZh: string, titleEn: string): number {
  const t = titleUnits(titleZh, titleEn);
  const pairs = new Set(d.pairs);
  const chars = new Set(d.chars);
  // A title of one or two words ("Teapot", "Cup") is not covered by a description that merely names the kind of object.
  const zhTotal = t.pairs.length * WEIGHT.pair + t.chars.length * WEIGHT.char;
  const zh = zhTotal
    ? (t.pairs.filter((p) => pairs.has(p)).length * WEIGHT.pair + t.chars.filter((c) => chars.has(c)).length * WEIGHT.char) /
      Math.max(zhTotal, MIN_TITLE)
    : 0;
  const en = t.words.length ? t.words.filter((w) => d.words.some((q) => prefixMatch(q, w))).length / Math.max(t.words.length, MIN_TITLE) : 0;
  return Math.max(zh, en);
}

type Row = {
  id: string;
  publication_no: string;
  status: ObjectStatus;
  title_zh: string;
  title_en: string;
  period_code: string | null;
  object_type: string | null;
  materials: string[];
  hits: number[];
};

/**
 * Registry objects that may be the described one, best first, with their scores; `conditions` are
 * hard filters (public search's), `facets` only raise or lower the score (a certificate's: a dealer
 * may choose the wrong type or period, and the object must still be found).
 */
export async function recallCandidates(
  db: Db,
  description: string,
  options: { conditions?: SQL[]; facets?: RecallFacets; limit?: number } = {},
): Promise<{ candidates: RecallCandidate[]; terms: DescriptionTerms }> {
  const d = descriptionTerms(description);
  const terms = termsOf(d);
  const any = candidateQuery(d, terms);
  if (!any || !terms.length) return { candidates: [], terms: d };
  const statuses = [...PUBLIC_STATUSES];
  const conditions = [inArray(relicObjects.status, statuses), ...(options.conditions ?? [])];
  const hits = sql.join(
    terms.map((t) => sql`(r.search_terms @@ ${t.query}::tsquery)::int`),
    sql`, `,
  );
  // The candidates' order in the database: how many of the description's terms they hold (ts_rank of
  // the vector without positions gives RANK_PER_TERM / n for each of n terms held, one read of the
  // vector per row) plus how many of them their title holds (a plain substring test of the short
  // title columns), so that among hundreds of records holding 木雕 and 件 the one titled 木雕斗拱构件 is
  // not cut at random. Only the best RANKED_CANDIDATES are read term by term and scored in full.
  const everyTerm = terms.map((t) => t.query).join(' | ');
  const inTitle = sql.join(
    terms.map((t) =>
      t.kind === 'word'
        ? sql`(lower(${relicObjects.titleEn}) like ${`%${t.text}%`})::int`
        : sql`(${relicObjects.titleZh} like any(${`{${variantForms(t.text)
            .map((f) => `%${f}%`)
            .join(',')}}`}::text[]))::int`,
    ),
    sql` + `,
  );
  const rows = await withBitmapScansOnly(
    db,
    async (tx) =>
      (
        (await tx.execute(sql`
    select r.id, r.publication_no, r.status, r.title_zh, r.title_en, r.period_code, r.object_type, r.materials, array[${hits}] as hits
    from (select ${relicObjects.id} as id from ${relicObjects}
          where ${and(...conditions, sql`${relicObjects.searchTerms} @@ ${any}::tsquery`)}
          order by ts_rank(strip(${relicObjects.searchTerms}), ${everyTerm}::tsquery) * ${terms.length / RANK_PER_TERM} + ${inTitle} desc,
                   char_length(${relicObjects.titleZh}) + char_length(${relicObjects.titleEn}) / 4, ${relicObjects.id}
          limit ${RANKED_CANDIDATES}) c
    join ${relicObjects} r on r.id = c.id`)) as unknown as { rows: Row[] }
      ).rows,
  );

  const total = terms.reduce((s, t) => s + WEIGHT[t.kind], 0);
  const periods = new Set([...d.periods, ...(options.facets?.period ? [options.facets.period] : [])]);
  const candidates = rows.map((row): RecallCandidate => {
    const description = row.hits.reduce((s, h, i) => s + h * WEIGHT[terms[i]!.kind], 0) / total;
    const title = titleCoverage(d, row.title_zh, row.title_en);
    const facetScores: number[] = [];
    if (periods.size) facetScores.push(row.period_code && periods.has(row.period_code) ? 1 : 0);
    const type = options.facets?.type;
    if (type) facetScores.push(row.object_type && (row.object_type === type || row.object_type.startsWith(`${type}.`)) ? 1 : 0);
    if (options.facets?.material) facetScores.push(row.materials.includes(options.facets.material) ? 1 : 0);
    const facets = facetScores.length ? facetScores.reduce((a, b) => a + b, 0) / facetScores.length : null;
    const score =
      facets === null
        ? (SHARE.description * description + SHARE.title * title) / (SHARE.description + SHARE.title)
        : SHARE.description * description + SHARE.title * title + SHARE.facets * facets;
    return {
      id: row.id,
      publicationNo: row.publication_no,
      status: row.status,
      titleZh: row.title_zh,
      titleEn: row.title_en,
      score: Math.round(score * 1000) / 1000,
      parts: { description: round3(description), title: round3(title), facets: facets === null ? null : round3(facets) },
    };
  });
  candidates.sort((a, b) => b.score - a.score || a.publicationNo.localeCompare(b.publicationNo));
  return { candidates: candidates.slice(0, options.limit ?? RANKED_CANDIDATES), terms: d };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The candidates that plausibly are the described object: what a certificate lists as possible matches. */
export async function possibleMatches(db: Db, description: string, facets: RecallFacets = {}, limit = 20): Promise<RecallCandidate[]> {
  const { candidates } = await recallCandidates(db, description, { facets });
  return candidates.filter((c) => c.score >= POSSIBLE_MATCH_SCORE).slice(0, limit);
}
