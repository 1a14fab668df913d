import { createContext, useContext } from 'react';
import type { Me } from '../api/types';

export type AuthState =
  | { status: 'loading'; me: null }
  | { status: 'anonymous'; me: null }
  | { status: 'authenticated'; me: Me }
  | { status: 'error'; me: null; error: unknown }; // /api/auth/me failed for another reason than 401

export interface AuthContextValue {
  state: AuthState;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  reload: () => void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only for components rendered under <RequireAuth>. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useMe must be used under <RequireAuth>');
  return state.me;
}
