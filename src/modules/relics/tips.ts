import { createHmac } from 'node:crypto';
import { and, desc, eq, gt, isNotNull, lt, sql } from 'drizzle-orm';
import { DomainError, notFound } from '../../core/errors.ts';
import type { Db, Executor } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import { recordCaseLead } from '../cases/index.ts';
import { notify } from '../notifications/index.ts';
import { scopeCondition, type Viewer } from '../org/index.ts';
import { isUuid } from './access.ts';
import { type PhotoStore, storePhotoFile } from './photos.ts';
import { requireRelicPermission } from './policy.ts';
import { PUBLIC_STATUSES, relicObjects, relicTips, type TipStatus } from './schema.ts';

export interface NewTip {
  publicationNo: string;
  message: string;
  contact?: string | undefined;
  photo?: Uint8Array | undefined;
  /** Honeypot: a field people never see or fill; bots do. */
  website?: string | undefined;
}

/** Tips per sender address per window. Counted in the database, so it holds across processes and restarts. */
export const TIP_LIMIT = { max: 5, windowMinutes: 10 };

/**
 * The sender's address as kept with a tip: a keyed hash (never the address), used only to count a
 * sender's recent tips, and erased from tips older than the window.
 */
export function senderHashOf(address: string): string {
  return createHmac('sha256', 'lianfang.relic-tip-sender.v1').update(address).digest('base64url');
}

function tipRateLimited(oldest: Date, now: Date): DomainError {
  const minutes = Math.max(1, Math.ceil((oldest.getTime() + TIP_LIMIT.windowMinutes * 60_000 - now.getTime()) / 60_000));
  return new DomainError('rate_limited', 'relics.tip_rate_limited', undefined, { max: TIP_LIMIT.max, window: TIP_LIMIT.windowMinutes, minutes });
}

/** The sender's tips inside the window: how many, and the oldest (when the next one is allowed). */
async function recentTips(db: Executor, senderHash: string, now: Date): Promise<{ n: number; oldest: Date | null }> {
  const since = new Date(now.getTime() - TIP_LIMIT.windowMinutes * 60_000);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${relicTips.createdAt})` })
    .from(relicTips)
    .where(and(eq(relicTips.senderHash, senderHash), gt(relicTips.createdAt, since)));
  return { n: row?.n ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

/**
 * A tip from the public lands in the queue of the object's jurisdiction. A filled honeypot is accepted
 * and dropped. More than TIP_LIMIT.max tips from one address in the window are refused (rate_limited):
 * checked before the photo is stored, and again under a per-sender advisory lock inside the insert
 * transaction, so parallel requests to several server processes cannot slip past it.
 */
export async function submitTip(db: Db, store: PhotoStore, actor: Actor, tip: NewTip): Promise<{ received: true }> {
  if (tip.website && tip.website.trim() !== '') return { received: true };
  const senderHash = senderHashOf(actor.ip ?? 'unknown');
  const early = await recentTips(db, senderHash, new Date());
  if (early.n >= TIP_LIMIT.max) throw tipRateLimited(early.oldest!, new Date());
  const [object] = await db
    .select({
      id: relicObjects.id,
      jurisdictionCode: relicObjects.jurisdictionCode,
      agencyId: relicObjects.agencyId,
      status: relicObjects.status,
      publicationNo: relicObjects.publicationNo,
      titleZh: relicObjects.titleZh,
      titleEn: relicObjects.titleEn,
    })
    .from(relicObjects)
    .where(eq(relicObjects.publicationNo, tip.publicationNo))
    .limit(1);
  if (!object || !(PUBLIC_STATUSES as readonly string[]).includes(object.status)) throw notFound('relics.not_found');
  const photo = tip.photo ? await storePhotoFile(store, tip.photo) : null;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`relic-tip:${senderHash}`}))`);
    const now = new Date();
    const recent = await recentTips(tx, senderHash, now);
    if (recent.n >= TIP_LIMIT.max) throw tipRateLimited(recent.oldest!, now);
    // Hashes are kept no longer than they are needed for counting.
    await tx
      .update(relicTips)
      .set({ senderHash: null })
      .where(and(isNotNull(relicTips.senderHash), lt(relicTips.createdAt, new Date(now.getTime() - TIP_LIMIT.windowMinutes * 60_000))));
    const [row] = await tx
      .insert(relicTips)
      .values({
        objectId: object.id,
        jurisdictionCode: object.jurisdictionCode,
        agencyId: object.agencyId,
        message: tip.message.trim(),
        contact: tip.contact?.trim() || null,
        photoSha256: photo?.sha256 ?? null,
        senderHash,
        createdAt: now,
      })
      .returning({ id: relicTips.id });
    // The audit keeps that a tip came, not what the tipster wrote or who they are.
    await appendAudit(tx, actor, {
      action: 'relic.tip.receive',
      entityType: 'relic_tip',
      entityId: row!.id,
      jurisdictionCode: object.jurisdictionCode,
      after: { objectId: object.id, withPhoto: Boolean(photo), withContact: Boolean(tip.contact) },
    });
    // The bell of whoever may review the tip (the tip's own scope: its jurisdiction, the object's agency). It names the
    // object only: what the tipster wrote and how to reach them stay in the review queue, where reading them is audited.
    await notify(tx, actor, {
      recipientJurisdiction: object.jurisdictionCode,
      agencyId: object.agencyId,
      kind: 'relics.tip',
      titleKey: 'notifications.relic_tip.title',
      bodyKey: 'notifications.relic_tip.body',
      params: { publicationNo: object.publicationNo ?? '', title: object.titleZh || object.titleEn },
      link: '/relics/tips',
      entityType: 'relic_tip',
      entityId: row!.id,
    });
  });
  return { received: true };
}

