// Renders its children only for a signed-in user; otherwise sends the browser to /login,
// remembering where it wanted to go.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { FullPageSpin } from '../components/FullPageSpin';
import { LoadFailed } from '../components/LoadFailed';
import { useAuth } from './AuthContext';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, reload } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'error') return <LoadFailed error={state.error} onRetry={reload} />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location }} />;
  return children;
}
