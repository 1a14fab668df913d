export type { CertificatePdf } from './certificate-pdf.ts';
export { certificatePdf } from './certificate-pdf.ts';
export type { Certificate, CertificateRequest } from './certificates.ts';
export { certificateHtml, getCertificate, issueCertificate } from './certificates.ts';
export { descriptionTerms } from './description-terms.ts';
export { relicsMessages } from './errors.ts';
export type { ObjectFields } from './fields.ts';
export { missingForPublishing, unitsFor } from './fields.ts';
export type { AddedPhoto } from './hooks.ts';
export { onPhotoAdded, onPublicationChange, setHookErrorReporter } from './hooks.ts';
export type { ObjectImportOptions, ObjectImportReport } from './import.ts';
export { importObjects, OBJECT_COLUMNS } from './import.ts';
export { transitionObject } from './lifecycle.ts';
export { allowedObjectActions, EDITABLE_STATUSES, isEditable } from './lifecycle-rules.ts';
export type { NewObject, ObjectDetail, ObjectHistoryItem, ObjectListItem } from './objects.ts';
export { createObject, getObject, listObjects, objectHistory, updateObject } from './objects.ts';
export type { PhotoInfo, PhotoStore, PhotoVariant, RegistryPhoto } from './photos.ts';
// For the `matching` module: every photo with its object, the bytes of a photo, and the hook
// where a new photo gets fingerprinted (see hooks.ts).
export {
  addPhoto,
  listRegistryPhotos,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_PIXELS,
  photoPath,
  publicPhotoFile,
  readPhotoBytes,
  removePhoto,
  staffPhotoFile,
  storePhotoFile,
} from './photos.ts';
export type { RelicPermission } from './policy.ts';
export { RELIC_PERMISSION_NAMES, relicAllowed, relicPermissionsOf } from './policy.ts';
export type { PublicFilters, PublicObject, PublicObjectSummary } from './public.ts';
export { getPublicObject, searchPublicObjects } from './public.ts';
export type { MuseumSource } from './realdata.ts';
export { MUSEUM_FILES, MUSEUM_SOURCES, mapMuseumRecords, TEST_DATA_JURISDICTIONS } from './realdata.ts';
export type { RecallCandidate, RecallFacets } from './recall-search.ts';
// Certificate search built for recall (recall-search.ts), also public search's fallback.
export { POSSIBLE_MATCH_SCORE, possibleMatches, recallCandidates } from './recall-search.ts';
export * from './schema.ts';
export type { NewTip, TipItem } from './tips.ts';
export { listTips, reviewTip, submitTip, tipPhotoSha } from './tips.ts';
export type { ZipLimits } from './zip.ts';
export { DEFAULT_ZIP_LIMITS, extractImportZip, extractZip, safeEntryName } from './zip.ts';
