import { and, eq, ne } from 'drizzle-orm';
import { invalid, notFound } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import { sessions, users } from './schema.ts';
import { forgetUserSessions } from './session-cache.ts';
import { type AuthPolicy, hashToken } from './sessions.ts';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/**
 * A user changes their own password: the current one must be right, the new one follows the CLI's rules
 * (at least MIN_PASSWORD_LENGTH characters; never the demo password in production) and differs from the old.
 * Every other session of the user ends; the one making the change stays signed in.
 */
export async function changeOwnPassword(db: Db, policy: AuthPolicy, actor: Actor, sessionToken: string, change: PasswordChange): Promise<void> {
  if (!actor.userId) throw notFound('org.user_not_found');
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, jurisdictionCode: users.jurisdictionCode })
    .from(users)
    .where(eq(users.id, actor.userId))
    .limit(1);
  if (!user) throw notFound('org.user_not_found');
  if (!(await verifyPassword(change.currentPassword, user.passwordHash))) {
    throw invalid([{ path: '/currentPassword', message: 'org.current_password_wrong' }]);
  }
  if (change.newPassword.length < MIN_PASSWORD_LENGTH) throw invalid([{ path: '/newPassword', message: 'org.password_too_short' }]);
  if (change.newPassword === change.currentPassword) throw invalid([{ path: '/newPassword', message: 'org.password_unchanged' }]);
  if (policy.refusedPasswords.includes(change.newPassword)) throw invalid([{ path: '/newPassword', message: 'org.password_refused' }]);
  const passwordHash = await hashPassword(change.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.tokenHash, hashToken(sessionToken))));
    forgetUserSessions(user.id);
    await appendAudit(tx, actor, { action: 'user.password_change', entityType: 'user', entityId: user.id, jurisdictionCode: user.jurisdictionCode });
  });
}
