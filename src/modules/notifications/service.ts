import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { Db, Executor, Tx } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import { scopeCondition, type Viewer } from '../org/index.ts';
import { notificationReads, notifications } from './schema.ts';

export interface NewNotification {
  /** The jurisdiction of the record the notification is about: its police and those above it see the notification. */
  recipientJurisdiction: string;
  /** The agency that owns the record: a partner agency sees the notification only if it owns the record or it is shared with it. */
  agencyId: string;
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
  const [row] = await tx
    .insert(notifications)
    .values({
      recipientJurisdiction: input.recipientJurisdiction,
      recipientAgencyId: input.agencyId,
      kind: input.kind,
      titleKey: input.titleKey,
      bodyKey: input.bodyKey,
      params: input.params ?? {},
      link: input.link ?? null,
      entityType: input.entityType ?? null,
      entityId: input.entityId ?? null,
    })
    .returning({ id: notifications.id });
  await appendAudit(tx, actor, {
    action: 'notification.create',
    entityType: 'notification',
    entityId: String(row!.id),
    jurisdictionCode: input.recipientJurisdiction,
    after: { kind: input.kind, titleKey: input.titleKey, params: input.params ?? {}, link: input.link ?? null },
  });
  return { id: row!.id };
}

/** Notifications the viewer sees: by the same rule as the records they are about (jurisdiction, owning agency, shares). */
const inScope = (viewer: Viewer): SQL =>
  scopeCondition(viewer, {
    jurisdiction: notifications.recipientJurisdiction,
    agency: notifications.recipientAgencyId,
    entityType: notifications.entityType,
    id: notifications.entityId,
  });

/** Not yet read by this viewer (each reader reads for themselves). */
const unreadBy = (viewer: Viewer): SQL =>
  sql`not exists (select 1 from ${notificationReads} where ${notificationReads.notificationId} = ${notifications.id} and ${notificationReads.userId} = ${viewer.userId})`;

export async function listNotifications(
  db: Executor,
  viewer: Viewer,
  options: { unreadOnly?: boolean; limit?: number } = {},
): Promise<{ items: NotificationItem[]; unread: number }> {
  const conditions = [inScope(viewer)];
  if (options.unreadOnly) conditions.push(unreadBy(viewer));
  const rows = await db
    .select({
      id: notifications.id,
      recipientJurisdiction: notifications.recipientJurisdiction,
      kind: notifications.kind,
      titleKey: notifications.titleKey,
      bodyKey: notifications.bodyKey,
      params: notifications.params,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notificationReads.readAt,
    })
    .from(notifications)
    .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, viewer.userId)))
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 200));
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(inScope(viewer), unreadBy(viewer)));
  return {
    items: rows.map((r) => ({
      id: r.id,
      recipientJurisdiction: r.recipientJurisdiction,
      kind: r.kind,
      titleKey: r.titleKey,
      bodyKey: r.bodyKey,
      params: r.params,
      link: r.link,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt ? r.readAt.toISOString() : null,
    })),
    unread: count!.n,
  };
}

/** Marks one notification (or, with id 'all', every unread one in scope) read by the viewer, for the viewer only; audited. Out of scope is "not found". */
export async function markNotificationsRead(db: Db, viewer: Viewer, actor: Actor, id: number | 'all'): Promise<{ marked: number }> {
  return db.transaction(async (tx) => {
    const where = id === 'all' ? and(inScope(viewer), unreadBy(viewer)) : and(inScope(viewer), eq(notifications.id, id));
    const targets = await tx.select({ id: notifications.id }).from(notifications).where(where);
    if (id !== 'all' && targets.length === 0) throw new DomainError('not_found', 'notifications.not_found');
    if (targets.length === 0) return { marked: 0 };
    const rows = await tx
      .insert(notificationReads)
      .values(targets.map((t) => ({ notificationId: t.id, userId: viewer.userId })))
      .onConflictDoNothing()
      .returning({ id: notificationReads.notificationId });
    if (rows.length > 0) {
      await appendAudit(tx, actor, {
        action: 'notification.read',
        entityType: 'notification',
        entityId: id === 'all' ? 'all' : String(id),
        jurisdictionCode: viewer.jurisdictionCode,
        after: { ids: rows.map((r) => r.id) },
      });
    }
    return { marked: rows.length };
  });
}
