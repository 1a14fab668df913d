import type { Me, Role } from '../api/types';

export function hasAnyRole(me: Pick<Me, 'roles'>, roles: readonly Role[] | undefined): boolean {
  if (!roles || roles.length === 0) return true;
  return me.roles.some((r) => (roles as readonly string[]).includes(r));
}

/** Who may open the administration pages (mirrors the server's checks; the server decides). */
export const ORG_ROLES: readonly Role[] = ['admin', 'commander'];
export const AUDIT_ROLES: readonly Role[] = ['admin'];
/** Who may create and work cases (new case, transitions, parties, property, links, import). */
export const CASE_WRITE_ROLES: readonly Role[] = ['investigator', 'commander', 'admin'];
/** Who may set or lift supervision (督办). */
export const SUPERVISION_ROLES: readonly Role[] = ['commander', 'admin'];
/** Who sees a case's audit trail. */
export const CASE_AUDIT_ROLES: readonly Role[] = ['admin'];
