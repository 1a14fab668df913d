// Text matching of market listings: a listing's title and description against published registry objects, through
// the registry's own public text search (relics/public.ts); combined with the photo candidates as evidence.

import { DomainError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { getPublicObject, searchPublicObjects } from '../relics/index.ts';
import type { PhotoMatch } from './service.ts';
import type { Verdict } from './verify.ts';

/** Objects taken from each text query (title, description). */
const TEXT_TOP = 5;
/** A text-only candidate needs at least this many distinct matched words to be "possible"; it is never "strong". */
export const TEXT_POSSIBLE_WORDS = 2;

export interface TextCandidate {
  publicationNo: string;
  titleZh: string;
  titleEn: string;
  /** The public search's rank (ts_rank, or trigram similarity for a misspelt Latin query). */
  textScore: number;
  /** Listing words (Latin words, Chinese character pairs) found in the object's public text. */
  words: string[];
  /** The object's photos (sha256), in display order. */
  photos: string[];
}

export interface ScreeningCandidate {
  /** photo: found by photo only; text: by the listing's words only; photo+text: both agree on the object. */
  kind: 'photo' | 'text' | 'photo+text';
  /** The matched registry photo (for a text-only candidate, the object's first photo). */
  sha256: string | null;
  publicationNo: string | null;
  titleZh: string | null;
  titleEn: string | null;
  score: number;
  verdict: Verdict;
  /** Which evidence gives the verdict: the photo (inliers), or only the words (then "possible" at most). */
  verdictFrom: 'photo' | 'text';
  inliers: number;
  box: Array<[number, number]> | null;
  textScore: number | null;
  words: string[];
}

const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'from',
  'this',
  'that',
  'are',
  'was',
  'has',
  'have',
  'not',
  'its',
  'all',
  'one',
  'very',
  'good',
  'old',
  'new',
]);
const HAN = /\p{Script=Han}+/gu;

/** The words of a listing that can be evidence: Latin/digit words of 3+ characters (no stop words), Chinese character pairs. */
export function evidenceTerms(text: string): string[] {
  const lower = text.toLowerCase();
  const terms = new Set<string>();
  for (const w of lower.match(/[\p{Script=Latin}\p{N}]{3,}/gu) ?? []) if (!STOP.has(w)) terms.add(w);
  for (const run of lower.match(HAN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) continue;
    for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!);
  }
  return [...terms];
}

/**
 * Published objects whose public text matches the listing's title or its description (each run through the
 * registry's public search, which requires all of a query's terms), with the listing words found in each object.
 */
export async function textCandidates(db: Db, title: string, description: string): Promise<TextCandidate[]> {
  const queries = [...new Set([title.trim(), description.trim()].filter((q) => q.length > 0))];
  if (queries.length === 0) return [];
  const hits = new Map<string, { titleZh: string; titleEn: string; textScore: number }>();
  for (const q of queries) {
    const { items } = await searchPublicObjects(db, { q: q.slice(0, 500) }, { page: 1, pageSize: TEXT_TOP });
    for (const item of items) {
      if (!item.publicationNo) continue;
      const seen = hits.get(item.publicationNo);
      if (!seen || item.score > seen.textScore) hits.set(item.publicationNo, { titleZh: item.titleZh, titleEn: item.titleEn, textScore: item.score });
    }
  }
  const terms = evidenceTerms(`${title}\n${description}`);
  const out: TextCandidate[] = [];
  for (const [publicationNo, hit] of hits) {
    let object: Awaited<ReturnType<typeof getPublicObject>>;
    try {
      object = await getPublicObject(db, publicationNo);
    } catch (error) {
      if (error instanceof DomainError) continue; // unpublished since the search
      throw error;
    }
    const haystack = [
      object.titleZh,
      object.titleEn,
      object.subjectZh,
      object.subjectEn,
      object.descriptionZh,
      object.descriptionEn,
      object.inscriptionsZh,
      object.inscriptionsEn,
      object.distinguishingFeaturesZh,
      object.distinguishingFeaturesEn,
      object.techniques ?? '',
      object.maker ?? '',
      object.dateText ?? '',
      object.placeNameZh,
      object.placeNameEn,
      ...object.materials,
    ]
      .join('\n')
      .toLowerCase();
    out.push({ publicationNo, ...hit, words: terms.filter((t) => haystack.includes(t)), photos: object.photos.map((p) => p.sha256) });
  }
  return out.sort((a, b) => b.words.length - a.words.length || b.textScore - a.textScore);
}

/**
 * One candidate list from the photo matches (best first) and the text candidates: a photo of an object the text also
 * found becomes "photo+text" with its words; text candidates with no photo match follow, labelled "text", verdict
 * "possible" at most (never strong: the public search matches common words such as 玉 or "bowl" in many objects).
 */
export function combineCandidates(photos: PhotoMatch[], texts: TextCandidate[], candidateFilter?: (sha256: string) => boolean): ScreeningCandidate[] {
  const used = new Set<string>();
  const out: ScreeningCandidate[] = [];
  for (const m of photos) {
    const text = texts.find((t) => t.photos.includes(m.sha256));
    if (m.verdict === 'none' && !text) continue;
    if (text) used.add(text.publicationNo);
    // The photo's verdict stands when it has one; a photo without one is no stronger than the words alone.
    const byText = m.verdict === 'none' && text !== undefined;
    out.push({
      kind: text ? 'photo+text' : 'photo',
      sha256: m.sha256,
      publicationNo: text?.publicationNo ?? null,
      titleZh: text?.titleZh ?? null,
      titleEn: text?.titleEn ?? null,
      score: m.score,
      verdict: byText ? textVerdict(text) : m.verdict,
      verdictFrom: byText ? 'text' : 'photo',
      inliers: m.inliers,
      box: m.regions.box,
      textScore: text?.textScore ?? null,
      words: text?.words ?? [],
    });
  }
  for (const t of texts) {
    if (used.has(t.publicationNo)) continue;
    const photo = t.photos.find((sha) => !candidateFilter || candidateFilter(sha)) ?? null;
    out.push({
      kind: 'text',
      sha256: photo,
      publicationNo: t.publicationNo,
      titleZh: t.titleZh,
      titleEn: t.titleEn,
      score: 0,
      verdict: textVerdict(t),
      verdictFrom: 'text',
      inliers: 0,
      box: null,
      textScore: t.textScore,
      words: t.words,
    });
  }
  return out;
}

const textVerdict = (t: TextCandidate): Verdict => (t.words.length >= TEXT_POSSIBLE_WORDS ? 'possible' : 'none');

/** A stored candidate (rows screened before text matching hold photo fields only). */
export function normaliseCandidate(raw: unknown): ScreeningCandidate {
  const c = (raw ?? {}) as Partial<ScreeningCandidate>;
  return {
    kind: c.kind ?? 'photo',
    sha256: c.sha256 ?? null,
    publicationNo: c.publicationNo ?? null,
    titleZh: c.titleZh ?? null,
    titleEn: c.titleEn ?? null,
    score: c.score ?? 0,
    verdict: c.verdict ?? 'none',
    verdictFrom: c.verdictFrom ?? (c.kind === 'text' ? 'text' : 'photo'),
    inliers: c.inliers ?? 0,
    box: c.box ?? null,
    textScore: c.textScore ?? null,
    words: c.words ?? [],
  };
}
