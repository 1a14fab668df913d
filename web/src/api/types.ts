// Shapes of the server's JSON, as agreed in the server contract.

// Vocabularies come from the server's own files (no imports there), so the two cannot drift.
export { AGENCY_KINDS, JURISDICTION_LEVELS, ROLES } from '../../../src/modules/org/vocabulary';
export type { AgencyKind, JurisdictionLevel, Role } from '../../../src/modules/org/vocabulary';
import type { JurisdictionLevel } from '../../../src/modules/org/vocabulary';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  agency: { id: string; kind: string; nameZh: string; nameEn: string };
  jurisdiction: { code: string; nameZh: string; nameEn: string; level: JurisdictionLevel };
  csrfToken: string;
}

export interface Agency {
  id: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  jurisdictionCode: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  agencyId: string;
  jurisdictionCode: string;
  disabled: boolean;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorUsername: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
}

export interface Jurisdiction {
  code: string;
  nameZh: string;
  nameEn: string;
  level: JurisdictionLevel;
  parentCode: string | null;
}

export interface Health {
  status: string;
  database: string;
  version: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ItemList<T> {
  items: T[];
}

export interface FieldError {
  path: string;
  message: string;
}

/** Every error response of the server has this body. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[] };
}

// ---- Cases -------------------------------------------------------------------------------

export {
  ACTIONS_NEEDING_REASON, CASE_ACTIONS, CASE_SORTS, CASE_STATUSES, DATE_FIELDS as CASE_DATE_FIELDS, IDENTIFIER_KINDS, IMPORT_KINDS,
  PARTY_ROLES, PARTY_STATUSES, PROPERTY_ACTIONS, PROPERTY_KINDS, PROPERTY_UNITS, SUPERVISION_LEVELS, UNITS_BY_KIND,
} from '../../../src/modules/cases/vocabulary';
export type {
  CaseAction, CaseSort, CaseStatus, DateField as CaseDateField, IdentifierKind, ImportKind, PartyRole, PartyStatus, PropertyAction,
  PropertyKind, PropertyUnit, SupervisionLevel,
} from '../../../src/modules/cases/vocabulary';
import type {
  CaseAction, CaseSort, CaseStatus, DateField as CaseDateField, IdentifierKind, ImportKind, PartyRole, PartyStatus, PropertyAction, PropertyKind, PropertyUnit, SupervisionLevel,
} from '../../../src/modules/cases/vocabulary';

export const SUPERVISION_FILTERS = ['any', 'province', 'ministry'] as const;
export type SupervisionFilter = (typeof SUPERVISION_FILTERS)[number];

export interface CaseCategory {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
}

export interface CaseSummary {
  id: string;
  caseNo: string;
  categoryCode: string;
  title: string;
  jurisdictionCode: string;
  jurisdictionNameZh: string;
  jurisdictionNameEn: string;
  status: CaseStatus;
  reportedAt: string;
  filedAt: string | null;
  solvedAt: string | null;
  prosecutedAt: string | null;
  closedAt: string | null;
  dismissedAt: string | null;
  supervision: SupervisionLevel;
  lossAmount: string | null;
  campaignCodes: string[];
}

export interface CaseDetail extends CaseSummary {
  summary: string;
  occurredAt: string | null;
  agencyId: string;
  dismissalReason: string | null;
  supervisionReason: string | null;
  supervisionSetByUsername: string | null;
  supervisionSetAt: string | null;
  createdAt: string;
  updatedAt: string;
  allowedActions: CaseAction[];
}

export interface PagedList<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /api/cases: past 10,000 matches (fewer with a text search) the total is the server's estimate. */
export interface CaseList extends PagedList<CaseSummary> {
  totalIsEstimate: boolean;
}

/** Query of GET /api/cases and /api/cases/export (every field optional). */
export interface CaseQuery {
  q?: string;
  category?: string;
  status?: CaseStatus[];
  jurisdiction?: string;
  dateField?: CaseDateField;
  from?: string;
  to?: string;
  campaign?: string;
  supervision?: SupervisionFilter;
  sort?: CaseSort;
  page?: number;
  pageSize?: number;
}

export interface NewCase {
  caseNo?: string;
  categoryCode: string;
  title: string;
  summary?: string;
  jurisdictionCode: string;
  occurredAt?: string;
  reportedAt: string;
  lossAmount?: string;
  campaignCodes?: string[];
}

export interface CasePatch {
  title?: string;
  summary?: string;
  categoryCode?: string;
  occurredAt?: string | null;
  lossAmount?: string | null;
  campaignCodes?: string[];
}

export interface TimelineEntry {
  at: string;
  kind: string;
  note: string | null;
  actorUsername: string | null;
}



export interface CaseParty {
  personId: string;
  role: PartyRole;
  status: PartyStatus;
  arrestedAt: string | null;
  detainedAt: string | null;
  prosecutedAt: string | null;
  name: string;
  idNumber: string | null;
  phone: string | null;
  masked: boolean;
}

export interface NewParty {
  role: PartyRole;
  name: string;
  idNumber?: string;
  phone?: string;
  status?: PartyStatus;
  arrestedAt?: string;
}

export interface PartyPatch {
  role: PartyRole;
  status?: PartyStatus;
  arrestedAt?: string | null;
  detainedAt?: string | null;
  prosecutedAt?: string | null;
}


export interface PropertyItem {
  id: string;
  kind: PropertyKind;
  quantity: string;
  unit: PropertyUnit;
  action: PropertyAction;
  at: string;
  description: string | null;
  objectRef: string | null;
}

export interface NewPropertyItem {
  kind: PropertyKind;
  quantity: string;
  unit: PropertyUnit;
  action: PropertyAction;
  at: string;
  description?: string;
  objectRef?: string;
}

export interface CaseLink {
  caseId: string;
  caseNo: string;
  title: string;
  reason: string;
  createdAt: string;
}


export interface LinkSuggestion {
  caseId: string;
  caseNo: string;
  title: string;
  jurisdictionCode: string;
  score: number;
  shared: { kind: IdentifierKind; value: string }[];
  textSimilarity: number;
}

export interface CaseGraph {
  nodes: { id: string; type: 'case' | 'person' | 'identifier'; label: string; caseId?: string }[];
  edges: { source: string; target: string; kind: string }[];
}

export interface CaseAuditEntry {
  id: string | number;
  at: string;
  actorUsername: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

// ---- Imports -----------------------------------------------------------------------------


export interface ImportError {
  row: number;
  column: string | null;
  value: string | null;
  /** Machine code of the problem (e.g. import.unknown_category). */
  code?: string;
  /** In the request's language. */
  reason: string;
}

export interface ImportReport {
  kind: ImportKind;
  dryRun: boolean;
  encoding: string;
  rows: number;
  imported: number;
  errors: ImportError[];
  /** All errors found; `errors` may list only the first of them. */
  errorCount?: number;
  warnings: string[];
  durationMs: number;
  fileName?: string;
  format?: 'csv' | 'xlsx';
  timeZone?: string;
}
