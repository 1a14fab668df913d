import { and, desc, eq, sql } from 'drizzle-orm';
import { DomainError, notFound } from '../../core/errors.ts';
import type { Db, Executor } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import type { Viewer } from '../org/index.ts';
import { checkDefinition, type ReportDefinition } from './definition.ts';
import { reportDefinitions } from './schema.ts';

export interface StoredDefinition {
  id: string;
  jurisdictionCode: string;
  name: string;
  definition: ReportDefinition;
  createdAt: Date;
  updatedAt: Date;
}

export interface SaveDefinition {
  name: string;
  definition: unknown;
}

/** Definitions owned by the viewer's jurisdiction or any below it. */
const visible = (viewer: Viewer) =>
  viewer.jurisdictionLevel === 'national'
    ? sql`true`
    : sql`exists (select 1 from jurisdiction_ancestors a where a.ancestor_code = ${viewer.jurisdictionCode} and a.descendant_code = ${reportDefinitions.jurisdictionCode})`;

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100)
    throw new DomainError('validation', 'reports.bad_definition_name', [{ path: '/name', message: 'reports.bad_definition_name' }]);
  return trimmed;
}

function present(row: typeof reportDefinitions.$inferSelect): StoredDefinition {
  return {
    id: row.id,
    jurisdictionCode: row.jurisdictionCode,
    name: row.name,
    definition: row.definition as ReportDefinition,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listDefinitions(db: Executor, viewer: Viewer): Promise<StoredDefinition[]> {
  return (await db.select().from(reportDefinitions).where(visible(viewer)).orderBy(desc(reportDefinitions.updatedAt)).limit(200)).map(present);
}

/**
 * Saves a definition under the viewer's jurisdiction (a new one, or `id` replaced). The definition
 * is checked first (a template naming a missing figure is refused); a name already used in the
 * jurisdiction is a conflict; the save and its audit entry are one transaction.
 */
export async function saveDefinition(db: Db, viewer: Viewer, actor: Actor, input: SaveDefinition, id?: string): Promise<StoredDefinition> {
  const name = checkName(input.name);
  const definition = checkDefinition(input.definition);
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: reportDefinitions.id })
      .from(reportDefinitions)
      .where(and(eq(reportDefinitions.jurisdictionCode, viewer.jurisdictionCode), eq(reportDefinitions.name, name)));
    if (taken && taken.id !== id)
      throw new DomainError('conflict', 'reports.definition_name_taken', [{ path: '/name', message: 'reports.definition_name_taken' }], { name });
    if (id) {
      const [before] = await tx
        .select()
        .from(reportDefinitions)
        .where(and(eq(reportDefinitions.id, id), visible(viewer)))
        .for('update');
      if (!before) throw notFound('reports.definition_not_found');
      const [row] = await tx
        .update(reportDefinitions)
        .set({ name, definition, updatedBy: viewer.userId, updatedAt: new Date() })
        .where(eq(reportDefinitions.id, id))
        .returning();
      await appendAudit(tx, actor, {
        action: 'report_definition.update',
        entityType: 'report_definition',
        entityId: id,
        jurisdictionCode: before.jurisdictionCode,
        before: { name: before.name, definition: before.definition },
        after: { name, definition },
      });
      return present(row!);
    }
    const [row] = await tx
      .insert(reportDefinitions)
      .values({
        jurisdictionCode: viewer.jurisdictionCode,
        name,
        definition,
        createdBy: viewer.userId,
        updatedBy: viewer.userId,
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'report_definition.create',
      entityType: 'report_definition',
      entityId: row!.id,
      jurisdictionCode: viewer.jurisdictionCode,
      after: { name, definition },
    });
    return present(row!);
  });
}

/** Deletes a saved definition the viewer can see; the audit entry keeps what it held. */
export async function deleteDefinition(db: Db, viewer: Viewer, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(reportDefinitions)
      .where(and(eq(reportDefinitions.id, id), visible(viewer)))
      .for('update');
    if (!before) throw notFound('reports.definition_not_found');
    await tx.delete(reportDefinitions).where(eq(reportDefinitions.id, id));
    await appendAudit(tx, actor, {
      action: 'report_definition.delete',
      entityType: 'report_definition',
      entityId: id,
      jurisdictionCode: before.jurisdictionCode,
      before: { name: before.name, definition: before.definition },
    });
  });
}
