// Shapes of the server's JSON, as agreed in the server contract.

export const ROLES = [
  'admin',
  'commander',
  'analyst',
  'investigator',
  'partner_officer',
  'site_guard',
  'fraud_operator',
] as const;
export type Role = (typeof ROLES)[number];

export const AGENCY_KINDS = [
  'public_security',
  'cultural_heritage',
  'customs',
  'market_regulation',
  'procuratorate',
  'court',
  'bank',
  'telecom',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const JURISDICTION_LEVELS = ['national', 'province', 'city', 'county'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

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

export const CASE_STATUSES = ['reported', 'filed', 'solved', 'prosecuted', 'closed', 'dismissed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const SUPERVISION_LEVELS = ['none', 'province', 'ministry'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

export const CASE_ACTIONS = ['file', 'solve', 'prosecute', 'close', 'dismiss', 'reopen'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Actions whose request must carry a reason. */
export const ACTIONS_NEEDING_REASON: readonly CaseAction[] = ['dismiss', 'reopen'];

export const CASE_DATE_FIELDS = ['reported_at', 'filed_at', 'solved_at', 'occurred_at'] as const;
export type CaseDateField = (typeof CASE_DATE_FIELDS)[number];

export const CASE_SORTS = [
  'reported_at', '-reported_at', 'case_no', '-case_no', 'filed_at', '-filed_at', 'solved_at', '-solved_at',
] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

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

export const PARTY_ROLES = ['suspect', 'victim', 'witness'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const PARTY_STATUSES = ['none', 'at_large', 'arrested', 'detained', 'prosecuted', 'released'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

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

export const PROPERTY_KINDS = [
  'cultural_relic', 'cash', 'funds', 'drugs', 'catch', 'vessel', 'bank_card', 'sim_card', 'firearm', 'vehicle', 'other',
] as const;
export type PropertyKind = (typeof PROPERTY_KINDS)[number];

export const PROPERTY_UNITS = ['piece', 'kg', 'g', 'yuan', 'vessel', 'card', 'vehicle', 'set', 'item'] as const;
export type PropertyUnit = (typeof PROPERTY_UNITS)[number];

export const PROPERTY_ACTIONS = ['seized', 'recovered', 'stopped', 'frozen', 'returned'] as const;
export type PropertyAction = (typeof PROPERTY_ACTIONS)[number];

/** Units that fit each kind (the server refuses others); `other` takes any. */
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
  other: PROPERTY_UNITS,
};

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

export const IDENTIFIER_KINDS = ['phone', 'bank_account', 'id_number', 'plate', 'object'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

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

export const IMPORT_KINDS = ['cases', 'parties', 'property', 'gangs'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

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
