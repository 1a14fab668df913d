// Shows the translated 403 page instead of its children when the user lacks the permission (from /api/auth/me).
import type { ReactNode } from 'react';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import { useMe } from './AuthContext';
import { can, type Permission } from './permissions';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  return can(useMe(), permission) ? children : <ForbiddenPage />;
}
