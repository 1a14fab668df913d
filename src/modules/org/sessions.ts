import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import { decoyPasswordHash, verifyPassword } from './passwords.ts';
import { type AgencyKind, agencies, type JurisdictionLevel, jurisdictions, type Role, sessions, users } from './schema.ts';
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
    userId: me.id,
    username: me.username,
    roles: me.roles,
    agencyId: me.agency.id,
    agencyKind: me.agency.kind,
    jurisdictionCode: me.jurisdiction.code,
    jurisdictionLevel: me.jurisdiction.level,
  };
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/**
 * Checks the password, counts failures toward a lockout, and opens a session. Failures are audited
 * and committed even though the caller answers with an error.
 *
 * The lockout state is read and written under the user's row lock, in one transaction with the outcome: concurrent
 * wrong guesses used to read the same count outside any transaction and each write back count + 1, so a burst of
 * guesses never reached the threshold. The password is checked before the lock (scrypt takes ~100 ms) so attempts
 * are serialised only for the few milliseconds of bookkeeping.
 */
export async function logIn(db: Db, policy: AuthPolicy, attempt: LoginAttempt, previousToken?: string): Promise<{ token: string; me: Me }> {
  const username = attempt.username.toLowerCase();
  const [candidate] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.username, username)).limit(1);
  const passwordOk = await verifyPassword(attempt.password, candidate?.passwordHash ?? (await decoyPasswordHash()));
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');

  type Outcome = { kind: 'locked'; until: Date } | { kind: 'failed' } | { kind: 'disabled' } | { kind: 'refused' } | { kind: 'ok' };
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const [user] = candidate ? await tx.select().from(users).where(eq(users.id, candidate.id)).for('update') : [];
    const actor: Actor = { userId: user?.id ?? null, username: attempt.username.slice(0, 64), ip: attempt.ip, requestId: attempt.requestId };
    if (user?.lockedUntil && user.lockedUntil > new Date()) {
      await appendAudit(tx, actor, { action: 'auth.login_locked', entityType: 'user', entityId: user.id, jurisdictionCode: user.jurisdictionCode });
      return { kind: 'locked', until: user.lockedUntil };
    }
    if (!user || !passwordOk) {
      if (user) {
        const failures = user.failedLogins + 1;
        const lock = failures >= policy.lockoutThreshold;
        await tx
          .update(users)
          .set({ failedLogins: lock ? 0 : failures, lockedUntil: lock ? minutesFromNow(policy.lockoutMinutes) : null })
          .where(eq(users.id, user.id));
        if (lock)
          await appendAudit(tx, actor, {
            action: 'auth.account_locked',
            entityType: 'user',
            entityId: user.id,
            jurisdictionCode: user.jurisdictionCode,
          });
      }
      await appendAudit(tx, actor, {
        action: 'auth.login_failed',
        entityType: user ? 'user' : undefined,
        entityId: user?.id,
        jurisdictionCode: user?.jurisdictionCode,
      });
      return { kind: 'failed' };
    }
    if (user.disabled) return { kind: 'disabled' };
    const [agency] = await tx.select({ disabled: agencies.disabled }).from(agencies).where(eq(agencies.id, user.agencyId)).limit(1);
    if (agency?.disabled) return { kind: 'disabled' };
    if (policy.refusedPasswords.includes(attempt.password)) return { kind: 'refused' };
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    // Signing in again from the same browser ends the session its cookie still carried.
    if (previousToken) {
      forgetSession(hashToken(previousToken));
      await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(previousToken)));
    }
    await tx.insert(sessions).values({
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      expiresAt: minutesFromNow(policy.sessionTtlMinutes),
      ip: attempt.ip,
      userAgent: attempt.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, jurisdictionCode: user.jurisdictionCode });
    return { kind: 'ok' };
  });
  switch (outcome.kind) {
    case 'locked':
      throw new DomainError('locked', 'auth.account_locked', undefined, { until: outcome.until.toISOString() });
    case 'failed':
      throw new DomainError('unauthenticated', 'auth.invalid_credentials');
    case 'disabled':
      throw new DomainError('unauthenticated', 'auth.account_disabled');
    case 'refused':
      throw new DomainError('unauthenticated', 'auth.demo_password_refused');
    case 'ok':
      break;
  }
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
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      roles: users.roles,
      agencyId: agencies.id,
      agencyKind: agencies.kind,
      agencyNameZh: agencies.nameZh,
      agencyNameEn: agencies.nameEn,
      jurisdictionCode: jurisdictions.code,
      jurisdictionNameZh: jurisdictions.nameZh,
      jurisdictionNameEn: jurisdictions.nameEn,
      jurisdictionLevel: jurisdictions.level,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .innerJoin(jurisdictions, eq(jurisdictions.code, users.jurisdictionCode))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, idleCutoff),
        eq(users.disabled, false),
        eq(agencies.disabled, false),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
  }
  const me: Me = {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles,
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
