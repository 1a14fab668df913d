// Wiring between the registry (module relics) and photo matching: fingerprints of new registry photos, search by
// photo mapped to the objects a viewer may see, and a confirmed screening hit as a lead on the object's case.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import { caseOfEarlierLead, createCase, recordCaseLead } from '../cases/index.ts';
import type { JobDefinition, JobQueue } from '../jobs/index.ts';
import { notify } from '../notifications/index.ts';
import { hasPermission, scopeCondition, type Viewer } from '../org/index.ts';
import {
  listRegistryPhotos,
  onPhotoAdded,
  type PhotoStore,
  PUBLIC_STATUSES,
  readPhotoBytes,
  relicAllowed,
  relicObjects,
  relicPhotos,
} from '../relics/index.ts';
import { screeningListings } from './schema.ts';
import type { RaiseLeadFromHit } from './screening.ts';
import {
  enqueueFingerprint,
  fingerprintQueued,
  type PhotoMatch,
  type PhotoSource,
  pendingFingerprints,
  type QueryStages,
  searchByPhoto,
} from './service.ts';

/** The bytes of a registry photo for the fingerprint job (null when the file is gone). */
export const registryPhotoSource = (store: PhotoStore) => (sha256: string) => readPhotoBytes(store, sha256).catch(() => null);

export const FINGERPRINT_QUEUE = 'matching.fingerprint';
/** The queues of matching's jobs, as migrations create them. */
export const MATCHING_QUEUES = [{ queue: FINGERPRINT_QUEUE, policy: 'short' }, { queue: 'matching.screening' }] as const;

/**
 * Fingerprinting as jobs of the one queue: one job per photo, at most one queued per photo (`short` policy, keyed by
 * sha256); the result and the photo's state stay in `photo_fingerprints`. A photo whose file cannot be read yet is
 * queued again after `retrySeconds` until its last attempt (service.ts).
 */
export function fingerprintJob(
  db: Db,
  source: PhotoSource,
  queue: () => JobQueue,
  options: { retrySeconds?: number } = {},
): JobDefinition<{ sha256: string }, null> {
  return {
    queue: FINGERPRINT_QUEUE,
    followed: false,
    policy: 'short',
    batchSize: 8,
    async run({ data }) {
      const outcome = await fingerprintQueued(db, source, data.sha256);
      if (outcome === 'missing') await sendFingerprints(queue(), [data.sha256], options.retrySeconds ?? 10);
      return null;
    },
  };
}

async function sendFingerprints(queue: JobQueue, sha256s: string[], startAfterSeconds?: number): Promise<void> {
  for (const sha256 of sha256s) await queue.enqueue(FINGERPRINT_QUEUE, { sha256 }, { singletonKey: sha256, startAfterSeconds });
}

/** Marks photos as waiting and queues their fingerprint jobs; photos fingerprinted with the current method are left alone. */
export async function queueFingerprints(db: Db, queue: JobQueue, sha256s: string[]): Promise<{ queued: number }> {
  const marked = await enqueueFingerprint(db, sha256s);
  // Photos already waiting are queued too: a job of a short queue is queued once per photo (the key), so this is
  // harmless, and a photo marked before a crash is not left waiting.
  await sendFingerprints(queue, [...new Set(sha256s)]);
  return marked;
}

/**
 * Every new registry photo (upload or import) is queued for fingerprinting on the job queue, which fingerprints it in
 * the background (fingerprintJob, defined with the queue). Returns the function that removes the hook.
 */
export function startRegistryFingerprinting(db: Db, queue: JobQueue): () => void {
  // A failure is reported by the registry's hooks (setHookErrorReporter); backfillFingerprints catches up at the next start.
  return onPhotoAdded(async (photo) => {
    await queueFingerprints(db, queue, [photo.sha256]);
  });
}

/**
 * Queues every registry photo that has no current fingerprint (photos added while no server ran, or after a method
 * change) and every photo still waiting; photos already fingerprinted are left alone. Run at server start.
 */
export async function backfillFingerprints(db: Db, queue: JobQueue): Promise<{ queued: number }> {
  let queued = 0;
  let after: number | undefined;
  for (;;) {
    const page = await listRegistryPhotos(db, { after, limit: 1000 });
    if (page.length === 0) break;
    queued += (
      await enqueueFingerprint(
        db,
        page.map((p) => p.sha256),
      )
    ).queued;
    after = page[page.length - 1]!.cursor;
  }
  let last: string | undefined;
  for (;;) {
    const pending = await pendingFingerprints(db, 1000, last);
    if (pending.length === 0) break;
    await sendFingerprints(queue, pending);
    last = pending[pending.length - 1];
  }
  return { queued };
}

const objectScope = (viewer: Viewer) =>
  scopeCondition(viewer, {
    jurisdiction: relicObjects.jurisdictionCode,
    agency: relicObjects.agencyId,
    entityType: 'relic_object',
    id: relicObjects.id,
  });

export interface PhotoCandidate {
  objectId: string;
  objectRef: string;
  publicationNo: string | null;
  titleZh: string;
  titleEn: string;
  status: string;
  score: number;
  verdict: PhotoMatch['verdict'];
  inliers: number;
  regions: PhotoMatch['regions'];
  photoSha256: string;
}

