import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { DomainError } from '../../core/errors.ts';
import { appendAudit, type Actor } from '../audit/index.ts';
import { agencies, jurisdictions, sessions, users, type AgencyKind, type JurisdictionLevel, type Role } from './schema.ts';
import { decoyPasswordHash, verifyPassword } from './passwords.ts';
import type { Viewer } from './scope.ts';
import { cachedSession, forgetSession, rememberSession } from './session-cache.ts';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  agency: { id: string; kind: AgencyKind; nameZh: string; nameEn: string };
  jurisdiction: { code: string; nameZh: string; nameEn: string; level: JurisdictionLevel };
  csrfToken: string;
}

export interface AuthPolicy {
  sessionTtlMinutes: number;
  sessionIdleMinutes: number;
  /** How long a resolved session may be reused without asking the database (0 = never). */
  sessionCacheMs: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** In production the published demo password must never open an account. */
  refusedPasswords: readonly string[];
}

export interface LoginAttempt {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function viewerOf(me: Me): Viewer {
  return {
    userId: me.id, username: me.username, roles: me.roles, agencyId: me.agency.id, agencyKind: me.agency.kind,
    jurisdictionCode: me.jurisdiction.code, jurisdictionLevel: me.jurisdiction.level,
  };
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/**
 * Checks the password, counts failures toward a lockout, and opens a session. Failures are audited
 * and committed even though the caller answers with an error.
 */
export async function logIn(db: Db, policy: AuthPolicy, attempt: LoginAttempt): Promise<{ token: string; me: Me }> {
  const [user] = await db.select().from(users).where(eq(users.username, attempt.username.toLowerCase())).limit(1);
  const actor: Actor = { userId: user?.id ?? null, username: attempt.username.slice(0, 64), ip: attempt.ip, requestId: attempt.requestId };
  const passwordOk = await verifyPassword(attempt.password, user?.passwordHash ?? (await decoyPasswordHash()));

  if (user?.lockedUntil && user.lockedUntil > new Date()) {
    await db.transaction((tx) => appendAudit(tx, actor, { action: 'auth.login_locked', entityType: 'user', entityId: user.id, jurisdictionCode: user.jurisdictionCode }));
    throw new DomainError('locked', 'auth.account_locked', undefined, { until: user.lockedUntil.toISOString() });
  }
  if (!user || !passwordOk) {
    await db.transaction(async (tx) => {
      if (user) {
        const failures = user.failedLogins + 1;
        const lock = failures >= policy.lockoutThreshold;
        await tx.update(users).set({ failedLogins: lock ? 0 : failures, lockedUntil: lock ? minutesFromNow(policy.lockoutMinutes) : null })
          .where(eq(users.id, user.id));
        if (lock) await appendAudit(tx, actor, { action: 'auth.account_locked', entityType: 'user', entityId: user.id, jurisdictionCode: user.jurisdictionCode });
      }
      await appendAudit(tx, actor, { action: 'auth.login_failed', entityType: user ? 'user' : undefined, entityId: user?.id, jurisdictionCode: user?.jurisdictionCode });
    });
    throw new DomainError('unauthenticated', 'auth.invalid_credentials');
  }
  if (user.disabled) throw new DomainError('unauthenticated', 'auth.account_disabled');
  if (policy.refusedPasswords.includes(attempt.password)) throw new DomainError('unauthenticated', 'auth.demo_password_refused');

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await tx.insert(sessions).values({
      tokenHash: hashToken(token), userId: user.id, csrfToken, expiresAt: minutesFromNow(policy.sessionTtlMinutes),
      ip: attempt.ip, userAgent: attempt.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, jurisdictionCode: user.jurisdictionCode });
  });
  const session = await resolveSession(db, policy, token);
  return { token, me: session!.me };
}

// last_seen_at is refreshed at most this often, so reads do not turn into a write per request.
const TOUCH_INTERVAL_MS = 60_000;

/** The session behind a cookie token, if it is live: not expired, not idle too long, user enabled. */
export async function resolveSession(db: Db, policy: AuthPolicy, token: string): Promise<{ me: Me; viewer: Viewer } | undefined> {
  const tokenHash = hashToken(token);
  const cached = cachedSession(tokenHash);
  if (cached) return cached;
  const idleCutoff = new Date(Date.now() - policy.sessionIdleMinutes * 60_000);
  const [row] = await db.select({
    id: users.id, username: users.username, displayName: users.displayName, roles: users.roles,
    agencyId: agencies.id, agencyKind: agencies.kind, agencyNameZh: agencies.nameZh, agencyNameEn: agencies.nameEn,
    jurisdictionCode: jurisdictions.code, jurisdictionNameZh: jurisdictions.nameZh, jurisdictionNameEn: jurisdictions.nameEn,
    jurisdictionLevel: jurisdictions.level, csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt,
  }).from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .innerJoin(jurisdictions, eq(jurisdictions.code, users.jurisdictionCode))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`), gt(sessions.lastSeenAt, idleCutoff), eq(users.disabled, false)))
    .limit(1);
  if (!row) return undefined;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
  }
  const me: Me = {
    id: row.id, username: row.username, displayName: row.displayName, roles: row.roles,
    agency: { id: row.agencyId, kind: row.agencyKind, nameZh: row.agencyNameZh, nameEn: row.agencyNameEn },
    jurisdiction: { code: row.jurisdictionCode, nameZh: row.jurisdictionNameZh, nameEn: row.jurisdictionNameEn, level: row.jurisdictionLevel },
    csrfToken: row.csrfToken,
  };
  const session = { me, viewer: viewerOf(me) };
  rememberSession(tokenHash, session, row.expiresAt, policy.sessionCacheMs);
  return session;
}

export async function logOut(db: Db, actor: Actor, token: string, jurisdictionCode: string): Promise<void> {
  forgetSession(hashToken(token));
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
    await appendAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId ?? undefined, jurisdictionCode });
  });
}

/** Housekeeping: expired sessions carry no meaning and only grow the table. */
export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
}
