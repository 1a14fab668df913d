import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import sharp, { type Metadata } from 'sharp';
import { DomainError, notFound } from '../../core/errors.ts';
import { ACCEPTED_IMAGE_FORMATS } from '../../core/images.ts';
import type { Db, Executor } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import type { Viewer } from '../org/index.ts';
import { findObjectInScope } from './access.ts';
import { notifyPhotoAdded } from './hooks.ts';
import { addObjectEvent, withEditor } from './objects.ts';
import { requireRelicPermission } from './policy.ts';
import { type PhotoView, PUBLIC_STATUSES, relicObjects, relicPhotos } from './schema.ts';

/** Where photos live: originals by sha256, and the derived sizes that are the only ones served. */
export interface PhotoStore {
  dir: string;
}

export const PHOTO_MAX_BYTES = 25 * 1024 * 1024;
/** Decompression-bomb guard: a 100 KB PNG can claim 100,000 × 100,000 pixels. */
export const PHOTO_MAX_PIXELS = 60_000_000;

export type PhotoVariant = 'original' | 'web' | 'thumb';
const SIZES: Record<Exclude<PhotoVariant, 'original'>, number> = { web: 1600, thumb: 320 };

sharp.cache(false);

export function photoPath(store: PhotoStore, sha256: string, variant: PhotoVariant): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw notFound('relics.photo_not_found');
  const file = variant === 'original' ? sha256 : `${sha256}.jpg`;
  return path.join(store.dir, variant === 'original' ? 'originals' : variant, sha256.slice(0, 2), file);
}

function writeOnce(file: string, bytes: Buffer | Uint8Array): void {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

export interface ProcessedPhoto {
  sha256: string;
  width: number;
  height: number;
  bytes: number;
  format: string;
}

const notImage = () => new DomainError('validation', 'relics.photo_not_image');

/**
 * Checks and stores one image: decoded by sharp under a pixel limit (first frame of an animation,
 * CMYK and 16-bit converted to 8-bit sRGB, EXIF orientation applied), re-encoded as JPEG without any
 * metadata (EXIF, GPS, XMP, ICC) in two sizes, and the original kept as uploaded under its sha256.
 * A file that is not an image, is truncated or claims too many pixels is refused; nothing is written.
 */
export async function storePhotoFile(store: PhotoStore, bytes: Uint8Array): Promise<ProcessedPhoto> {
  if (bytes.byteLength > PHOTO_MAX_BYTES)
    throw new DomainError('validation', 'relics.photo_too_large', undefined, { limit: `${PHOTO_MAX_BYTES / 1024 / 1024} MB` });
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw notImage();
  }
  if (!meta.format || !ACCEPTED_IMAGE_FORMATS.has(meta.format) || !meta.width || !meta.height) throw notImage();
  if (meta.width * meta.height > PHOTO_MAX_PIXELS)
    throw new DomainError('validation', 'relics.photo_too_many_pixels', undefined, { limit: PHOTO_MAX_PIXELS });
  const sha256 = createHash('sha256').update(input).digest('hex');
  const derived: Partial<Record<'web' | 'thumb', Buffer>> = {};
  try {
    for (const variant of ['web', 'thumb'] as const) {
      if (fs.existsSync(photoPath(store, sha256, variant))) continue;
      const size = SIZES[variant];
      derived[variant] = await sharp(input, { limitInputPixels: PHOTO_MAX_PIXELS, pages: 1, failOn: 'error' })
        .rotate()
        .toColourspace('srgb')
        .resize(size, size, { fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: variant === 'web' ? 85 : 78 })
        .toBuffer();
    }
  } catch {
    throw notImage();
  }
  writeOnce(photoPath(store, sha256, 'original'), input);
  for (const variant of ['web', 'thumb'] as const) {
    const out = derived[variant];
    if (out) writeOnce(photoPath(store, sha256, variant), out);
  }
  const orientedSwap = (meta.orientation ?? 1) >= 5;
  return {
    sha256,
    width: orientedSwap ? meta.height : meta.width,
    height: orientedSwap ? meta.width : meta.height,
    bytes: input.byteLength,
    format: meta.format,
  };
}

export interface PhotoInfo {
  id: string;
  sha256: string;
  view: PhotoView;
  width: number;
  height: number;
}

/** Adds a photo to a draft (published records change only through withdrawal and review). */
export async function addPhoto(
  db: Db,
  store: PhotoStore,
  viewer: Viewer,
  actor: Actor,
  objectId: string,
  bytes: Uint8Array,
  view: PhotoView,
): Promise<PhotoInfo> {
  requireRelicPermission(viewer, 'relics.write');
  const current = await findObjectInScope(db, viewer, objectId);
  if (current.status !== 'draft') throw new DomainError('conflict', 'relics.not_editable');
  const processed = await storePhotoFile(store, bytes);
  const photo = await db.transaction(async (tx) => {
    const object = await findObjectInScope(tx, viewer, objectId, { forUpdate: true });
    if (object.status !== 'draft') throw new DomainError('conflict', 'relics.not_editable');
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(relicPhotos).where(eq(relicPhotos.objectId, objectId));
    const [row] = await tx
      .insert(relicPhotos)
      .values({
        objectId,
        sha256: processed.sha256,
        view,
        width: processed.width,
        height: processed.height,
        bytes: processed.bytes,
        format: processed.format,
        sortOrder: count!.n,
        createdBy: viewer.userId,
      })
      .onConflictDoUpdate({ target: [relicPhotos.objectId, relicPhotos.sha256], set: { view } })
      .returning({ id: relicPhotos.id, sha256: relicPhotos.sha256, view: relicPhotos.view, width: relicPhotos.width, height: relicPhotos.height });
    await tx
      .update(relicObjects)
      .set({ editedBy: withEditor(viewer.userId) })
      .where(eq(relicObjects.id, objectId));
    await addObjectEvent(tx, objectId, 'photo_added', actor, `${view} ${processed.sha256.slice(0, 12)}`);
    await appendAudit(tx, actor, {
      action: 'relic.photo.add',
      entityType: 'relic_object',
      entityId: objectId,
      jurisdictionCode: object.jurisdictionCode,
      after: { ...row, bytes: processed.bytes, format: processed.format },
    });
    return { ...row!, objectRef: object.objectRef };
  });
  notifyPhotoAdded({ sha256: photo.sha256, objectId, objectRef: photo.objectRef, view });
  const { objectRef: _r, ...info } = photo;
  return info;
}

