import { api } from './client';
import type { BodyOf, ResponseOf } from './schema';
import type { Agency, AgencyPage, Jurisdiction, User, UserPage } from './types';

export const listAgencies = (signal?: AbortSignal) => api.get<AgencyPage>('/api/agencies', { signal });

/** Admins and commanders only (the server answers 403/404 to others). */
export const listUsers = (signal?: AbortSignal) => api.get<UserPage>('/api/users', { signal });

/** Children of `parent`; without it, the provinces. */
export const listJurisdictions = (parent?: string, signal?: AbortSignal) =>
  api.get<ResponseOf<'/api/jurisdictions'>>('/api/jurisdictions', { query: { parent }, signal });

export const getJurisdiction = (code: string, signal?: AbortSignal) =>
  api.get<Jurisdiction>(`/api/jurisdictions/${encodeURIComponent(code)}`, { signal });

export type NewUser = BodyOf<'/api/users', 'post'>;
export type UserPatch = BodyOf<'/api/users/{id}', 'patch'>;
export type NewAgency = BodyOf<'/api/agencies', 'post'>;
export type AgencyPatch = BodyOf<'/api/agencies/{id}', 'patch'>;
export type PasswordChange = BodyOf<'/api/auth/password', 'post'>;

export const createUser = (body: NewUser) => api.post<User>('/api/users', body);
export const updateUser = (id: string, body: UserPatch) => api.patch<User>(`/api/users/${encodeURIComponent(id)}`, body);
export const createAgency = (body: NewAgency) => api.post<Agency>('/api/agencies', body);
export const updateAgency = (id: string, body: AgencyPatch) => api.patch<Agency>(`/api/agencies/${encodeURIComponent(id)}`, body);
/** Your own password; your other sessions end. */
export const changePassword = (body: PasswordChange) => api.post<void>('/api/auth/password', body);

// One lookup per jurisdiction code for the life of the page: codes are shown by name everywhere.
const jurisdictionCache = new Map<string, Promise<Jurisdiction | null>>();
export function jurisdictionByCode(code: string): Promise<Jurisdiction | null> {
  let found = jurisdictionCache.get(code);
  if (!found) {
    found = getJurisdiction(code).catch(() => {
      jurisdictionCache.delete(code); // tried again next time (offline, or signed out meanwhile)
      return null;
    });
    jurisdictionCache.set(code, found);
  }
  return found;
}
