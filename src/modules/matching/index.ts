// Photo matching (its background work runs on module jobs' queue): fingerprints of registry photos, search by photo, the method's building blocks for the harness.
export * from './schema.ts';
export { matchingMessages } from './errors.ts';
export {
  fingerprintPhoto, enqueueFingerprint, fingerprintQueued, fingerprintStatus, searchByPhoto, sha256Of, dropIndex, MAX_ATTEMPTS,
} from './service.ts';
export type { PhotoSource, PhotoMatch, SearchOptions } from './service.ts';
export { fingerprintImage, FINGERPRINT_VERSION } from './fingerprint.ts';
export type { Fingerprint } from './fingerprint.ts';
export { decodeGrey, MAX_INPUT_PIXELS } from './decode.ts';
export { verdictFor, STRONG_INLIERS, POSSIBLE_INLIERS } from './verify.ts';
export type { Verdict, MatchedRegions } from './verify.ts';
export { screenListings, recordScreeningBatch, readListings, reviewQueue, decideReview } from './screening.ts';
export type { ScreeningSummary, ScreeningProgress, ListingRow, ListingIssue, ReviewItem, ReviewThreshold, RaiseLeadFromHit } from './screening.ts';
export {
  startRegistryFingerprinting, registryPhotoSource, backfillFingerprints, fingerprintJob, queueFingerprints, FINGERPRINT_QUEUE, MATCHING_QUEUES, searchRegistryByPhoto, searchPublishedByPhoto, resolvePhotoObjects, raiseLeadOnLinkedCase,
  photoOwnersInScope, hitInScope,
} from './registry.ts';
export type { PhotoCandidate } from './registry.ts';
export { hasListingPhoto, listingPhotoFile, listingPhotoStore } from './listing-photos.ts';
export { screeningJob, startScreening, screeningStatus, SCREENING_QUEUE } from './screening-jobs.ts';
export type { ScreeningJobStatus } from './screening-jobs.ts';
export { createQueryPool, defaultPoolSize, lazyQueryPool } from './pool.ts';
