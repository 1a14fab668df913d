// Loads the labelled registry into a database and measures certificate search on the labelled
// descriptions (labelled-set.ts): recall@1, recall (the described object among the possible
// matches, so the certificate says "possible match — review") and false alarms (a description of
// an unregistered object flagged), with the latency of each search.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { importObjects, issueCertificate, type PhotoStore, POSSIBLE_MATCH_SCORE, recallCandidates } from '../../src/modules/relics/index.ts';
import { seedDemoRegistry } from '../../src/seed/demo-registry.ts';
import { generatedDistractors, jadeRegistry, type LabelledDescription, labelledSet, waltersChineseRegistry } from './labelled-set.ts';

/** Demo registry, jades, Walters Chinese objects and `distractors` generated records, published; the labelled descriptions. */
export async function loadLabelledRegistry(
  db: Db,
  store: PhotoStore,
  options: { distractors: number; agencyId?: string; extra?: Array<[string, Buffer]> },
): Promise<{ set: LabelledDescription[]; publicationNo: Map<string, string> }> {
  if ((await seedDemoRegistry(db, store)) !== 10) throw new Error('the demo registry needs an empty registry and the demo agencies');
  const agencyId =
    options.agencyId ??
    ((await db.execute(sql`select agency_id from relic_objects limit 1`)) as unknown as { rows: Array<{ agency_id: string }> }).rows[0]!.agency_id;
  const jades = jadeRegistry();
  const walters = waltersChineseRegistry();
  const actor = { userId: null, username: 'bench' };
  // `extra` (the bench's registry at scale) may hold every Walters record instead of the Chinese ones.
  const files: Array<[string, Buffer]> = [
    ['jades.csv', jades.csv],
    ...(options.extra ?? ([['walters-chinese.csv', walters.csv]] as Array<[string, Buffer]>)),
    ['distractors.csv', generatedDistractors(options.distractors)],
  ];
  for (const [fileName, bytes] of files) {
    const report = await importObjects(db, { fileName, bytes, actor, agencyId, store, publish: 'complete', isTestData: true, source: fileName });
    if (report.errorCount) throw new Error(`${fileName}: ${JSON.stringify(report.errors[0])}`);
  }
  const rows = (
    (await db.execute(sql`select object_ref, publication_no from relic_objects where publication_no is not null`)) as unknown as {
      rows: Array<{ object_ref: string; publication_no: string }>;
    }
  ).rows;
  const publicationNo = new Map(rows.map((r) => [r.object_ref, r.publication_no]));
  // Only descriptions of published records count as registered (a record missing Object ID fields stays a draft).
  const set = labelledSet(jades.records, walters.records).filter((d) => d.expected === null || publicationNo.has(d.expected));
  return { set, publicationNo };
}

export interface Outcome {
  description: LabelledDescription;
  top: string | null;
  topScore: number;
  rankOfExpected: number | null;
  expectedScore: number | null;
  flagged: boolean;
  ms: number;
}

/** What a search answers for a description: objects best first with scores, and whether it flags a possible match. */
export type Searcher = (db: Db, text: string) => Promise<{ ranked: Array<{ publicationNo: string; score: number }>; flagged: boolean }>;

/** The ranking itself (every candidate, with its score), flagged at POSSIBLE_MATCH_SCORE: for threshold sweeps. */
export const rankedSearch: Searcher = async (db, text) => {
  const { candidates } = await recallCandidates(db, text);
  return { ranked: candidates, flagged: (candidates[0]?.score ?? 0) >= POSSIBLE_MATCH_SCORE };
};

/** What a certificate says (issued as the public would, and stored): its listed matches and its result. */
export const certificateSearch: Searcher = async (db, text) => {
  const cert = await issueCertificate(db, { userId: null, username: 'bench' }, { description: text, lang: 'zh' });
  return { ranked: cert.matches, flagged: cert.result === 'possible_match' };
};

export async function evaluate(
  db: Db,
  set: LabelledDescription[],
  publicationNo: Map<string, string>,
  search: Searcher = rankedSearch,
): Promise<{ outcomes: Outcome[]; figures: Figures }> {
  const outcomes: Outcome[] = [];
  for (const d of set) {
    const started = performance.now();
    const { ranked, flagged } = await search(db, d.text);
    const ms = performance.now() - started;
    const expected = d.expected ? publicationNo.get(d.expected)! : null;
    const rank = expected ? ranked.findIndex((c) => c.publicationNo === expected) : -1;
    outcomes.push({
      description: d,
      top: ranked[0]?.publicationNo ?? null,
      topScore: ranked[0]?.score ?? 0,
      rankOfExpected: rank >= 0 ? rank + 1 : null,
      expectedScore: rank >= 0 ? ranked[rank]!.score : null,
      flagged,
      ms,
    });
  }
  return { outcomes, figures: figuresOf(outcomes) };
}

export interface Figures {
  threshold: number;
  registered: number;
  unregistered: number;
  /** The described object first among the possible matches. */
  recallAt1: number;
  /** The described object among the certificate's possible matches (score ≥ threshold, in its list of 20). */
  recall: number;
  /** The certificate says "possible match — review" for a description of a registered object (whichever object is first). */
  flagged: number;
  /** Descriptions of unregistered objects the certificate flags. */
  falseAlarmRate: number;
  byTemplate: Record<string, { n: number; recall: number; recallAt1: number }>;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : 0);

/**
 * The figures as searched (`flagged` as the search said), or at another threshold over the ranked
 * scores. Recall counts the described object listed: scored at least the threshold, among the first 20
 * (a certificate lists 20).
 */
export function figuresOf(outcomes: Outcome[], at?: number): Figures {
  const threshold = at ?? POSSIBLE_MATCH_SCORE;
  const flags = (o: Outcome) => (at === undefined ? o.flagged : o.topScore >= at);
  // As searched, the list is the certificate's (whatever its scores' scale); at a threshold, the candidates scoring at least it.
  const listed = (o: Outcome) =>
    flags(o) && o.rankOfExpected !== null && o.rankOfExpected <= 20 && (at === undefined || (o.expectedScore ?? 0) >= at);
  const registered = outcomes.filter((o) => o.description.expected);
  const unregistered = outcomes.filter((o) => !o.description.expected);
  const byTemplate: Figures['byTemplate'] = {};
  for (const o of registered) {
    const t = (byTemplate[o.description.template] ??= { n: 0, recall: 0, recallAt1: 0 });
    t.n++;
    if (listed(o)) t.recall++;
    if (listed(o) && o.rankOfExpected === 1) t.recallAt1++;
  }
  for (const t of Object.values(byTemplate)) {
    t.recall = ratio(t.recall, t.n);
    t.recallAt1 = ratio(t.recallAt1, t.n);
  }
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const pct = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]! * 10) / 10;
  return {
    threshold,
    registered: registered.length,
    unregistered: unregistered.length,
    recallAt1: ratio(registered.filter((o) => listed(o) && o.rankOfExpected === 1).length, registered.length),
    recall: ratio(registered.filter(listed).length, registered.length),
    flagged: ratio(registered.filter(flags).length, registered.length),
    falseAlarmRate: ratio(unregistered.filter(flags).length, unregistered.length),
    byTemplate,
    p50Ms: pct(50),
    p95Ms: pct(95),
    maxMs: pct(100),
  };
}
