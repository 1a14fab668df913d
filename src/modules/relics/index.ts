export * from './schema.ts';
export { relicsMessages } from './errors.ts';
export { relicAllowed, relicPermissionsOf, RELIC_PERMISSION_NAMES } from './policy.ts';
export type { RelicPermission } from './policy.ts';
export { createObject, updateObject, getObject, listObjects, objectHistory } from './objects.ts';
export type { ObjectDetail, NewObject, ObjectListItem, ObjectHistoryItem } from './objects.ts';
export type { ObjectFields } from './fields.ts';
export { missingForPublishing, unitsFor } from './fields.ts';
export { transitionObject } from './lifecycle.ts';
export { allowedObjectActions, EDITABLE_STATUSES, isEditable } from './lifecycle-rules.ts';
export { searchPublicObjects, getPublicObject } from './public.ts';
export type { PublicObject, PublicObjectSummary, PublicFilters } from './public.ts';
export { submitTip, listTips, reviewTip, tipPhotoSha } from './tips.ts';
export type { NewTip, TipItem } from './tips.ts';
export { issueCertificate, getCertificate, certificateHtml } from './certificates.ts';
export { certificatePdf } from './certificate-pdf.ts';
export type { CertificatePdf } from './certificate-pdf.ts';
export type { Certificate, CertificateRequest } from './certificates.ts';
// For the `matching` module: every photo with its object, the bytes of a photo, and the hook
// where a new photo gets fingerprinted (see hooks.ts).
export {
  addPhoto, removePhoto, storePhotoFile, staffPhotoFile, publicPhotoFile, listRegistryPhotos, readPhotoBytes, photoPath, PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS,
} from './photos.ts';
export type { PhotoStore, PhotoVariant, RegistryPhoto, PhotoInfo } from './photos.ts';
export { onPhotoAdded, onPublicationChange, setHookErrorReporter } from './hooks.ts';
export type { AddedPhoto } from './hooks.ts';
export { importObjects, OBJECT_COLUMNS } from './import.ts';
export type { ObjectImportOptions, ObjectImportReport } from './import.ts';
export { extractImportZip, extractZip, safeEntryName, DEFAULT_ZIP_LIMITS } from './zip.ts';
export type { ZipLimits } from './zip.ts';
export { mapMuseumRecords, MUSEUM_SOURCES, MUSEUM_FILES, TEST_DATA_JURISDICTIONS } from './realdata.ts';
export type { MuseumSource } from './realdata.ts';
// Certificate search built for recall (recall-search.ts), also public search's fallback.
export { recallCandidates, possibleMatches, POSSIBLE_MATCH_SCORE } from './recall-search.ts';
export type { RecallCandidate, RecallFacets } from './recall-search.ts';
export { descriptionTerms } from './description-terms.ts';
