import type { ObjectAction, ObjectStatus } from './vocabulary.ts';

/** draft → under review → published → recovered → returned; withdrawn from review or the portal; redrafted after. */
export const TRANSITIONS: Record<ObjectAction, { from: readonly ObjectStatus[]; to: ObjectStatus }> = {
  submit: { from: ['draft'], to: 'under_review' },
  approve: { from: ['under_review'], to: 'published' },
  reject: { from: ['under_review'], to: 'draft' },
  withdraw: { from: ['under_review', 'published'], to: 'withdrawn' },
  redraft: { from: ['withdrawn'], to: 'draft' },
  recover: { from: ['published'], to: 'recovered' },
  return: { from: ['recovered'], to: 'returned' },
};

export const NEEDS_REASON: ReadonlySet<ObjectAction> = new Set(['reject', 'withdraw']);

export function allowedObjectActions(status: ObjectStatus): ObjectAction[] {
  return (Object.keys(TRANSITIONS) as ObjectAction[]).filter((a) => TRANSITIONS[a].from.includes(status));
}

/**
 * Statuses whose fields may be edited (by a user with relics.write whose scope holds the object).
 * Under review is not: the reviewer approves exactly what was submitted (four-eyes), so a change
 * goes through reject (back to draft) or withdraw and redraft. Published objects likewise.
 */
export const EDITABLE_STATUSES: readonly ObjectStatus[] = ['draft'];

export const isEditable = (status: ObjectStatus) => EDITABLE_STATUSES.includes(status);
