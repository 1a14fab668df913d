// Shows a translated 403 page instead of its children when the user lacks every listed role.
import type { ReactNode } from 'react';
import type { Role } from '../api/types';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import { useMe } from './AuthContext';
import { hasAnyRole } from './roles';

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  return hasAnyRole(me, roles) ? children : <ForbiddenPage />;
}
