import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client.ts';
import { DomainError } from '../../core/errors.ts';
import { appendAudit, type Actor } from '../audit/index.ts';
import { jurisdictionAncestors, type Viewer } from '../org/index.ts';
import { notifications } from './schema.ts';

export interface NewNotification {
  /** The jurisdiction notified: its users and those of every jurisdiction above it see the notification. */
  recipientJurisdiction: string;
  kind: string;
  titleKey: string;
  bodyKey: string;
  params?: Record<string, string | number>;
  link?: string | null;
  entityType?: string | null;
  entityId?: string | null;
}

export interface NotificationItem {
  id: number;
  recipientJurisdiction: string;
  kind: string;
  titleKey: string;
  bodyKey: string;
  params: Record<string, string | number>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** Writes a notification inside the caller's transaction (so it exists only if the change it reports does), audited. */
export async function notify(tx: Tx, actor: Actor, input: NewNotification): Promise<{ id: number }> {
  const [row] = await tx.insert(notifications).values({
    recipientJurisdiction: input.recipientJurisdiction, kind: input.kind, titleKey: input.titleKey, bodyKey: input.bodyKey,
    params: input.params ?? {}, link: input.link ?? null, entityType: input.entityType ?? null, entityId: input.entityId ?? null,
  }).returning({ id: notifications.id });
  await appendAudit(tx, actor, {
    action: 'notification.create', entityType: 'notification', entityId: String(row!.id), jurisdictionCode: input.recipientJurisdiction,
    after: { kind: input.kind, titleKey: input.titleKey, params: input.params ?? {}, link: input.link ?? null },
  });
  return { id: row!.id };
}

/** Notifications the viewer sees: those addressed to their jurisdiction or any jurisdiction below it. */
const inScope = (viewer: Viewer): SQL => sql`exists (select 1 from ${jurisdictionAncestors} where ${jurisdictionAncestors.ancestorCode} = ${viewer.jurisdictionCode} and ${jurisdictionAncestors.descendantCode} = ${notifications.recipientJurisdiction})`;

export async function listNotifications(db: Executor, viewer: Viewer, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<{ items: NotificationItem[]; unread: number }> {
  const conditions = [inScope(viewer)];
  if (options.unreadOnly) conditions.push(isNull(notifications.readAt));
  const rows = await db.select().from(notifications).where(and(...conditions)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(Math.min(Math.max(options.limit ?? 50, 1), 200));
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(inScope(viewer), isNull(notifications.readAt)));
  return {
    items: rows.map((r) => ({
      id: r.id, recipientJurisdiction: r.recipientJurisdiction, kind: r.kind, titleKey: r.titleKey, bodyKey: r.bodyKey, params: r.params, link: r.link,
      createdAt: r.createdAt.toISOString(), readAt: r.readAt ? r.readAt.toISOString() : null,
    })),
    unread: count!.n,
  };
}

/** Marks one notification (or, with id 'all', every unread one in scope) read by the viewer; audited. Out of scope is "not found". */
export async function markNotificationsRead(db: Db, viewer: Viewer, actor: Actor, id: number | 'all'): Promise<{ marked: number }> {
  return db.transaction(async (tx) => {
    const where = id === 'all' ? and(inScope(viewer), isNull(notifications.readAt)) : and(inScope(viewer), eq(notifications.id, id));
    if (id !== 'all') {
      const [exists] = await tx.select({ id: notifications.id, readAt: notifications.readAt }).from(notifications).where(where);
      if (!exists) throw new DomainError('not_found', 'notifications.not_found');
      if (exists.readAt) return { marked: 0 };
    }
    const rows = await tx.update(notifications).set({ readBy: viewer.userId, readAt: sql`now()` }).where(and(where, isNull(notifications.readAt))).returning({ id: notifications.id });
    if (rows.length > 0) {
      await appendAudit(tx, actor, { action: 'notification.read', entityType: 'notification', entityId: id === 'all' ? 'all' : String(id), jurisdictionCode: viewer.jurisdictionCode, after: { ids: rows.map((r) => r.id) } });
    }
    return { marked: rows.length };
  });
}
