// Photo matching (its background work runs on module jobs' queue): fingerprints of registry photos, search by photo, the method's building blocks for the harness.

export { decodeGrey, MAX_INPUT_PIXELS } from './decode.ts';
export { matchingMessages } from './errors.ts';
export type { Fingerprint } from './fingerprint.ts';
export { FINGERPRINT_VERSION, fingerprintImage } from './fingerprint.ts';
export { hasListingPhoto, listingPhotoFile, listingPhotoStore } from './listing-photos.ts';
export { createQueryPool, defaultPoolSize, lazyQueryPool } from './pool.ts';
export type { PhotoCandidate } from './registry.ts';
export {
  backfillFingerprints,
  FINGERPRINT_QUEUE,
  fingerprintJob,
  hitInScope,
  MATCHING_QUEUES,
  photoOwnersInScope,
  queueFingerprints,
  raiseLeadOnLinkedCase,
  registryPhotoSource,
  resolvePhotoObjects,
  searchPublishedByPhoto,
  searchRegistryByPhoto,
  startRegistryFingerprinting,
} from './registry.ts';
export * from './schema.ts';
export type { ListingIssue, ListingRow, RaiseLeadFromHit, ReviewItem, ReviewThreshold, ScreeningProgress, ScreeningSummary } from './screening.ts';
export { decideReview, readListings, recordScreeningBatch, reviewQueue, screenListings } from './screening.ts';
export type { ScreeningJobStatus } from './screening-jobs.ts';
export { SCREENING_QUEUE, screeningJob, screeningStatus, startScreening } from './screening-jobs.ts';
export type { PhotoMatch, PhotoSource, SearchOptions } from './service.ts';
export {
  dropIndex,
  enqueueFingerprint,
  fingerprintPhoto,
  fingerprintQueued,
  fingerprintStatus,
  MAX_ATTEMPTS,
  searchByPhoto,
  sha256Of,
} from './service.ts';
export type { MatchedRegions, Verdict } from './verify.ts';
export { POSSIBLE_INLIERS, STRONG_INLIERS, verdictFor } from './verify.ts';
