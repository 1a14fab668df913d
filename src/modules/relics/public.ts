import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { notFound } from '../../core/errors.ts';
import type { Db, Executor } from '../../db/client.ts';
import { withBitmapScansOnly } from '../../db/planner.ts';
import { jurisdictionAncestors, jurisdictions } from '../org/index.ts';
import { tsQueryOf } from './objects.ts';
import { POSSIBLE_MATCH_SCORE, recallCandidates } from './recall-search.ts';
import { type Measurement, type ObjectStatus, PUBLIC_STATUSES, relicObjects, relicPhotos, relicSearchWords } from './schema.ts';

/**
 * An object as the public may know it: read from published, recovered and returned objects only, the place named down
 * to the city at most. Owner, inventory number, circumstances, investigating unit, case, people and internal ids are
 * never copied into it; what of it leaves the server is the public presenter's whitelist
 * (src/http/presenters/public-objects.ts).
 */
export interface PublicObject {
  publicationNo: string;
  status: ObjectStatus;
  objectType: string | null;
  materials: string[];
  techniques: string | null;
  measurements: Measurement[];
  titleZh: string;
  titleEn: string;
  subjectZh: string;
  subjectEn: string;
  inscriptionsZh: string;
  inscriptionsEn: string;
  distinguishingFeaturesZh: string;
  distinguishingFeaturesEn: string;
  descriptionZh: string;
  descriptionEn: string;
  periodCode: string | null;
  reign: string | null;
  yearFrom: number | null;
  yearTo: number | null;
  dateText: string | null;
  maker: string | null;
  theftDate: string | null;
  /** Province and city of the theft (never the detailed place). */
  provinceCode: string | null;
  placeNameZh: string;
  placeNameEn: string;
  publishedAt: string | null;
  recovered: boolean;
  isTestData: boolean;
  photos: Array<{ sha256: string; view: string; width: number; height: number }>;
}

export interface PublicObjectSummary {
  publicationNo: string;
  status: ObjectStatus;
  titleZh: string;
  titleEn: string;
  objectType: string | null;
  periodCode: string | null;
  materials: string[];
  theftDate: string | null;
  provinceCode: string | null;
  recovered: boolean;
  isTestData: boolean;
  thumbnail: string | null;
  score: number;
}

const provinceOf = (code: string) => (code === '100000' ? null : `${code.slice(0, 2)}0000`);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export interface PublicFilters {
  q?: string | undefined;
  type?: string | undefined;
  material?: string | undefined;
  period?: string | undefined;
  province?: string | undefined;
  stolenFrom?: Date | undefined;
  stolenTo?: Date | undefined;
  status?: ObjectStatus | undefined;
}

function filterConditions(filters: PublicFilters): SQL[] {
  const statuses = filters.status && (PUBLIC_STATUSES as readonly string[]).includes(filters.status) ? [filters.status] : [...PUBLIC_STATUSES];
  const c: SQL[] = [inArray(relicObjects.status, statuses)];
  if (filters.type)
    c.push(filters.type.includes('.') ? eq(relicObjects.objectType, filters.type) : sql`${relicObjects.objectType} like ${`${filters.type}.%`}`);
  if (filters.material) c.push(sql`${relicObjects.materials} @> array[${filters.material}]::text[]`);
  if (filters.period) c.push(eq(relicObjects.periodCode, filters.period));
  if (filters.province)
    c.push(
      sql`exists (select 1 from ${jurisdictionAncestors} where ${jurisdictionAncestors.ancestorCode} = ${filters.province} and ${jurisdictionAncestors.descendantCode} = ${relicObjects.jurisdictionCode})`,
    );
  if (filters.stolenFrom) c.push(gte(relicObjects.theftDate, filters.stolenFrom));
  if (filters.stolenTo) c.push(lte(relicObjects.theftDate, filters.stolenTo));
  return c;
}

const thumbnailSql = sql<
  string | null
>`(select ${relicPhotos.sha256} from ${relicPhotos} where ${relicPhotos.objectId} = ${relicObjects.id} order by ${relicPhotos.sortOrder}, ${relicPhotos.createdAt} limit 1)`;

const summaryColumns = {
  publicationNo: relicObjects.publicationNo,
  status: relicObjects.status,
  titleZh: relicObjects.titleZh,
  titleEn: relicObjects.titleEn,
  objectType: relicObjects.objectType,
  periodCode: relicObjects.periodCode,
  materials: relicObjects.materials,
  theftDate: relicObjects.theftDate,
  jurisdictionCode: relicObjects.jurisdictionCode,
  isTestData: relicObjects.isTestData,
  thumbnail: thumbnailSql,
};

type SummaryRow = {
  publicationNo: string | null;
  status: ObjectStatus;
  titleZh: string;
  titleEn: string;
  objectType: string | null;
  periodCode: string | null;
  materials: string[];
  theftDate: Date | null;
  jurisdictionCode: string;
  isTestData: boolean;
  thumbnail: string | null;
  score: number;
};

