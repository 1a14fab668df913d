import { and, eq } from 'drizzle-orm';
import { notFound } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import { scopeCondition, type Viewer } from '../org/index.ts';
import { cases } from './schema.ts';

export const caseScope = (viewer: Viewer) =>
  scopeCondition(viewer, { jurisdiction: cases.jurisdictionCode, agency: cases.agencyId, entityType: 'case', id: cases.id });

export type CaseRow = typeof cases.$inferSelect;

/** The case if the viewer may see it; otherwise "not found", whether it exists or not. */
export async function findCaseInScope(db: Executor, viewer: Viewer, id: string, options: { forUpdate?: boolean } = {}): Promise<CaseRow> {
  const query = db
    .select()
    .from(cases)
    .where(and(eq(cases.id, id), caseScope(viewer)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update', { of: cases }) : await query;
  if (!row) throw notFound('cases.not_found');
  return row;
}

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
