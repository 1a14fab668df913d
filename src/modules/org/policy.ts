import type { Role } from './schema.ts';

/** Who may do what. Jurisdiction scope is separate (scope.ts): a permission never widens it. */
const PERMISSIONS = {
  'org.agencies.read': ['admin', 'commander', 'analyst', 'investigator', 'partner_officer', 'site_guard', 'fraud_operator'],
  'org.agencies.write': ['admin'],
  'org.users.read': ['admin', 'commander'],
  'org.users.write': ['admin'],
  'audit.read': ['admin'],
  'cases.read': ['admin', 'commander', 'analyst', 'investigator', 'partner_officer', 'site_guard', 'fraud_operator'],
  'cases.write': ['admin', 'commander', 'investigator'],
  'cases.supervise': ['admin', 'commander'],
  'cases.taxonomy.write': ['admin'],
  'cases.import': ['admin', 'commander', 'investigator'],
  // Names, ID numbers and phones of parties: those who work the case, not those who count it.
  'cases.personal_data': ['admin', 'commander', 'investigator'],
  // Campaigns: everyone sees those they take part in (scope decides which); commanders organise them.
  'campaigns.read': ['admin', 'commander', 'analyst', 'investigator', 'partner_officer', 'site_guard', 'fraud_operator'],
  'campaigns.write': ['admin', 'commander'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** Every permission the roles grant, for clients that show only what the server will allow. */
export function permissionsOf(roles: readonly string[]): Permission[] {
  return PERMISSION_NAMES.filter((permission) => hasPermission(roles, permission));
}

export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
