// Shapes of the server's JSON, derived from the generated route schemas (schema.ts), and the vocabularies it uses.
import type { BodyOf, ItemOf, ResponseOf, Schemas } from './schema';

export type { AgencyKind, JurisdictionLevel, Role } from '../../../src/modules/org/vocabulary';
// Vocabularies come from the server's own files (no imports there), so the two cannot drift.
export { AGENCY_KINDS, JURISDICTION_LEVELS, ROLES } from '../../../src/modules/org/vocabulary';

export type Me = Schemas['Me'];
export type AgencyPage = ResponseOf<'/api/agencies'>;
export type Agency = ItemOf<AgencyPage>;
export type UserPage = ResponseOf<'/api/users'>;
export type User = ItemOf<UserPage>;
export type AuditEntry = ItemOf<ResponseOf<'/api/audit'>>;
export type Jurisdiction = ResponseOf<'/api/jurisdictions/{code}'>;
export type Health = ResponseOf<'/api/health'>;

/** Every error response of the server has this body. */
export type ErrorBody = Schemas['ErrorResponse'];
export type FieldError = NonNullable<ErrorBody['error']['fields']>[number];

// ---- Cases -------------------------------------------------------------------------------

export type {
  CaseAction,
  CaseSort,
  CaseStatus,
  DateField as CaseDateField,
  IdentifierKind,
  ImportKind,
  PartyRole,
  PartyStatus,
  PropertyAction,
  PropertyKind,
  PropertyUnit,
  SupervisionLevel,
} from '../../../src/modules/cases/vocabulary';
export {
  ACTIONS_NEEDING_REASON,
  CASE_ACTIONS,
  CASE_SORTS,
  CASE_STATUSES,
  DATE_FIELDS as CASE_DATE_FIELDS,
  IDENTIFIER_KINDS,
  IMPORT_KINDS,
  PARTY_ROLES,
  PARTY_STATUSES,
  PROPERTY_ACTIONS,
  PROPERTY_KINDS,
  PROPERTY_UNITS,
  SUPERVISION_LEVELS,
  UNITS_BY_KIND,
} from '../../../src/modules/cases/vocabulary';

import type { DateField as CaseDateField, CaseSort, CaseStatus } from '../../../src/modules/cases/vocabulary';

export const SUPERVISION_FILTERS = ['any', 'province', 'ministry'] as const;
export type SupervisionFilter = (typeof SUPERVISION_FILTERS)[number];

export type CaseCategory = ItemOf<ResponseOf<'/api/case-categories'>>;
export type CaseSummary = ItemOf<ResponseOf<'/api/cases'>>;
export type CaseDetail = Schemas['CaseDetail'];
export type CasePage = ResponseOf<'/api/cases'>;

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

export type NewCase = BodyOf<'/api/cases', 'post'>;
export type CasePatch = BodyOf<'/api/cases/{id}', 'patch'>;
export type CaseTransition = BodyOf<'/api/cases/{id}/transitions', 'post'>;
export type SupervisionChange = BodyOf<'/api/cases/{id}/supervision', 'put'>;
export type TimelineEntry = ItemOf<ResponseOf<'/api/cases/{id}/timeline'>>;
export type CaseParty = ItemOf<ResponseOf<'/api/cases/{id}/parties'>>;
export type NewParty = BodyOf<'/api/cases/{id}/parties', 'post'>;
export type PartyPatch = BodyOf<'/api/cases/{id}/parties/{personId}', 'patch'>;
export type PropertyItem = ItemOf<ResponseOf<'/api/cases/{id}/property'>>;
export type NewPropertyItem = BodyOf<'/api/cases/{id}/property', 'post'>;
export type CaseLink = ItemOf<ResponseOf<'/api/cases/{id}/links'>>;
export type NewCaseLink = BodyOf<'/api/cases/{id}/links', 'post'>;
export type LinkSuggestion = ItemOf<ResponseOf<'/api/cases/{id}/link-suggestions'>>;
export type CaseGraph = ResponseOf<'/api/cases/{id}/graph'>;
export type CaseAuditEntry = ItemOf<ResponseOf<'/api/cases/{id}/audit'>>;

// ---- Imports -----------------------------------------------------------------------------

export type ImportReport = NonNullable<ResponseOf<'/api/imports/jobs/{id}'>['report']>;
export type ImportError = ImportReport['errors'][number];