function presentSummary(row: SummaryRow): PublicObjectSummary {
  const { jurisdictionCode, theftDate, publicationNo, ...rest } = row;
  return {
    ...rest,
    publicationNo: publicationNo ?? '',
    theftDate: iso(theftDate),
    provinceCode: provinceOf(jurisdictionCode),
    recovered: row.status !== 'published',
    score: Math.round(row.score * 1000) / 1000,
  };
}

/**
 * Public search: Chinese by character bigrams (no spaces needed: 玉碗 finds 青玉双耳碗), Latin words
 * by prefix; when nothing matches exactly, Latin-script text is matched by trigram similarity so a
 * typo (porcelian) still finds the object. Only published, recovered and returned objects.
 */
export async function searchPublicObjects(
  db: Db,
  filters: PublicFilters,
  page: { page: number; pageSize: number },
): Promise<{ items: PublicObjectSummary[]; total: number; capped: boolean; fuzzy: boolean }> {
  const conditions = filterConditions(filters);
  const offset = (page.page - 1) * page.pageSize;
  const q = filters.q?.trim() ?? '';
  if (!q) {
    const rows = await db
      .select({ ...summaryColumns, score: sql<number>`0`.mapWith(Number) })
      .from(relicObjects)
      .where(and(...conditions))
      .orderBy(desc(relicObjects.publishedAt), desc(relicObjects.id))
      .limit(page.pageSize)
      .offset(offset);
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(relicObjects)
      .where(and(...conditions));
    return { items: rows.map(presentSummary), total: count!.n, capped: false, fuzzy: false };
  }
  const tsq = tsQueryOf(q);
  if (tsq) {
    // Rank at most MATCH_CAP matches (a common word can match tens of thousands): bounded work per query.
    const query = sql`to_tsquery('simple', ${tsq.match})`;
    const rank = sql`ts_rank(m.search_terms, to_tsquery('simple', ${tsq.rank}))`;
    const hits = await matchQuery(
      db,
      sql`
      with m as (select ${relicObjects.id} as id, ${relicObjects.searchTerms} as search_terms from ${relicObjects}
                 where ${and(...conditions, sql`${relicObjects.searchTerms} @@ ${query}`)} limit ${MATCH_CAP + 1}),
           ranked as (select id, ${rank} as score, count(*) over () as total from m order by score desc, id desc limit ${page.pageSize} offset ${offset})
      select ranked.id, ranked.score, ranked.total from ranked order by ranked.score desc, ranked.id desc`,
    );
    if (hits.length)
      return {
        ...(await summariesOf(db, hits)),
        total: Math.min(Number(hits[0]!.total), MATCH_CAP),
        capped: Number(hits[0]!.total) > MATCH_CAP,
        fuzzy: false,
      };
    if (offset > 0) {
      const [count] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(relicObjects)
        .where(and(...conditions, sql`${relicObjects.searchTerms} @@ ${query}`));
      if (count!.n > 0) return { items: [], total: count!.n, capped: false, fuzzy: false };
    }
  }
  // Not every word is there (清代青玉碗: the record says 清, not 清代): the records that plausibly fit
  // the query's significant words, as a certificate finds them (recall-search.ts).
  const { candidates } = await recallCandidates(db, q, { conditions });
  const plausible = candidates.filter((c) => c.score >= POSSIBLE_MATCH_SCORE);
  if (plausible.length) {
    const hits = plausible.slice(offset, offset + page.pageSize);
    return { ...(await summariesOf(db, hits)), total: plausible.length, capped: false, fuzzy: true };
  }
  const latin = q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = [...new Set(latin.split(' ').filter((w) => w.length >= 3 && /[a-z]/.test(w)))].slice(0, 8);
  if (!words.length) return { items: [], total: 0, capped: false, fuzzy: false };
  // Each word is corrected against the registry's vocabulary (~32,000 words for 100k objects, trigram
  // GIN index), never compared with the text of every object; the corrected words then use the
  // tsvector index like an exact search. Words with no near word are left out.
  const near = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(NEAR_SIMILARITY)}, true)`);
    return tx.execute(sql`
      select q.w, array(select ${relicSearchWords.word} from ${relicSearchWords} where ${relicSearchWords.word} % q.w
                        order by similarity(${relicSearchWords.word}, q.w) desc, ${relicSearchWords.word} limit ${NEAR_WORDS}) as near
      from unnest(${`{${words.join(',')}}`}::text[]) as q(w)`);
  });
  const groups = (near as unknown as { rows: Array<{ w: string; near: string[] }> }).rows
    .map((r) => r.near.filter((n) => /^[\p{L}\p{N}]+$/u.test(n)).map((n) => `'${n}':*`))
    .filter((g) => g.length > 0);
  if (!groups.length) return { items: [], total: 0, capped: false, fuzzy: true };
  // Every word near-matched if possible, else any of them; ranked by trigram word similarity to the query.
  for (const joiner of groups.length > 1 ? [' & ', ' | '] : [' & ']) {
    const fuzzyQuery = sql`to_tsquery('simple', ${groups.map((g) => `(${g.join(' | ')})`).join(joiner)})`;
    const hits = await matchQuery(
      db,
      sql`
      with m as (select ${relicObjects.id} as id, ${relicObjects.searchText} as search_text from ${relicObjects}
                 where ${and(...conditions, sql`${relicObjects.searchTerms} @@ ${fuzzyQuery}`)} limit ${FUZZY_CAP + 1}),
           ranked as (select id, word_similarity(${latin}, m.search_text) as score, count(*) over () as total from m order by score desc, id desc limit ${page.pageSize} offset ${offset})
      select ranked.id, ranked.score, ranked.total from ranked order by ranked.score desc, ranked.id desc`,
    );
    if (hits.length)
      return {
        ...(await summariesOf(db, hits)),
        total: Math.min(Number(hits[0]!.total), FUZZY_CAP),
        capped: Number(hits[0]!.total) > FUZZY_CAP,
        fuzzy: true,
      };
  }
  return { items: [], total: 0, capped: false, fuzzy: true };
}

/** Typo tolerance: a query word is replaced by up to NEAR_WORDS registry words at least this trigram-similar to it. */
const NEAR_WORDS = 4;
const NEAR_SIMILARITY = 0.3;

type Hit = { id: string; score: number; total: string | number };

/** Ranked matches of a text condition, read through the search index only (see withBitmapScansOnly). */
async function matchQuery(db: Db, query: SQL): Promise<Hit[]> {
  return withBitmapScansOnly(db, async (tx) => ((await tx.execute(query)) as unknown as { rows: Hit[] }).rows);
}

/** Most matches ranked for one text query, and most near matches for a misspelt one. */
const MATCH_CAP = 1000;
const FUZZY_CAP = 300;

async function summariesOf(db: Executor, hits: Array<{ id: string; score: number }>): Promise<{ items: PublicObjectSummary[] }> {
  const rows = await db
    .select({ id: relicObjects.id, ...summaryColumns })
    .from(relicObjects)
    .where(
      inArray(
        relicObjects.id,
        hits.map((h) => h.id),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: hits
      .map((h) => byId.get(h.id))
      .filter((r) => r !== undefined)
      .map((r, i) => presentSummary({ ...r, score: Number(hits[i]!.score) })),
  };
}

/** One object on the portal by its publication number; drafts, withdrawn records and unknown numbers are all "not found". */
export async function getPublicObject(db: Executor, publicationNo: string): Promise<PublicObject> {
  const [row] = await db
    .select()
    .from(relicObjects)
    .where(and(eq(relicObjects.publicationNo, publicationNo), inArray(relicObjects.status, [...PUBLIC_STATUSES])))
    .limit(1);
  if (!row) throw notFound('relics.not_found');
  return publicObjectOf(db, row);
}

async function publicObjectOf(db: Executor, row: typeof relicObjects.$inferSelect): Promise<PublicObject> {
  const photos = await db
    .select({ sha256: relicPhotos.sha256, view: relicPhotos.view, width: relicPhotos.width, height: relicPhotos.height })
    .from(relicPhotos)
    .where(eq(relicPhotos.objectId, row.id))
    .orderBy(asc(relicPhotos.sortOrder), asc(relicPhotos.createdAt));
  // The place is named down to the city at most.
  const cityCode = row.jurisdictionCode === '100000' ? row.jurisdictionCode : `${row.jurisdictionCode.slice(0, 4)}00`;
  const [place] = await db
    .select({ nameZh: jurisdictions.nameZh, nameEn: jurisdictions.nameEn })
    .from(jurisdictions)
    .where(inArray(jurisdictions.code, [cityCode, row.jurisdictionCode]))
    .orderBy(sql`${jurisdictions.code} = ${cityCode} desc`)
    .limit(1);
  const object: PublicObject = {
    publicationNo: row.publicationNo ?? '',
    status: row.status,
    objectType: row.objectType,
    materials: row.materials,
    techniques: row.techniques,
    measurements: row.measurements,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    subjectZh: row.subjectZh,
    subjectEn: row.subjectEn,
    inscriptionsZh: row.inscriptionsZh,
    inscriptionsEn: row.inscriptionsEn,
    distinguishingFeaturesZh: row.distinguishingFeaturesZh,
    distinguishingFeaturesEn: row.distinguishingFeaturesEn,
    descriptionZh: row.descriptionZh,
    descriptionEn: row.descriptionEn,
    periodCode: row.periodCode,
    reign: row.reign,
    yearFrom: row.yearFrom,
    yearTo: row.yearTo,
    dateText: row.dateText,
    maker: row.maker,
    theftDate: iso(row.theftDate),
    provinceCode: provinceOf(row.jurisdictionCode),
    placeNameZh: place?.nameZh ?? '',
    placeNameEn: place?.nameEn ?? '',
    publishedAt: iso(row.publishedAt),
    recovered: row.status !== 'published',
    isTestData: row.isTestData,
    photos,
  };
  return object;
}
