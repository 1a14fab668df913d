import { sql } from 'drizzle-orm';
import { DomainError, notFound } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import { isPartnerViewer, type Viewer } from '../org/index.ts';
import type { Text } from './metrics.ts';

/** What a figure is about besides its period: a jurisdiction subtree, a category subtree, a campaign. */
export interface ScopeInput {
  jurisdiction?: string | undefined;
  category?: string | undefined;
  campaign?: string | undefined;
}

export interface ResolvedScope {
  jurisdiction: string;
  jurisdictionName: Text;
  category: string | null;
  categoryName: Text | null;
  campaign: string | null;
  /** Agency whose records alone count (partner agencies see their own records only). */
  agencyId: string | null;
  /** The daily rollup answers when no campaign or agency restricts the records. */
  useRollup: boolean;
}

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Checks the scope against the viewer: a jurisdiction outside theirs is "not found", like any
 * record out of scope; an unknown category is a validation error.
 */
export async function resolveScope(
  db: Executor,
  viewer: Viewer,
  input: ScopeInput,
  fields = { jurisdiction: '/jurisdiction', category: '/category' },
): Promise<ResolvedScope> {
  const code = input.jurisdiction ?? viewer.jurisdictionCode;
  const [j] = rows<{ name_zh: string; name_en: string }>(
    await db.execute(sql`
    select j.name_zh, j.name_en from jurisdictions j
     where j.code = ${code}
       and exists (select 1 from jurisdiction_ancestors a where a.ancestor_code = ${viewer.jurisdictionCode} and a.descendant_code = j.code)`),
  );
  if (!j) throw notFound('stats.jurisdiction_not_found');
  let categoryName: Text | null = null;
  if (input.category) {
    const [c] = rows<{ name_zh: string; name_en: string }>(
      await db.execute(sql`select name_zh, name_en from case_categories where code = ${input.category}`),
    );
    if (!c)
      throw new DomainError('validation', 'stats.unknown_category', [{ path: fields.category, message: 'stats.unknown_category' }], {
        category: input.category,
      });
    categoryName = { zh: c.name_zh, en: c.name_en };
  }
  const agencyId = isPartnerViewer(viewer) ? viewer.agencyId : null;
  return {
    jurisdiction: code,
    jurisdictionName: { zh: j.name_zh, en: j.name_en },
    category: input.category ?? null,
    categoryName,
    campaign: input.campaign ?? null,
    agencyId,
    useRollup: !input.campaign && !agencyId,
  };
}
