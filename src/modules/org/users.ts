import { and, asc, eq, sql } from 'drizzle-orm';
import { type FieldError, invalid, notFound } from '../../core/errors.ts';
import type { Db, Executor } from '../../db/client.ts';
import { type Actor, appendAudit, recordAudit } from '../audit/index.ts';
import { getAgencyUnscoped } from './agencies.ts';
import { getJurisdiction, isWithin } from './jurisdictions.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
import { type Role, sessions, users } from './schema.ts';
import { scopeCondition, type Viewer } from './scope.ts';
import { forgetUserSessions } from './session-cache.ts';

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  agencyId: string;
  jurisdictionCode: string;
  disabled: boolean;
}

const summaryColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  roles: users.roles,
  agencyId: users.agencyId,
  jurisdictionCode: users.jurisdictionCode,
  disabled: users.disabled,
};

const userScope = (viewer: Viewer) =>
  scopeCondition(viewer, { jurisdiction: users.jurisdictionCode, agency: users.agencyId, entityType: 'user', id: users.id });

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  agencyId: string;
  jurisdictionCode: string;
}

function passwordProblem(password: string, path = '/password'): FieldError | undefined {
  return password.length < MIN_PASSWORD_LENGTH ? { path, message: 'org.password_too_short' } : undefined;
}

/** Checks that only the database can answer; shape and types were checked at the edge. */
async function placementProblems(db: Executor, input: Pick<NewUser, 'agencyId' | 'jurisdictionCode'>, viewer?: Viewer): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  const jurisdiction = await getJurisdiction(db, input.jurisdictionCode);
  if (!jurisdiction) problems.push({ path: '/jurisdictionCode', message: 'org.unknown_jurisdiction' });
  else if (viewer && !(await isWithin(db, viewer.jurisdictionCode, input.jurisdictionCode))) {
    problems.push({ path: '/jurisdictionCode', message: 'org.jurisdiction_out_of_scope' });
  }
  const agency = await getAgencyUnscoped(db, input.agencyId);
  if (!agency || (viewer && !(await isWithin(db, viewer.jurisdictionCode, agency.jurisdictionCode)))) {
    problems.push({ path: '/agencyId', message: 'org.unknown_agency' });
  } else if (agency.disabled) {
    problems.push({ path: '/agencyId', message: 'org.agency_disabled' });
  } else if (jurisdiction && !(await isWithin(db, agency.jurisdictionCode, input.jurisdictionCode))) {
    problems.push({ path: '/jurisdictionCode', message: 'org.agency_outside_jurisdiction' });
  }
  return problems;
}

/** `viewer` is absent for the CLI, whose operator has the machine and so the whole installation. */
export async function createUser(db: Db, actor: Actor, input: NewUser, viewer?: Viewer): Promise<UserSummary> {
  const problems = await placementProblems(db, input, viewer);
  const weak = passwordProblem(input.password);
  if (weak) problems.push(weak);
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username)).limit(1);
  if (taken) problems.push({ path: '/username', message: 'org.username_taken' });
  if (problems.length) throw invalid(problems);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const { password: _omit, ...fields } = input;
    const [row] = await tx
      .insert(users)
      .values({ ...fields, passwordHash })
      .returning(summaryColumns);
    await appendAudit(tx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: row!.id,
      jurisdictionCode: row!.jurisdictionCode,
      after: row,
    });
    return row!;
  });
}

export async function findUserByUsername(db: Executor, username: string) {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row;
}

/** Sets a new password, clears any lockout and ends the user's sessions everywhere. */
export async function setPassword(db: Db, actor: Actor, username: string, password: string): Promise<void> {
  const weak = passwordProblem(password);
  if (weak) throw invalid([weak]);
  const user = await findUserByUsername(db, username);
  if (!user) throw notFound('org.user_not_found');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    forgetUserSessions(user.id);
    // The hash itself never goes into the log; that it changed does.
    await appendAudit(tx, actor, { action: 'user.password_set', entityType: 'user', entityId: user.id, jurisdictionCode: user.jurisdictionCode });
  });
}

export async function listUsers(db: Executor, viewer: Viewer): Promise<UserSummary[]> {
  return db.select(summaryColumns).from(users).where(userScope(viewer)).orderBy(asc(users.jurisdictionCode), asc(users.username));
}

/** Reading one user's record is a read of personal data, so it is audited. */
export async function getUser(db: Db, viewer: Viewer, actor: Actor, id: string): Promise<UserSummary> {
  const [row] = await db
    .select(summaryColumns)
    .from(users)
    .where(and(eq(users.id, id), userScope(viewer)))
    .limit(1);
  if (!row) throw notFound('org.user_not_found');
  await recordAudit(db, actor, { action: 'user.read', entityType: 'user', entityId: row.id, jurisdictionCode: row.jurisdictionCode });
  return row;
}

export interface UserPatch {
  displayName?: string | undefined;
  roles?: Role[] | undefined;
  disabled?: boolean | undefined;
  agencyId?: string | undefined;
  jurisdictionCode?: string | undefined;
}

/**
 * Changes a user in the viewer's scope (others are "not found"). A move to another agency or jurisdiction is checked
 * like a new user's placement; nobody disables themselves or changes their own roles (an administrator cannot lock
 * the last door behind them).
 */
export async function updateUser(db: Db, viewer: Viewer, actor: Actor, id: string, patch: UserPatch): Promise<UserSummary> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select(summaryColumns)
      .from(users)
      .where(and(eq(users.id, id), userScope(viewer)))
      .for('update')
      .limit(1);
    if (!before) throw notFound('org.user_not_found');
    const problems: FieldError[] = [];
    if (id === viewer.userId && patch.disabled) problems.push({ path: '/disabled', message: 'org.cannot_disable_self' });
    if (id === viewer.userId && patch.roles && !sameRoles(patch.roles, before.roles))
      problems.push({ path: '/roles', message: 'org.cannot_change_own_roles' });
    if (patch.agencyId !== undefined || patch.jurisdictionCode !== undefined) {
      const placement = { agencyId: patch.agencyId ?? before.agencyId, jurisdictionCode: patch.jurisdictionCode ?? before.jurisdictionCode };
      problems.push(...(await placementProblems(tx, placement, viewer)));
    }
    if (problems.length) throw invalid(problems);
    const [after] = await tx
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning(summaryColumns);
    // Roles and names are part of the cached session: drop it so the next request sees the change.
    forgetUserSessions(id);
    if (patch.disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
    await appendAudit(tx, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      jurisdictionCode: after!.jurisdictionCode,
      before,
      after,
    });
    return after!;
  });
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((role) => b.includes(role));

export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}
