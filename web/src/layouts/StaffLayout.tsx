// The staff app shell (data-testid="app-shell"): header, side navigation, page content.
// Rendered only for a signed-in user (see routes.tsx).
import { Layout } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router-dom';
import { FullPageSpin } from '../components/FullPageSpin';
import { ServerVersion } from '../components/ServerVersion';
import { Breadcrumbs } from './Breadcrumbs';
import { NavMenu } from './NavMenu';
import { StaffHeader } from './StaffHeader';

export function StaffLayout() {
  const [collapsed, setCollapsed] = useState(false);
  const [narrow, setNarrow] = useState(false);

  return (
    <Layout className="lf-shell" data-testid="app-shell">
      <StaffHeader />
      <Layout className="lf-body">
        <Layout.Sider
          width={220}
          breakpoint="lg"
          collapsedWidth={0} // below lg the menu hides behind antd's zero-width trigger
          collapsed={collapsed}
          onCollapse={setCollapsed}
          onBreakpoint={(broken) => {
            setNarrow(broken);
            setCollapsed(broken);
          }}
          className="lf-sider"
        >
          <NavMenu onNavigate={narrow ? () => setCollapsed(true) : undefined} />
        </Layout.Sider>
        <Layout className="lf-main">
          <Layout.Content className="lf-content">
            <Breadcrumbs />
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
          <Layout.Footer className="lf-footer">
            <ServerVersion />
          </Layout.Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
