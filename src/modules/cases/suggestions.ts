import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/index.ts';
import type { Viewer } from '../org/index.ts';
import { caseScope, findCaseInScope } from './access.ts';
import { maskIdentifier } from './masking.ts';
import { seesPersonalData } from './parties.ts';
import { cases, type IdentifierKind } from './schema.ts';
import { queryTerms } from './search-terms.ts';

export interface LinkSuggestion {
  caseId: string;
  caseNo: string;
  title: string;
  jurisdictionCode: string;
  score: number;
  shared: Array<{ kind: IdentifierKind; value: string }>;
  textSimilarity: number;
}

const LIMIT = 20;
// The most distinctive terms of a summary are enough to find similar modus operandi.
const TEXT_TERMS = 24;
// Similar text is sought among cases of the same category reported within a year either side:
// a series runs over months, and the bound keeps ts_rank off the whole table (2 s → ms at 1M cases).
const TEXT_WINDOW_MS = 365 * 86_400_000;
const TEXT_CANDIDATES = 500;

/** Terms of the text as the index holds them, without characters that mean something to to_tsquery. */
function modusOperandiTerms(text: string): string[] {
  return queryTerms(text)
    .map((t) => t.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((t) => t.length >= 2)
    .slice(0, TEXT_TERMS);
}

type Row = Record<string, unknown>;
const rows = (result: unknown) => (result as { rows: Row[] }).rows;

/**
 * Cases that probably belong with this one (串并案 candidates), from everything the viewer may
 * see: cases sharing identifiers (phones, accounts, ID numbers, plates, registry objects) rank
 * first, one point per shared identifier; similar modus-operandi text (same category, reported
 * within a year) adds its ts_rank.
 * Already-linked cases are left out.
 */
export async function suggestLinks(db: Db, viewer: Viewer, actor: Actor, caseId: string): Promise<LinkSuggestion[]> {
  const theCase = await findCaseInScope(db, viewer, caseId);
  const scope = caseScope(viewer);
  const notLinked = sql`not exists (select 1 from case_links l where (l.case_a = ${caseId} and l.case_b = ${cases.id}) or (l.case_b = ${caseId} and l.case_a = ${cases.id}))`;

  const shared = rows(
    await db.execute(sql`
    select ${cases.id} as case_id, json_agg(json_build_object('kind', mine.kind, 'value', mine.value)) as shared, count(*)::int as n
    from case_identifiers mine
    join case_identifiers theirs on theirs.kind = mine.kind and theirs.value = mine.value and theirs.case_id <> mine.case_id
    join ${cases} on ${cases.id} = theirs.case_id
    where mine.case_id = ${caseId} and ${scope} and ${notLinked}
    group by ${cases.id} order by n desc limit ${LIMIT}`),
  );

  const terms = modusOperandiTerms(theCase.summary || theCase.title);
  const query = terms.join(' | ');
  const windowStart = new Date(theCase.reportedAt.getTime() - TEXT_WINDOW_MS);
  const windowEnd = new Date(theCase.reportedAt.getTime() + TEXT_WINDOW_MS);
  // Rank only the nearest-in-time matches: read in index order (category, reported_at) and
  // stopped after TEXT_CANDIDATES rows, instead of ranking every match of a common category.
  const similar = terms.length
    ? rows(
        await db.execute(sql`
    select candidate.id as case_id, ts_rank(candidate.search_terms, to_tsquery('simple', ${query})) as rank
    from (
      select ${cases.id} as id, ${cases.searchTerms} as search_terms
      from ${cases}
      where ${cases.categoryCode} = ${theCase.categoryCode} and ${cases.reportedAt} between ${windowStart} and ${windowEnd}
        and ${cases.id} <> ${caseId} and ${cases.searchTerms} @@ to_tsquery('simple', ${query}) and ${scope} and ${notLinked}
      order by ${cases.reportedAt} desc
      limit ${TEXT_CANDIDATES}
    ) candidate
    order by rank desc limit ${LIMIT}`),
      )
    : [];

  const byCase = new Map<string, { shared: LinkSuggestion['shared']; textSimilarity: number }>();
  for (const r of shared) byCase.set(String(r.case_id), { shared: r.shared as LinkSuggestion['shared'], textSimilarity: 0 });
  for (const r of similar) {
    const entry = byCase.get(String(r.case_id)) ?? { shared: [], textSimilarity: 0 };
    entry.textSimilarity = Number(Number(r.rank).toFixed(4));
    byCase.set(String(r.case_id), entry);
  }
  if (!byCase.size) return [];
  const details = rows(
    await db.execute(
      sql`select id, case_no, title, jurisdiction_code from cases where id in (${sql.join(
        [...byCase.keys()].map((id) => sql`${id}`),
        sql`, `,
      )})`,
    ),
  );
  const unmasked = seesPersonalData(viewer);
  const suggestions = details
    .map((d) => {
      const entry = byCase.get(String(d.id))!;
      return {
        caseId: String(d.id),
        caseNo: String(d.case_no),
        title: String(d.title),
        jurisdictionCode: String(d.jurisdiction_code),
        score: Number((entry.shared.length + entry.textSimilarity).toFixed(4)),
        shared: entry.shared.map((s) => ({ kind: s.kind, value: unmasked ? s.value : maskIdentifier(s.kind, s.value) })),
        textSimilarity: entry.textSimilarity,
      };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, LIMIT);
  if (unmasked && suggestions.some((s) => s.shared.length)) {
    await recordAudit(db, actor, {
      action: 'case.identifiers.read',
      entityType: 'case',
      entityId: caseId,
      jurisdictionCode: theCase.jurisdictionCode,
    });
  }
  return suggestions;
}