interface PhotoOwner {
  sha256: string;
  objectId: string;
  objectRef: string;
  publicationNo: string | null;
  titleZh: string;
  titleEn: string;
  status: string;
}

const ownerColumns = {
  sha256: relicPhotos.sha256,
  objectId: relicObjects.id,
  objectRef: relicObjects.objectRef,
  publicationNo: relicObjects.publicationNo,
  titleZh: relicObjects.titleZh,
  titleEn: relicObjects.titleEn,
  status: relicObjects.status,
};

async function photoOwners(db: Db, where: ReturnType<typeof and>): Promise<Map<string, PhotoOwner[]>> {
  const rows = await db.select(ownerColumns).from(relicPhotos).innerJoin(relicObjects, eq(relicObjects.id, relicPhotos.objectId)).where(where);
  const owners = new Map<string, PhotoOwner[]>();
  for (const row of rows) {
    const list = owners.get(row.sha256) ?? [];
    list.push(row);
    owners.set(row.sha256, list);
  }
  return owners;
}

/**
 * Candidates among the photos `where` allows: asked only about the best stage-one candidates (one indexed query for a
 * few hundred photos per search, not every visible photo), before ranking, so hidden photos never take a place.
 */
async function searchAmong(db: Db, bytes: Uint8Array, top: number, where: SQL, stages?: QueryStages): Promise<PhotoCandidate[]> {
  let owners = new Map<string, PhotoOwner[]>();
  const allowedAmong = async (keys: string[]) => {
    owners = keys.length ? await photoOwners(db, and(where, inArray(relicPhotos.sha256, keys))) : new Map();
    return new Set(owners.keys());
  };
  const matches = await searchByPhoto(db, bytes, { top, allowedAmong }, stages);
  const out: PhotoCandidate[] = [];
  for (const m of matches) {
    for (const o of owners.get(m.sha256) ?? []) {
      out.push({ ...o, photoSha256: m.sha256, score: m.score, verdict: m.verdict, inliers: m.inliers, regions: m.regions });
    }
  }
  return out.slice(0, top);
}

/** Staff search by photo: candidates among the photos of objects in the viewer's scope (any status). */
export async function searchRegistryByPhoto(db: Db, viewer: Viewer, bytes: Uint8Array, top = 10, stages?: QueryStages): Promise<PhotoCandidate[]> {
  if (!relicAllowed(viewer, 'relics.read')) throw new DomainError('forbidden', 'relics.forbidden');
  return searchAmong(db, bytes, top, objectScope(viewer), stages);
}

/** Public search by photo: candidates among the photos of objects on the public portal only. */
export async function searchPublishedByPhoto(db: Db, bytes: Uint8Array, top = 10, stages?: QueryStages): Promise<PhotoCandidate[]> {
  return searchAmong(db, bytes, top, inArray(relicObjects.status, [...PUBLIC_STATUSES]), stages);
}

/** For the CLI (`lianfang match`): photo sha256 → its object (the first one, when a photo belongs to several). */
export async function resolvePhotoObjects(db: Db, sha256s: string[]): Promise<Map<string, { objectRef: string; publicationNo: string | null }>> {
  const result = new Map<string, { objectRef: string; publicationNo: string | null }>();
  if (sha256s.length === 0) return result;
  const owners = await photoOwners(db, and(inArray(relicPhotos.sha256, [...new Set(sha256s)])));
  for (const [sha256, list] of owners) result.set(sha256, { objectRef: list[0]!.objectRef, publicationNo: list[0]!.publicationNo });
  return result;
}

/** Objects in the viewer's scope that own these photos (sha256 → first such object). */
export async function photoOwnersInScope(
  db: Db,
  viewer: Viewer,
  shas: string[],
): Promise<Map<string, { objectId: string; objectRef: string; publicationNo: string | null }>> {
  const out = new Map<string, { objectId: string; objectRef: string; publicationNo: string | null }>();
  if (shas.length === 0) return out;
  const rows = await db
    .select({ sha256: relicPhotos.sha256, objectId: relicObjects.id, objectRef: relicObjects.objectRef, publicationNo: relicObjects.publicationNo })
    .from(relicPhotos)
    .innerJoin(relicObjects, eq(relicObjects.id, relicPhotos.objectId))
    .where(and(inArray(relicPhotos.sha256, [...new Set(shas)]), objectScope(viewer)))
    .orderBy(relicObjects.createdAt, relicObjects.id);
  for (const r of rows) if (!out.has(r.sha256)) out.set(r.sha256, r);
  return out;
}

/**
 * The condition "this queued listing's best hit is on a photo of an object the viewer may see", for the review queue's
 * query: scoped in SQL before any limit, so a county reviewer's hits are never crowded out by the country's.
 */
export const hitInScope = (
  viewer: Viewer,
): SQL => sql`exists (select 1 from ${relicPhotos} inner join ${relicObjects} on ${relicObjects.id} = ${relicPhotos.objectId}
  where ${relicPhotos.sha256} = ${screeningListings.bestSha256} and ${objectScope(viewer)})`;

