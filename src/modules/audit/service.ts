import { and, asc, desc, eq, gt, gte, like, lt, lte, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client.ts';
import { scopeCondition, users, type Viewer } from '../org/index.ts';
import { type ChainedFields, entryHash, GENESIS_HASH, toJsonValue } from './chain.ts';
import { auditLog } from './schema.ts';

/** Who did it, from where: taken from the request (or the CLI) and passed down to every write. */
export interface Actor {
  userId: string | null;
  username: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system' };

export interface AuditEvent {
  action: string;
  entityType?: string;
  entityId?: string;
  jurisdictionCode?: string | null;
  before?: unknown;
  after?: unknown;
}

// Any constant works; it only has to be the same in every process that appends.
const CHAIN_LOCK_KEY = 7_460_231;

/**
 * Appends one entry inside the caller's transaction, so the entry exists exactly when the change
 * it describes does. The advisory lock orders concurrent appenders on the chain.
 */
export async function appendAudit(tx: Tx, actor: Actor, event: AuditEvent): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: ChainedFields = {
    at: new Date(),
    actorUserId: actor.userId,
    actorUsername: actor.username,
    action: event.action,
    entityType: event.entityType ?? null,
    entityId: event.entityId ?? null,
    jurisdictionCode: event.jurisdictionCode ?? null,
    before: toJsonValue(event.before),
    after: toJsonValue(event.after),
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
  };
  await tx.insert(auditLog).values({ ...fields, prevHash, hash: entryHash(prevHash, fields) });
}

/** For events that are not part of a larger change (a login, a read of personal data). */
export async function recordAudit(db: Db, actor: Actor, event: AuditEvent): Promise<void> {
  await db.transaction((tx) => appendAudit(tx, actor, event));
}

export type VerifyResult = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: 'hash_mismatch' | 'chain_broken' };

const VERIFY_PAGE = 5000;

/** Walks the chain from the first entry and reports the first entry whose link does not hold. */
export async function verifyAuditChain(db: Executor): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let entries = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(VERIFY_PAGE);
    for (const row of page) {
      if (row.prevHash !== prevHash) return { ok: false, entries, brokenAt: row.id, reason: 'chain_broken' };
      const { id, prevHash: _p, hash, ...fields } = row;
      if (entryHash(prevHash, fields) !== hash) return { ok: false, entries, brokenAt: id, reason: 'hash_mismatch' };
      prevHash = hash;
      entries++;
    }
    if (page.length < VERIFY_PAGE) return { ok: true, entries };
    afterId = page[page.length - 1]!.id;
  }
}

export interface AuditListItem {
  id: number;
  at: string;
  actorUsername: string | null;
  /** The actor's display name now (null for the system, a failed login's unknown name, or a removed user). */
  actorDisplayName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  jurisdictionCode: string | null;
}

export interface AuditFilters {
  limit: number;
  beforeId?: number | undefined;
  /** An action code, or a family ending in `.` or `.*` (`case.` → every case action). */
  action?: string | undefined;
  /** The actor's username as recorded. */
  actor?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function actionCondition(action: string) {
  const family = action.endsWith('.*') ? action.slice(0, -1) : action.endsWith('.') ? action : undefined;
  return family ? like(auditLog.action, `${escapeLike(family)}%`) : eq(auditLog.action, action);
}

/** Entries about the viewer's jurisdiction subtree; entries with no jurisdiction only nationally. Newest first. */
export async function listAudit(db: Executor, viewer: Viewer, options: AuditFilters): Promise<AuditListItem[]> {
  const scope = scopeCondition(viewer, { jurisdiction: auditLog.jurisdictionCode, entityType: 'audit_entry', id: auditLog.id });
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUsername: auditLog.actorUsername,
      actorDisplayName: users.displayName,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      jurisdictionCode: auditLog.jurisdictionCode,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        scope,
        options.beforeId ? lt(auditLog.id, options.beforeId) : undefined,
        options.action ? actionCondition(options.action) : undefined,
        options.actor ? eq(auditLog.actorUsername, options.actor) : undefined,
        options.from ? gte(auditLog.at, options.from) : undefined,
        options.to ? lte(auditLog.at, options.to) : undefined,
        options.entityType ? eq(auditLog.entityType, options.entityType) : undefined,
        options.entityId ? eq(auditLog.entityId, options.entityId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(options.limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
