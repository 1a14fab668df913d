// Side navigation of the staff app (data-testid="nav-menu"; each item data-testid="nav-<key>").
// Items are real links. Items the user's roles or permissions (/api/auth/me) do not allow are not shown; the pages check
// again (RequireRole) and the server decides in the end.
import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useMe } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { hasAnyRole } from '../auth/roles';
import { ADMIN_NAV, MODULE_NAV, type NavItem, navKeyForPath } from '../navigation';

export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();

  const toItem = (item: NavItem) => ({
    key: item.key,
    icon: item.icon,
    label: <Link to={item.path}>{t(`nav.${item.key}`)}</Link>,
    'data-testid': `nav-${item.key}`,
  });
  const allowed = (list: readonly NavItem[]) => list.filter((item) => hasAnyRole(me, item.roles) && can(me, item.permission)).map(toItem);

  const adminItems = allowed(ADMIN_NAV);
  const items: MenuProps['items'] = [
    ...allowed(MODULE_NAV),
    ...(adminItems.length ? [{ type: 'group' as const, key: 'admin', label: t('nav.admin'), children: adminItems }] : []),
  ];
  const active = navKeyForPath(pathname);

  return (
    <nav aria-label={t('nav.label')}>
      <Menu data-testid="nav-menu" mode="inline" theme="dark" items={items} selectedKeys={active ? [active] : []} onClick={() => onNavigate?.()} />
    </nav>
  );
}
