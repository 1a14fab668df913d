import type { Viewer } from './scope.ts';
import type { Me } from './sessions.ts';

export interface CachedSession {
  me: Me;
  viewer: Viewer;
}

interface Entry extends CachedSession {
  until: number;
}

/**
 * Per-process memo of live sessions, so an authenticated request costs no database round trip
 * (PGlite answers a session lookup in ~2 ms, which caps a server near 500 req/s).
 * Entries live at most `ttlMs` (config SESSION_CACHE_MS): logout, password changes and user changes
 * evict at once in this process; another process sees such a change within `ttlMs`.
 */
const MAX_ENTRIES = 50_000;
const entries = new Map<string, Entry>();

export function cachedSession(tokenHash: string): CachedSession | undefined {
  const entry = entries.get(tokenHash);
  if (!entry) return undefined;
  if (entry.until <= Date.now()) {
    entries.delete(tokenHash);
    return undefined;
  }
  return entry;
}

export function rememberSession(tokenHash: string, session: CachedSession, expiresAt: Date, ttlMs: number): void {
  if (ttlMs <= 0) return;
  if (entries.size >= MAX_ENTRIES) {
    // Maps iterate in insertion order: drop the oldest.
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(tokenHash, { ...session, until: Math.min(Date.now() + ttlMs, expiresAt.getTime()) });
}

export function forgetSession(tokenHash: string): void {
  entries.delete(tokenHash);
}

export function forgetUserSessions(userId: string): void {
  for (const [key, entry] of entries) if (entry.me.id === userId) entries.delete(key);
}
