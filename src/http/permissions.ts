// What the signed-in user may do, sent with /api/auth/me so the web app shows only the navigation and
// actions the server will allow. The routes still check each request; this list only mirrors them.
import { Type } from 'typebox';
import { type Me, PERMISSION_NAMES, permissionsOf } from '../modules/org/index.ts';
import { RELIC_PERMISSION_NAMES, relicPermissionsOf } from '../modules/relics/index.ts';

const ALL = [...PERMISSION_NAMES, ...RELIC_PERMISSION_NAMES];

export const PermissionName = Type.Union(ALL.map((name) => Type.Literal(name)));

export function withPermissions(me: Me): Me & { permissions: string[] } {
  return { ...me, permissions: [...permissionsOf(me.roles), ...relicPermissionsOf({ roles: me.roles, agencyKind: me.agency.kind })] };
}