const tipScope = (viewer: Viewer) =>
  scopeCondition(viewer, { jurisdiction: relicTips.jurisdictionCode, agency: relicTips.agencyId, entityType: 'relic_tip', id: relicTips.id });

export interface TipItem {
  id: string;
  objectId: string;
  publicationNo: string | null;
  titleZh: string;
  titleEn: string;
  message: string;
  contact: string | null;
  hasPhoto: boolean;
  status: TipStatus;
  leadCaseId: string | null;
  createdAt: Date;
}

/** The review queue: tips about objects in the viewer's scope. Reading contacts (personal data) is audited. */
export async function listTips(db: Db, viewer: Viewer, actor: Actor, filters: { status?: TipStatus | undefined }): Promise<TipItem[]> {
  requireRelicPermission(viewer, 'relics.tips');
  const rows = await db
    .select({
      id: relicTips.id,
      objectId: relicTips.objectId,
      publicationNo: relicObjects.publicationNo,
      titleZh: relicObjects.titleZh,
      titleEn: relicObjects.titleEn,
      message: relicTips.message,
      contact: relicTips.contact,
      hasPhoto: sql<boolean>`${relicTips.photoSha256} is not null`,
      status: relicTips.status,
      leadCaseId: relicTips.leadCaseId,
      createdAt: relicTips.createdAt,
    })
    .from(relicTips)
    .innerJoin(relicObjects, eq(relicObjects.id, relicTips.objectId))
    .where(and(tipScope(viewer), filters.status ? eq(relicTips.status, filters.status) : undefined))
    .orderBy(desc(relicTips.createdAt))
    .limit(500);
  const withContact = rows.filter((r) => r.contact).map((r) => r.id);
  if (withContact.length) {
    await db.transaction((tx) =>
      appendAudit(tx, actor, {
        action: 'relic.tip.read_contacts',
        entityType: 'relic_tip',
        jurisdictionCode: viewer.jurisdictionCode,
        after: { tipIds: withContact },
      }),
    );
  }
  return rows;
}

export async function tipPhotoSha(db: Db, viewer: Viewer, id: string): Promise<string> {
  requireRelicPermission(viewer, 'relics.tips');
  if (!isUuid(id)) throw notFound('relics.tip_not_found');
  const [row] = await db
    .select({ sha: relicTips.photoSha256 })
    .from(relicTips)
    .where(and(eq(relicTips.id, id), tipScope(viewer)));
  if (!row?.sha) throw notFound('relics.photo_not_found');
  return row.sha;
}

/** Closes a tip: dismissed, or turned into a lead on a case in the viewer's scope (checked in the same transaction as the write, by recordCaseLead). */
export async function reviewTip(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  decision: { action: 'dismiss' } | { action: 'lead'; caseId: string; note?: string | undefined },
): Promise<TipItem> {
  requireRelicPermission(viewer, 'relics.tips');
  if (!isUuid(id)) throw notFound('relics.tip_not_found');
  return db.transaction(async (tx) => {
    const [tip] = await tx
      .select()
      .from(relicTips)
      .where(and(eq(relicTips.id, id), tipScope(viewer)))
      .for('update', { of: relicTips });
    if (!tip) throw notFound('relics.tip_not_found');
    if (tip.status !== 'new') throw new DomainError('conflict', 'relics.tip_already_reviewed');
    const status: TipStatus = decision.action === 'lead' ? 'lead' : 'dismissed';
    const caseId = decision.action === 'lead' ? decision.caseId : null;
    await tx.update(relicTips).set({ status, leadCaseId: caseId, reviewedBy: viewer.userId, reviewedAt: new Date() }).where(eq(relicTips.id, id));
    if (caseId) {
      const note = decision.action === 'lead' && decision.note ? decision.note : tip.message.slice(0, 500);
      await recordCaseLead(tx, viewer, actor, caseId, 'lead_from_tip', note);
    }
    await appendAudit(tx, actor, {
      action: `relic.tip.${decision.action}`,
      entityType: 'relic_tip',
      entityId: id,
      jurisdictionCode: tip.jurisdictionCode,
      before: { status: tip.status },
      after: { status, caseId },
    });
    const [item] = await tx
      .select({
        id: relicTips.id,
        objectId: relicTips.objectId,
        publicationNo: relicObjects.publicationNo,
        titleZh: relicObjects.titleZh,
        titleEn: relicObjects.titleEn,
        message: relicTips.message,
        contact: relicTips.contact,
        hasPhoto: sql<boolean>`${relicTips.photoSha256} is not null`,
        status: relicTips.status,
        leadCaseId: relicTips.leadCaseId,
        createdAt: relicTips.createdAt,
      })
      .from(relicTips)
      .innerJoin(relicObjects, eq(relicObjects.id, relicTips.objectId))
      .where(eq(relicTips.id, id));
    return item!;
  });
}
