import { api } from './client';
import type { ResponseOf } from './schema';

/** Admins only. */
export const listAudit = (limit = 50, signal?: AbortSignal) =>
  api.get<ResponseOf<'/api/audit'>>('/api/audit', { query: { limit }, signal });
