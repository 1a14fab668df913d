import type { PropertyKind, PropertyUnit } from './schema.ts';

/** Which units make sense for each kind of property; `other` takes any. */
export const UNITS_BY_KIND: Record<PropertyKind, readonly PropertyUnit[]> = {
  cultural_relic: ['piece', 'set'],
  cash: ['yuan'],
  funds: ['yuan'],
  drugs: ['kg', 'g'],
  catch: ['kg'],
  vessel: ['vessel'],
  bank_card: ['card'],
  sim_card: ['card'],
  firearm: ['piece'],
  vehicle: ['vehicle'],
  other: ['piece', 'kg', 'g', 'yuan', 'vessel', 'card', 'vehicle', 'set', 'item'],
};

export function unitFitsKind(kind: PropertyKind, unit: PropertyUnit): boolean {
  return UNITS_BY_KIND[kind].includes(unit);
}
