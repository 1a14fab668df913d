import { api } from './client';
import type { ResponseOf } from './schema';
import type { AgencyPage, Jurisdiction, UserPage } from './types';

export const listAgencies = (signal?: AbortSignal) => api.get<AgencyPage>('/api/agencies', { signal });

/** Admins and commanders only (the server answers 403/404 to others). */
export const listUsers = (signal?: AbortSignal) => api.get<UserPage>('/api/users', { signal });

/** Children of `parent`; without it, the provinces. */
export const listJurisdictions = (parent?: string, signal?: AbortSignal) =>
  api.get<ResponseOf<'/api/jurisdictions'>>('/api/jurisdictions', { query: { parent }, signal });

export const getJurisdiction = (code: string, signal?: AbortSignal) =>
  api.get<Jurisdiction>(`/api/jurisdictions/${encodeURIComponent(code)}`, { signal });
