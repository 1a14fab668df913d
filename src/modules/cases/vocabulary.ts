// The cases module's fixed vocabularies and the rules that are pure data. No imports: the web
// app reads this file too, so forms, filters and the server's checks share one source.

export const CASE_STATUSES = ['reported', 'filed', 'solved', 'prosecuted', 'closed', 'dismissed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = ['file', 'solve', 'prosecute', 'close', 'dismiss', 'reopen'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Actions whose request must carry a reason. */
export const ACTIONS_NEEDING_REASON: readonly CaseAction[] = ['dismiss', 'reopen'];

export const SUPERVISION_LEVELS = ['none', 'province', 'ministry'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

export const CASE_SORTS = ['reported_at', '-reported_at', 'case_no', '-case_no', 'filed_at', '-filed_at', 'solved_at', '-solved_at'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export const DATE_FIELDS = ['reported_at', 'filed_at', 'solved_at', 'occurred_at'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

export const PARTY_ROLES = ['suspect', 'victim', 'witness'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Per-case status of a party; only suspects move beyond `none`. */
export const PARTY_STATUSES = ['none', 'at_large', 'arrested', 'detained', 'prosecuted', 'released'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

export const GANG_KINDS = ['criminal_organisation', 'evil_force_group', 'evil_force_gang', 'other'] as const;
export type GangKind = (typeof GANG_KINDS)[number];

export const PROPERTY_KINDS = [
  'cultural_relic',
  'cash',
  'funds',
  'drugs',
  'catch',
  'vessel',
  'bank_card',
  'sim_card',
  'firearm',
  'vehicle',
  'other',
] as const;
export type PropertyKind = (typeof PROPERTY_KINDS)[number];

export const PROPERTY_UNITS = ['piece', 'kg', 'g', 'yuan', 'vessel', 'card', 'vehicle', 'set', 'item'] as const;
export type PropertyUnit = (typeof PROPERTY_UNITS)[number];

export const PROPERTY_ACTIONS = ['seized', 'recovered', 'stopped', 'frozen', 'returned'] as const;
export type PropertyAction = (typeof PROPERTY_ACTIONS)[number];

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
  other: PROPERTY_UNITS,
};

export function unitFitsKind(kind: PropertyKind, unit: PropertyUnit): boolean {
  return UNITS_BY_KIND[kind].includes(unit);
}

export const IDENTIFIER_KINDS = ['phone', 'bank_account', 'id_number', 'plate', 'object'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const IMPORT_KINDS = ['cases', 'parties', 'property', 'gangs'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * Names of the campaigns cases carry by code, until the campaigns module keeps them. A code `<base>-<year>` is the
 * base's campaign of that year (`fraud-2020`); an unknown code reads as itself.
 */
export const CAMPAIGN_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  relic: { zh: '打击文物犯罪专项行动', en: 'Campaign against cultural-relic crime' },
  fraud: { zh: '打击治理电信网络诈骗专项行动', en: 'Campaign against telecom and online fraud' },
  yunjian: { zh: '“云剑”行动', en: 'Operation Cloud Sword' },
  'sweep-gangs': { zh: '扫黑除恶专项斗争', en: 'Campaign against organised crime' },
  kunlun: { zh: '“昆仑”行动', en: 'Operation Kunlun' },
  fishing: { zh: '打击非法捕捞专项行动', en: 'Campaign against illegal fishing' },
  'theft-robbery-fraud': { zh: '打击“盗抢骗”专项行动', en: 'Campaign against theft, robbery and fraud' },
};

export function campaignName(code: string): { zh: string; en: string } {
  const exact = CAMPAIGN_NAMES[code];
  if (exact) return exact;
  const dated = /^(.+)-(\d{4})$/.exec(code);
  const base = dated ? CAMPAIGN_NAMES[dated[1]!] : undefined;
  if (base && dated) return { zh: `${base.zh}（${dated[2]}）`, en: `${base.en} (${dated[2]})` };
  return { zh: code, en: code };
}
