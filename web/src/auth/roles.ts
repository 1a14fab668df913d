import type { Me, Role } from '../api/types';

export function hasAnyRole(me: Pick<Me, 'roles'>, roles: readonly Role[] | undefined): boolean {
  if (!roles || roles.length === 0) return true;
  return me.roles.some((r) => (roles as readonly string[]).includes(r));
}

/** Who may open the administration pages (mirrors the server's checks; the server decides). */
export const ORG_ROLES: readonly Role[] = ['admin', 'commander'];
export const AUDIT_ROLES: readonly Role[] = ['admin'];
