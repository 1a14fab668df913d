// All routes. Pages and the two layouts are loaded lazily (one chunk each), so the entry chunk holds
// only what the first paint of any page needs: the login page never loads the staff shell's code.
//   /public/*      public portal, no login
//   /login         sign-in
//   everything else: the staff app, behind RequireAuth (401 from /api/auth/me → /login)
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { AuthProvider } from './auth/AuthProvider';
import { RequireAuth } from './auth/RequireAuth';
import { RequireRole } from './auth/RequireRole';
import { AUDIT_ROLES, CASE_WRITE_ROLES, ORG_ROLES } from './auth/roles';
import { FullPageSpin } from './components/FullPageSpin';
import { prefetchDashboard } from './pages/dashboard/dashboardData';
import NotFoundPage from './pages/NotFoundPage';

const loadDashboardPage = () => import('./pages/dashboard/DashboardPage');
// Signed in on `/` (the usual case straight after login): the dashboard's chunk and its first
// requests start together with the shell's chunk instead of one after the other.
const StaffLayout = lazy(() => {
  if (window.location.pathname === '/') {
    prefetchDashboard(window.location.search);
    void loadDashboardPage();
  }
  return import('./layouts/StaffLayout').then((m) => ({ default: m.StaffLayout }));
});
const PublicLayout = lazy(() => import('./layouts/PublicLayout').then((m) => ({ default: m.PublicLayout })));
const loadLoginPage = () => import('./pages/login/LoginPage');
// Opened on /login: the form's chunk loads alongside the language's messages instead of after them.
if (window.location.pathname === '/login') void loadLoginPage();
const LoginPage = lazy(loadLoginPage);
const DashboardPage = lazy(loadDashboardPage);
const CasesPage = lazy(() => import('./pages/cases/CasesPage'));
const CaseNewPage = lazy(() => import('./pages/cases/CaseNewPage'));
const CasePage = lazy(() => import('./pages/cases/CasePage'));
const CaseImportPage = lazy(() => import('./pages/cases/CaseImportPage'));
const CampaignsPage = lazy(() => import('./pages/campaigns/CampaignsPage'));
const CampaignPage = lazy(() => import('./pages/campaigns/CampaignPage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const RelicsPage = lazy(() => import('./pages/relics/RelicsPage'));
const MatchingPage = lazy(() => import('./pages/matching/MatchingPage'));
const SitesPage = lazy(() => import('./pages/sites/SitesPage'));
const FraudPage = lazy(() => import('./pages/fraud/FraudPage'));
const OrgPage = lazy(() => import('./pages/admin/OrgPage'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage'));
const PublicHomePage = lazy(() => import('./pages/public/PublicHomePage'));
const PublicObjectsPage = lazy(() => import('./pages/public/PublicObjectsPage'));
const PublicReportsPage = lazy(() => import('./pages/public/PublicReportsPage'));
const PublicTipsPage = lazy(() => import('./pages/public/PublicTipsPage'));
const PublicObjectPage = lazy(() => import('./pages/public/PublicObjectPage'));
const PublicCertificatePage = lazy(() => import('./pages/public/PublicCertificatePage'));
const RelicNewPage = lazy(() => import('./pages/relics/RelicNewPage'));
const RelicObjectPage = lazy(() => import('./pages/relics/RelicObjectPage'));
const RelicTipsPage = lazy(() => import('./pages/relics/RelicTipsPage'));

/** Session state for /login and the staff app; the public portal never asks who is signed in. */
function AuthRoot() {
  return (
    <AuthProvider>
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
    </AuthProvider>
  );
}

export const router = createBrowserRouter([
  {
    path: '/public',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PublicLayout />
      </Suspense>
    ),
    children: [
      { index: true, element: <PublicHomePage /> },
      { path: 'objects', element: <PublicObjectsPage /> },
      { path: 'objects/:publicationNo', element: <PublicObjectPage /> },
      { path: 'certificates', element: <PublicCertificatePage /> },
      { path: 'certificates/:code', element: <PublicCertificatePage /> },
      { path: 'reports', element: <PublicReportsPage /> },
      { path: 'tips', element: <PublicTipsPage /> },
      { path: '*', element: <NotFoundPage home="/public" /> },
    ],
  },
  {
    element: <AuthRoot />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/',
        element: (
          <RequireAuth>
            <StaffLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'cases', element: <CasesPage key="all" /> },
          { path: 'cases/supervised', element: <CasesPage key="supervised" supervised /> },
          {
            path: 'cases/new',
            element: (
              <RequireRole roles={CASE_WRITE_ROLES}>
                <CaseNewPage />
              </RequireRole>
            ),
          },
          {
            path: 'cases/import',
            element: (
              <RequireRole roles={CASE_WRITE_ROLES}>
                <CaseImportPage />
              </RequireRole>
            ),
          },
          { path: 'cases/:id', element: <CasePage key="case" /> },
          { path: 'campaigns', element: <CampaignsPage /> },
          { path: 'campaigns/:code', element: <CampaignPage /> },
          { path: 'reports', element: <ReportsPage /> },
          { path: 'relics', element: <RelicsPage /> },
          { path: 'relics/new', element: <RelicNewPage /> },
          { path: 'relics/tips', element: <RelicTipsPage /> },
          { path: 'relics/:id', element: <RelicObjectPage /> },
          { path: 'matching', element: <MatchingPage /> },
          { path: 'sites', element: <SitesPage /> },
          { path: 'fraud', element: <FraudPage /> },
          {
            path: 'admin/org',
            element: (
              <RequireRole roles={ORG_ROLES}>
                <OrgPage />
              </RequireRole>
            ),
          },
          {
            path: 'admin/audit',
            element: (
              <RequireRole roles={AUDIT_ROLES}>
                <AuditPage />
              </RequireRole>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
