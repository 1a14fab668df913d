import { and, eq } from 'drizzle-orm';
import { notFound } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import { scopeCondition, type Viewer } from '../org/index.ts';
import { relicObjects } from './schema.ts';

export const objectScope = (viewer: Viewer) =>
  scopeCondition(viewer, {
    jurisdiction: relicObjects.jurisdictionCode,
    agency: relicObjects.agencyId,
    entityType: 'relic_object',
    id: relicObjects.id,
  });

export type ObjectRow = typeof relicObjects.$inferSelect;

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** The object if the viewer may see it; otherwise "not found", whether it exists or not. */
export async function findObjectInScope(db: Executor, viewer: Viewer, id: string, options: { forUpdate?: boolean } = {}): Promise<ObjectRow> {
  if (!isUuid(id)) throw notFound('relics.not_found');
  const query = db
    .select()
    .from(relicObjects)
    .where(and(eq(relicObjects.id, id), objectScope(viewer)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update', { of: relicObjects }) : await query;
  if (!row) throw notFound('relics.not_found');
  return row;
}
