import { api } from './client';
import type { AuditEntry, ItemList } from './types';

/** Admins only. */
export const listAudit = (limit = 50, signal?: AbortSignal) =>
  api.get<ItemList<AuditEntry>>('/api/audit', { query: { limit }, signal });
