// What the signed-in user may do, as the server lists it in /api/auth/me (roles and, for the registry, the kind of
// agency). The navigation and action buttons follow it; the server still checks every request.
import type { Me } from '../api/types';
import { useMe } from './AuthContext';

export type Permission = Me['permissions'][number];

export function can(me: Pick<Me, 'permissions'>, permission: Permission | undefined): boolean {
  return !permission || me.permissions.includes(permission);
}

/** `useCan()('relics.tips')`: whether the signed-in user holds the permission. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => can(me, permission);
}
