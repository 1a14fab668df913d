import { api } from './client';
import type { Agency, ItemList, Jurisdiction, Page, User } from './types';

export const listAgencies = (signal?: AbortSignal) => api.get<Page<Agency>>('/api/agencies', { signal });

/** Admins and commanders only (the server answers 403/404 to others). */
export const listUsers = (signal?: AbortSignal) => api.get<Page<User>>('/api/users', { signal });

/** Children of `parent`; without it, the provinces. */
export const listJurisdictions = (parent?: string, signal?: AbortSignal) =>
  api.get<ItemList<Jurisdiction>>('/api/jurisdictions', { query: { parent }, signal });

export const getJurisdiction = (code: string, signal?: AbortSignal) =>
  api.get<Jurisdiction>(`/api/jurisdictions/${encodeURIComponent(code)}`, { signal });
