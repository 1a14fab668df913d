/**
 * Which units each kind of property may be counted in (`other` takes any): one table for the
 * importer and the case service alike. It lives in the cases module (../units.ts); this is the
 * importer's name for it.
 */
export { UNITS_BY_KIND, unitFitsKind } from '../units.ts';
