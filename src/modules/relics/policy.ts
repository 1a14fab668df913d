import { DomainError } from '../../core/errors.ts';
import type { Viewer } from '../org/index.ts';

/**
 * Who may do what in the registry. Police roles work by jurisdiction; among partner agencies only
 * heritage bureaus (文物部门) draft and review. Scope (what records) stays the one rule of org/scope.ts.
 */
const RULES = {
  'relics.read': {
    roles: ['admin', 'commander', 'analyst', 'investigator', 'partner_officer'],
    partnerKinds: ['cultural_heritage', 'customs', 'market_regulation'],
  },
  'relics.write': { roles: ['admin', 'commander', 'investigator', 'partner_officer'], partnerKinds: ['cultural_heritage'] },
  'relics.review': { roles: ['admin', 'commander', 'partner_officer'], partnerKinds: ['cultural_heritage'] },
  'relics.recover': { roles: ['admin', 'commander', 'investigator'], partnerKinds: [] },
  'relics.tips': { roles: ['admin', 'commander', 'investigator', 'partner_officer'], partnerKinds: ['cultural_heritage'] },
  'relics.import': { roles: ['admin', 'commander', 'investigator', 'partner_officer'], partnerKinds: ['cultural_heritage'] },
} as const;

export type RelicPermission = keyof typeof RULES;

export function relicAllowed(viewer: Pick<Viewer, 'roles' | 'agencyKind'>, permission: RelicPermission): boolean {
  const rule = RULES[permission];
  const roles = viewer.roles.filter((role) => (rule.roles as readonly string[]).includes(role));
  if (roles.length === 0) return false;
  // partner_officer is a role of partner agencies: only some kinds of agency do registry work.
  if (roles.every((r) => r === 'partner_officer')) return (rule.partnerKinds as readonly string[]).includes(viewer.agencyKind);
  return true;
}

export const RELIC_PERMISSION_NAMES = Object.keys(RULES) as RelicPermission[];

/** Every registry permission this viewer holds (for the client's navigation and buttons). */
export function relicPermissionsOf(viewer: Pick<Viewer, 'roles' | 'agencyKind'>): RelicPermission[] {
  return RELIC_PERMISSION_NAMES.filter((permission) => relicAllowed(viewer, permission));
}

export function requireRelicPermission(viewer: Viewer, permission: RelicPermission): void {
  if (!relicAllowed(viewer, permission)) throw new DomainError('forbidden', 'relics.forbidden');
}