/**
 * The registry object a confirmed hit belongs to: the one the reviewer confirmed it for (`objectId`), which must own
 * the matched photo and be in the reviewer's scope. Without `objectId` the photo's only owner in scope; when several
 * objects in scope share the photo the reviewer must say which (a hit never goes to whichever object is oldest).
 */
async function hitObject(tx: Tx, viewer: Viewer, photoSha256: string, objectId: string | undefined) {
  const objects = await tx
    .select({
      id: relicObjects.id,
      objectRef: relicObjects.objectRef,
      caseId: relicObjects.caseId,
      jurisdictionCode: relicObjects.jurisdictionCode,
      agencyId: relicObjects.agencyId,
      titleZh: relicObjects.titleZh,
      titleEn: relicObjects.titleEn,
    })
    .from(relicPhotos)
    .innerJoin(relicObjects, eq(relicObjects.id, relicPhotos.objectId))
    .where(and(eq(relicPhotos.sha256, photoSha256), objectScope(viewer), objectId ? eq(relicObjects.id, objectId) : undefined))
    .orderBy(relicObjects.createdAt);
  if (objects.length === 0) throw new DomainError('not_found', 'matching.review_not_found');
  if (objects.length > 1)
    throw new DomainError('validation', 'validation_failed', [{ path: '/objectId', message: 'matching.review_object_required' }]);
  return objects[0]!;
}

/**
 * A confirmed screening hit becomes a lead: a `lead_from_screening` event (with the listing's source, reference and
 * score) on the timeline of the case linked to the hit's object, and a notification to the object's jurisdiction. The
 * object is the one the reviewer confirmed the hit for, in their scope; its case must be in their scope too. An object
 * without a linked case gets a new case (category relic.trafficking, in the object's jurisdiction) when the reviewer
 * may record cases — once: later hits on the same object go to the case opened by the first. Otherwise null (the
 * decision is still recorded, and the jurisdiction notified with a link to the object). Everything is written in the
 * decision's transaction.
 */
export function raiseLeadOnLinkedCase(actor: Actor, viewer: Viewer, objectId?: string): RaiseLeadFromHit {
  return async (tx, hit) => {
    const object = await hitObject(tx, viewer, hit.photoSha256, objectId);
    const prefix = `${object.objectRef}: `;
    const evidence = hit.verdict === 'text_only' ? 'text match only' : `score ${hit.score.toFixed(3)}`;
    const note = `${prefix}${hit.source} ${hit.reference} (${evidence})`.slice(0, 2000);
    let caseId = object.caseId;
    let opened = false;
    if (!caseId) caseId = await caseOfEarlierLead(tx, 'lead_from_screening', prefix);
    const notifyJurisdiction = async (caseRef: { id: string; caseNo: string; jurisdictionCode: string; agencyId: string } | null) =>
      notify(tx, actor, {
        recipientJurisdiction: caseRef?.jurisdictionCode ?? object.jurisdictionCode,
        agencyId: caseRef?.agencyId ?? object.agencyId,
        kind: 'matching.screening_hit',
        titleKey: 'notifications.screening_hit.title',
        bodyKey: caseRef ? 'notifications.screening_hit.body' : 'notifications.screening_hit.body_no_case',
        params: {
          objectRef: object.objectRef,
          title: object.titleZh || object.titleEn,
          source: hit.source,
          reference: hit.reference.slice(0, 300),
          caseNo: caseRef?.caseNo ?? '',
        },
        link: caseRef ? `/cases/${caseRef.id}` : `/relics/${object.id}`,
        entityType: caseRef ? 'case' : 'relic_object',
        entityId: caseRef?.id ?? object.id,
      });
    if (!caseId) {
      if (!hasPermission(viewer.roles, 'cases.write')) {
        // No case to attach the lead to and none may be opened by this reviewer: the jurisdiction is still told.
        await notifyJurisdiction(null);
        return null;
      }
      // A savepoint inside the decision's transaction (createCase opens its own transaction on the handle it gets).
      const created = await createCase(tx as unknown as Db, viewer, actor, {
        categoryCode: 'relic.trafficking',
        jurisdictionCode: object.jurisdictionCode,
        reportedAt: new Date(),
        title: `文物比对线索：${object.titleZh || object.titleEn || object.objectRef}`.slice(0, 200),
        summary: `Market screening hit on registry object ${object.objectRef}: ${hit.source} ${hit.reference}`,
      });
      caseId = created.id;
      opened = true;
    }
    const target = caseId;
    // The case must be one the reviewer may see, like the object (a lead is a write to that case).
    const theCase = await recordCaseLead(tx, viewer, actor, target, 'lead_from_screening', note);
    await appendAudit(tx, actor, {
      action: 'matching.review.lead',
      entityType: 'case',
      entityId: target,
      jurisdictionCode: theCase.jurisdictionCode,
      after: { listingId: hit.listingId, objectId: object.id, photoSha256: hit.photoSha256, newCase: opened },
    });
    await notifyJurisdiction({ id: target, ...theCase });
    return { caseId: target };
  };
}
