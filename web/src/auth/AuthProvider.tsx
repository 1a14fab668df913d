// Holds who is signed in. Asks /api/auth/me once on mount; any later 401
// (auth.unauthenticated) from any request signs the user out locally.
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { login as apiLogin, logout as apiLogout, fetchMe } from '../api/auth';
import { ApiError, onUnauthenticated, UNAUTHENTICATED } from '../api/client';
import { isAbort } from '../api/errors';
import { AuthContext, type AuthContextValue, type AuthState } from './AuthContext';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading', me: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchMe(controller.signal).then(
      (me) => setState({ status: 'authenticated', me }),
      (error: unknown) => {
        if (isAbort(error)) return;
        if (error instanceof ApiError && (error.status === 401 || error.code === UNAUTHENTICATED)) {
          setState({ status: 'anonymous', me: null });
        } else {
          setState({ status: 'error', me: null, error });
        }
      },
    );
    return () => controller.abort();
  }, [generation]);

  useEffect(() => onUnauthenticated(() => setState({ status: 'anonymous', me: null })), []);

  const login = useCallback(async (username: string, password: string) => {
    const me = await apiLogin(username, password);
    setState({ status: 'authenticated', me });
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } catch {
      // The session is dropped locally even if the server could not be told (offline, expired).
    } finally {
      setState({ status: 'anonymous', me: null });
    }
  }, []);

  const reload = useCallback(() => {
    setState({ status: 'loading', me: null });
    setGeneration((g) => g + 1);
  }, []);

  const value = useMemo<AuthContextValue>(() => ({ state, login, logout, reload }), [state, login, logout, reload]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
