import { asc, eq } from 'drizzle-orm';
import { type FieldError, invalid } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import type { Viewer } from '../org/index.ts';
import { findCaseInScope } from './access.ts';
import { futureDateProblem } from './dates.ts';
import { caseEvents, caseIdentifiers, type PropertyAction, type PropertyKind, type PropertyUnit, propertyItems } from './schema.ts';
import { unitFitsKind } from './vocabulary.ts';

export interface PropertyItem {
  id: string;
  kind: PropertyKind;
  quantity: string;
  unit: PropertyUnit;
  action: PropertyAction;
  at: Date;
  description: string | null;
  objectRef: string | null;
}

const itemColumns = {
  id: propertyItems.id,
  kind: propertyItems.kind,
  quantity: propertyItems.quantity,
  unit: propertyItems.unit,
  action: propertyItems.action,
  at: propertyItems.at,
  description: propertyItems.description,
  objectRef: propertyItems.objectRef,
};

export async function listProperty(db: Db, viewer: Viewer, caseId: string): Promise<PropertyItem[]> {
  await findCaseInScope(db, viewer, caseId);
  return db.select(itemColumns).from(propertyItems).where(eq(propertyItems.caseId, caseId)).orderBy(asc(propertyItems.at));
}

export interface NewPropertyItem {
  kind: PropertyKind;
  quantity: string;
  unit: PropertyUnit;
  action: PropertyAction;
  at: Date;
  description?: string | undefined;
  objectRef?: string | undefined;
}

export function propertyProblems(input: Pick<NewPropertyItem, 'kind' | 'unit' | 'quantity'>): FieldError[] {
  const problems: FieldError[] = [];
  const quantity = Number(input.quantity);
  if (!Number.isFinite(quantity)) problems.push({ path: '/quantity', message: 'cases.not_a_number' });
  else if (quantity <= 0) problems.push({ path: '/quantity', message: 'cases.quantity_not_positive' });
  if (!unitFitsKind(input.kind, input.unit)) problems.push({ path: '/unit', message: 'cases.unit_invalid_for_kind' });
  return problems;
}

/** Records an item seized, recovered, stopped, frozen or returned; the statistics count from here. */
export async function addProperty(db: Db, viewer: Viewer, actor: Actor, caseId: string, input: NewPropertyItem): Promise<PropertyItem> {
  const problems = propertyProblems(input);
  const future = futureDateProblem(input.at, '/at');
  if (future) problems.push(future);
  if (problems.length) throw invalid(problems);
  return db.transaction(async (tx) => {
    const theCase = await findCaseInScope(tx, viewer, caseId, { forUpdate: true });
    const [item] = await tx
      .insert(propertyItems)
      .values({ ...input, caseId, description: input.description ?? null, objectRef: input.objectRef ?? null })
      .returning(itemColumns);
    if (input.objectRef) await tx.insert(caseIdentifiers).values({ caseId, kind: 'object', value: input.objectRef }).onConflictDoNothing();
    await tx.insert(caseEvents).values({
      caseId,
      kind: 'property_added',
      at: input.at,
      note: `${input.action} ${input.quantity} ${input.unit} ${input.kind}`,
      actorUserId: actor.userId,
    });
    await appendAudit(tx, actor, {
      action: 'case.property.add',
      entityType: 'case',
      entityId: caseId,
      jurisdictionCode: theCase.jurisdictionCode,
      after: item,
    });
    return item!;
  });
}
