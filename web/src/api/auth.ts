import { api, setCsrfToken } from './client';
import type { Me } from './types';

export async function login(username: string, password: string): Promise<Me> {
  const me = await api.post<Me>('/api/auth/login', { username, password });
  setCsrfToken(me.csrfToken);
  return me;
}

export async function fetchMe(signal?: AbortSignal): Promise<Me> {
  const me = await api.get<Me>('/api/auth/me', { signal });
  setCsrfToken(me.csrfToken);
  return me;
}

export async function logout(): Promise<void> {
  try {
    await api.post<void>('/api/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}
