// Where the page sits (data-testid="breadcrumbs"): home › module › page, each a link but the last. Built from the
// navigation list, so a new module gets its crumb with its menu item.
import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { ADMIN_NAV, MODULE_NAV, navKeyForPath } from '../navigation';

const SUB_PAGES = { new: 'breadcrumb.new', import: 'breadcrumb.import', tips: 'breadcrumb.tips' } as const;

export function Breadcrumbs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  if (pathname === '/') return null;
  const key = navKeyForPath(pathname);
  const item = [...MODULE_NAV, ...ADMIN_NAV].find((nav) => nav.key === key);
  const crumbs: { title: React.ReactNode }[] = [{ title: <Link to="/">{t('breadcrumb.home')}</Link> }];
  if (item) {
    const rest = pathname.slice(item.path.length).split('/').filter(Boolean);
    crumbs.push({ title: rest.length ? <Link to={item.path}>{t(`nav.${item.key}`)}</Link> : t(`nav.${item.key}`) });
    const last = rest.at(-1);
    if (last) crumbs.push({ title: last in SUB_PAGES ? t(SUB_PAGES[last as keyof typeof SUB_PAGES]) : t('breadcrumb.detail') });
  }
  return (
    <nav aria-label={t('breadcrumb.label')} data-testid="breadcrumbs" style={{ marginBottom: 12 }}>
      <Breadcrumb items={crumbs} />
    </nav>
  );
}
