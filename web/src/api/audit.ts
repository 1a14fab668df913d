import { api } from './client';
import type { QueryOf, ResponseOf } from './schema';

export type AuditQuery = Partial<QueryOf<'/api/audit'>>;

/** Admins only; newest first, filtered by action (or `family.*`), user, period and record. */
export const listAudit = (query: AuditQuery, signal?: AbortSignal) =>
  api.get<ResponseOf<'/api/audit'>>('/api/audit', { query: { limit: 50, ...query }, signal });
