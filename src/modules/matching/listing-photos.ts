// The photos of screened listings that enter the review queue, kept so a reviewer sees the listing's photo next to the
// registry photo. Stored like registry photos (relics' photo store: checked, re-encoded without metadata, original by
// sha256) but in their own folder, and served only to staff who may see the review item.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { notFound } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Viewer } from '../org/index.ts';
import { type PhotoStore, photoPath, storePhotoFile } from '../relics/index.ts';
import { photoOwnersInScope } from './registry.ts';
import { REVIEW_STATUSES, screeningListings } from './schema.ts';

/** The listing photo store inside the registry's photo folder (`<photos>/listings`). */
export const listingPhotoStore = (photoDir: string): PhotoStore => ({ dir: path.join(photoDir, 'listings') });

/** Stores a listing image (its sha256 is the listing's image key); a file that is not an acceptable image is refused. */
export async function storeListingPhoto(store: PhotoStore, bytes: Uint8Array): Promise<string> {
  return (await storePhotoFile(store, bytes)).sha256;
}

export function hasListingPhoto(store: PhotoStore, imageKey: string): boolean {
  return /^[0-9a-f]{64}$/.test(imageKey) && fs.existsSync(photoPath(store, imageKey, 'web'));
}

const REVIEWED = REVIEW_STATUSES.filter((s) => s !== 'none');

/**
 * The file of a review item's listing photo (metadata-stripped web or thumb size), for a viewer who may see the item:
 * its best hit is a photo of an object in the viewer's scope. Anything else (no such item, not a review item, another
 * jurisdiction's object, no stored photo) is "not found".
 */
export async function listingPhotoFile(db: Db, store: PhotoStore, viewer: Viewer, listingId: number, variant: 'web' | 'thumb'): Promise<string> {
  const [listing] = await db
    .select({ imageKey: screeningListings.imageKey, bestSha256: screeningListings.bestSha256 })
    .from(screeningListings)
    .where(and(eq(screeningListings.id, listingId), inArray(screeningListings.reviewStatus, REVIEWED)));
  if (!listing?.bestSha256 || (await photoOwnersInScope(db, viewer, [listing.bestSha256])).size === 0)
    throw notFound('matching.listing_photo_not_found');
  if (!hasListingPhoto(store, listing.imageKey)) throw notFound('matching.listing_photo_not_found');
  return photoPath(store, listing.imageKey, variant);
}
