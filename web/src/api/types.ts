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