export async function removePhoto(db: Db, viewer: Viewer, actor: Actor, objectId: string, photoId: string): Promise<void> {
  requireRelicPermission(viewer, 'relics.write');
  await db.transaction(async (tx) => {
    const object = await findObjectInScope(tx, viewer, objectId, { forUpdate: true });
    if (object.status !== 'draft') throw new DomainError('conflict', 'relics.not_editable');
    const removed = await tx
      .delete(relicPhotos)
      .where(and(eq(relicPhotos.id, photoId), eq(relicPhotos.objectId, objectId)))
      .returning({ sha256: relicPhotos.sha256 });
    if (!removed.length) throw notFound('relics.photo_not_found');
    await tx
      .update(relicObjects)
      .set({ editedBy: withEditor(viewer.userId) })
      .where(eq(relicObjects.id, objectId));
    await addObjectEvent(tx, objectId, 'photo_removed', actor, removed[0]!.sha256.slice(0, 12));
    await appendAudit(tx, actor, {
      action: 'relic.photo.remove',
      entityType: 'relic_object',
      entityId: objectId,
      jurisdictionCode: object.jurisdictionCode,
      before: removed[0],
    });
  });
}

/** A staff member may see a photo of an object in their scope. */
export async function staffPhotoFile(
  db: Db,
  store: PhotoStore,
  viewer: Viewer,
  objectId: string,
  sha256: string,
  variant: 'web' | 'thumb',
): Promise<string> {
  requireRelicPermission(viewer, 'relics.read');
  await findObjectInScope(db, viewer, objectId);
  const [row] = await db
    .select({ id: relicPhotos.id })
    .from(relicPhotos)
    .where(and(eq(relicPhotos.objectId, objectId), eq(relicPhotos.sha256, sha256)));
  if (!row) throw notFound('relics.photo_not_found');
  return photoPath(store, sha256, variant);
}

/** The public may see a photo only while one of its objects is on the portal. */
export async function publicPhotoFile(db: Executor, store: PhotoStore, sha256: string, variant: 'web' | 'thumb'): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw notFound('relics.photo_not_found');
  const [row] = await db
    .select({ id: relicPhotos.id })
    .from(relicPhotos)
    .innerJoin(relicObjects, eq(relicObjects.id, relicPhotos.objectId))
    .where(and(eq(relicPhotos.sha256, sha256), inArray(relicObjects.status, [...PUBLIC_STATUSES])))
    .limit(1);
  if (!row) throw notFound('relics.photo_not_found');
  return photoPath(store, sha256, variant);
}

export interface RegistryPhoto {
  /** Position for paging (pass the last one back as `after`). */
  cursor: number;
  photoId: string;
  sha256: string;
  objectId: string;
  objectRef: string;
  publicationNo: string | null;
  /** True while the object is on the public portal (published, recovered or returned). */
  published: boolean;
  view: PhotoView;
}

/**
 * Every photo of the registry, for the `matching` module to fingerprint (keyed by sha256):
 * paged by `after` (a cursor from the previous page). Not scoped: a system-level reader.
 */
export async function listRegistryPhotos(db: Executor, options: { after?: number; limit?: number } = {}): Promise<RegistryPhoto[]> {
  const rows = await db
    .select({
      cursor: relicPhotos.seq,
      photoId: relicPhotos.id,
      sha256: relicPhotos.sha256,
      objectId: relicPhotos.objectId,
      objectRef: relicObjects.objectRef,
      publicationNo: relicObjects.publicationNo,
      status: relicObjects.status,
      view: relicPhotos.view,
    })
    .from(relicPhotos)
    .innerJoin(relicObjects, eq(relicObjects.id, relicPhotos.objectId))
    .where(options.after !== undefined ? gt(relicPhotos.seq, options.after) : undefined)
    .orderBy(asc(relicPhotos.seq))
    .limit(options.limit ?? 1000);
  return rows.map(({ status, ...r }) => ({ ...r, published: (PUBLIC_STATUSES as readonly string[]).includes(status) }));
}

/** The bytes of a stored photo: the original as received, or a metadata-free derived size. */
export async function readPhotoBytes(store: PhotoStore, sha256: string, variant: PhotoVariant = 'original'): Promise<Buffer> {
  try {
    return await fs.promises.readFile(photoPath(store, sha256, variant));
  } catch {
    throw notFound('relics.photo_not_found');
  }
}
