// The staff modules, in menu order. NavMenu builds the side menu from this list;
// routes.tsx maps the same paths to pages. Add a module here and in routes.tsx.
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FlagOutlined,
  PictureOutlined,
  PushpinOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from './api/types';
import type { Permission } from './auth/permissions';
import { AUDIT_ROLES, ORG_ROLES } from './auth/roles';

export type NavKey = 'dashboard' | 'cases' | 'supervised' | 'campaigns' | 'reports' | 'relics' | 'matching' | 'sites' | 'fraud' | 'org' | 'audit';

export interface NavItem {
  key: NavKey;
  path: string;
  icon: ReactNode;
  /** When set, only users with one of these roles see the item. */
  roles?: readonly Role[];
  /** When set, only users the server grants this permission (/api/auth/me) see the item. */
  permission?: Permission;
}

export const MODULE_NAV: readonly NavItem[] = [
  { key: 'dashboard', path: '/', icon: <DashboardOutlined />, permission: 'cases.read' },
  { key: 'cases', path: '/cases', icon: <FileSearchOutlined />, permission: 'cases.read' },
  { key: 'supervised', path: '/cases/supervised', icon: <PushpinOutlined />, permission: 'cases.read' },
  { key: 'campaigns', path: '/campaigns', icon: <FlagOutlined /> },
  { key: 'reports', path: '/reports', icon: <FileTextOutlined />, permission: 'cases.read' },
  { key: 'relics', path: '/relics', icon: <BankOutlined />, permission: 'relics.read' },
  { key: 'matching', path: '/matching', icon: <PictureOutlined />, permission: 'relics.read' },
  { key: 'sites', path: '/sites', icon: <SafetyOutlined /> },
  { key: 'fraud', path: '/fraud', icon: <AlertOutlined /> },
];

/** Shown under the "Administration" group. */
export const ADMIN_NAV: readonly NavItem[] = [
  { key: 'org', path: '/admin/org', icon: <ApartmentOutlined />, roles: ORG_ROLES, permission: 'org.users.read' },
  { key: 'audit', path: '/admin/audit', icon: <AuditOutlined />, roles: AUDIT_ROLES, permission: 'audit.read' },
];

/** The nav item a URL belongs to (longest matching prefix), for highlighting the menu. */
export function navKeyForPath(pathname: string): NavKey | undefined {
  let best: NavItem | undefined;
  for (const item of [...MODULE_NAV, ...ADMIN_NAV]) {
    const matches = item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}
