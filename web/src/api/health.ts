import { api } from './client';
import type { Health } from './types';

export const fetchHealth = (signal?: AbortSignal) => api.get<Health>('/api/health', { signal });
