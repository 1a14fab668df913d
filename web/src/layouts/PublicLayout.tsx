// The public portal (data-testid="public-layout"): no login, no staff navigation.
// A simple top bar (brand, section links, language switch) that wraps on a phone.
import { Layout } from 'antd';
import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { FullPageSpin } from '../components/FullPageSpin';
import { PublicTopBar } from './PublicTopBar';

export function PublicLayout() {
  return (
    <Layout className="lf-public" data-testid="public-layout">
      <PublicTopBar />
      <Layout.Content className="lf-public-content">
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
