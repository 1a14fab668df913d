import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { AgencyKind, JurisdictionLevel, Role } from './schema.ts';
import { jurisdictionAncestors, recordShares } from './schema.ts';

/** The signed-in user as every scoped query sees them. */
export interface Viewer {
  userId: string;
  username: string;
  roles: Role[];
  agencyId: string;
  agencyKind: AgencyKind;
  jurisdictionCode: string;
  jurisdictionLevel: JurisdictionLevel;
}

/** Police see by jurisdiction; every other agency is a partner and sees what is its own or shared with it. */
export function isPartnerViewer(viewer: Viewer): boolean {
  return viewer.agencyKind !== 'public_security';
}

export interface ScopedColumns {
  /** Where the record belongs in the division tree. */
  jurisdiction: AnyPgColumn;
  /** The agency that owns the record, if the table has one. */
  agency?: AnyPgColumn;
  /** For explicit shares: the record type name (or, for a table about records of several types, its type column) and its id column. */
  entityType: string | AnyPgColumn;
  id: AnyPgColumn;
}

/**
 * The one scoping rule, as a WHERE condition for any table with a jurisdiction column:
 * - police users see records of their jurisdiction and everything below it (national sees all);
 * - partner-agency users see records of their own agency within their jurisdiction subtree, plus
 *   records explicitly shared with their agency.
 */
export function scopeCondition(viewer: Viewer, columns: ScopedColumns): SQL {
  const inSubtree =
    viewer.jurisdictionLevel === 'national'
      ? sql`true`
      : sql`exists (select 1 from ${jurisdictionAncestors} where ${jurisdictionAncestors.ancestorCode} = ${viewer.jurisdictionCode} and ${jurisdictionAncestors.descendantCode} = ${columns.jurisdiction})`;
  if (!isPartnerViewer(viewer)) return inSubtree;
  const owned = columns.agency ? sql`(${columns.agency} = ${viewer.agencyId} and ${inSubtree})` : sql`false`;
  const shared = sql`exists (select 1 from ${recordShares} where ${recordShares.entityType} = ${columns.entityType} and ${recordShares.entityId} = ${columns.id}::text and ${recordShares.agencyId} = ${viewer.agencyId})`;
  return sql`(${owned} or ${shared})`;
}
