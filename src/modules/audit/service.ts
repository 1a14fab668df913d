import { and, asc, desc, gt, lt, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client.ts';
import { scopeCondition, type Viewer } from '../org/index.ts';
import { auditLog } from './schema.ts';
import { GENESIS_HASH, entryHash, toJsonValue, type ChainedFields } from './chain.ts';

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

export type VerifyResult =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; reason: 'hash_mismatch' | 'chain_broken' };

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
  action: string;
  entityType: string | null;
  entityId: string | null;
  jurisdictionCode: string | null;
}

/** Entries about the viewer's jurisdiction subtree; entries with no jurisdiction only nationally. */
export async function listAudit(db: Executor, viewer: Viewer, options: { limit: number; beforeId?: number | undefined }): Promise<AuditListItem[]> {
  const scope = scopeCondition(viewer, { jurisdiction: auditLog.jurisdictionCode, entityType: 'audit_entry', id: auditLog.id });
  const rows = await db.select({
    id: auditLog.id, at: auditLog.at, actorUsername: auditLog.actorUsername, action: auditLog.action,
    entityType: auditLog.entityType, entityId: auditLog.entityId, jurisdictionCode: auditLog.jurisdictionCode,
  }).from(auditLog)
    .where(and(scope, options.beforeId ? lt(auditLog.id, options.beforeId) : undefined))
    .orderBy(desc(auditLog.id)).limit(options.limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
