// The organisation's fixed vocabularies. No imports: the web app reads this file too, so the
// server and the browser can never disagree on a role or an agency kind.

export const JURISDICTION_LEVELS = ['national', 'province', 'city', 'county'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

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

export const ROLES = ['admin', 'commander', 'analyst', 'investigator', 'partner_officer', 'site_guard', 'fraud_operator'] as const;
export type Role = (typeof ROLES)[number];
