// The stolen-object registry: staff calls (/api/relics) and the public portal (/api/public).

import { api, type UploadOptions, upload } from './client';
import { followJob } from './imports';
import type { BodyOf, ItemOf, QueryOf, ResponseOf, Schemas } from './schema';

export { EDITABLE_STATUSES } from '../../../src/modules/relics/lifecycle-rules';
export type { Measurement, ObjectAction, ObjectStatus, PhotoView, TipStatus } from '../../../src/modules/relics/vocabulary';
export {
  DIMENSIONS,
  MATERIALS,
  MEASUREMENT_UNITS,
  OBJECT_STATUSES,
  OBJECT_TYPES,
  PERIODS,
  PHOTO_VIEWS,
  PUBLIC_STATUSES,
  TIP_STATUSES,
} from '../../../src/modules/relics/vocabulary';

import type { PhotoView, TipStatus } from '../../../src/modules/relics/vocabulary';

export type PublicSearch = ResponseOf<'/api/public/objects'>;
export type PublicObjectSummary = ItemOf<PublicSearch>;
export type PublicObject = ResponseOf<'/api/public/objects/{publicationNo}'>;
export type PublicPhoto = PublicObject['photos'][number];
/** The public search's filters (the page size is the portal's). */
export type PublicQuery = Partial<Omit<QueryOf<'/api/public/objects'>, 'pageSize'>>;

export const searchPublicObjects = (query: PublicQuery, signal?: AbortSignal) =>
  api.get<PublicSearch>('/api/public/objects', { query: { ...query, pageSize: 20 }, signal });
export const getPublicObject = (publicationNo: string) => api.get<PublicObject>(`/api/public/objects/${encodeURIComponent(publicationNo)}`);
export const publicPhotoUrl = (sha256: string, size: 'web' | 'thumb') => `/api/public/photos/${sha256}/${size}`;

export function sendTip(publicationNo: string, form: FormData) {
  return upload<ResponseOf<'/api/public/objects/{publicationNo}/tips', 'post'>>(
    `/api/public/objects/${encodeURIComponent(publicationNo)}/tips`,
    form,
  );
}

export type Certificate = ResponseOf<'/api/public/certificates/{code}'>;
export type CertificateRequest = BodyOf<'/api/public/certificates', 'post'>;
export const issueCertificate = (body: CertificateRequest) => api.post<Certificate>('/api/public/certificates', body);
export const getCertificate = (code: string) => api.get<Certificate>(`/api/public/certificates/${encodeURIComponent(code)}`);

// Staff
type ObjectList = ResponseOf<'/api/relics/objects'>;
export type ObjectListItem = ItemOf<ObjectList>;
export type ObjectDetail = Schemas['RelicObjectDetail'];
/** A new object (a draft); an edit sends the same fields, each optional (ObjectPatch). */
export type ObjectInput = BodyOf<'/api/relics/objects', 'post'>;
export type ObjectPatch = BodyOf<'/api/relics/objects/{id}', 'patch'>;
export type ObjectTransition = BodyOf<'/api/relics/objects/{id}/transitions', 'post'>;
export type HistoryItem = ItemOf<ResponseOf<'/api/relics/objects/{id}/history'>>;
export type TipItem = ItemOf<ResponseOf<'/api/relics/tips'>>;
export type TipReview = BodyOf<'/api/relics/tips/{id}/review', 'post'>;
export type ImportReport = NonNullable<ResponseOf<'/api/relics/imports/{id}'>['report']>;

export const listObjects = (query: { q?: string; status?: string; page?: number }) =>
  api.get<ObjectList>('/api/relics/objects', { query: { ...query, pageSize: 20 } });
export const createObject = (body: ObjectInput) => api.post<ObjectDetail>('/api/relics/objects', body);
/** Edits a draft (EDITABLE_STATUSES in lifecycle-rules.ts); the place of the theft may change within the user's jurisdiction. */
export const updateObject = (id: string, body: ObjectPatch) => api.patch<ObjectDetail>(`/api/relics/objects/${id}`, body);
export const getObject = (id: string) => api.get<ObjectDetail>(`/api/relics/objects/${id}`);
export const objectHistory = (id: string) => api.get<ResponseOf<'/api/relics/objects/{id}/history'>>(`/api/relics/objects/${id}/history`);
export const transitionObject = (id: string, body: ObjectTransition) => api.post<ObjectDetail>(`/api/relics/objects/${id}/transitions`, body);
export const uploadPhoto = (id: string, file: File, view: PhotoView) => {
  const form = new FormData();
  form.append('file', file);
  return upload<ResponseOf<'/api/relics/objects/{id}/photos', 'post'>>(`/api/relics/objects/${id}/photos`, form, { query: { view } });
};
export const staffPhotoUrl = (id: string, sha256: string, size: 'web' | 'thumb') => `/api/relics/objects/${id}/photos/${sha256}/${size}`;
export const listTips = (status?: TipStatus, signal?: AbortSignal) =>
  api.get<ResponseOf<'/api/relics/tips'>>('/api/relics/tips', { query: { status }, signal });
export const reviewTip = (id: string, body: TipReview) => api.post<TipItem>(`/api/relics/tips/${id}/review`, body);
/** Uploads the table (or zip), then follows the import job (the server's own progress in `onProcessing`) to its report. */
export async function importObjects(
  file: File,
  options: UploadOptions & { dryRun?: boolean; onProcessing?: (percent: number) => void },
): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file);
  const { dryRun, onProcessing, ...rest } = options;
  const started = await upload<ResponseOf<'/api/relics/imports', 'post'>>('/api/relics/imports', form, {
    ...rest,
    query: { dryRun: dryRun ? 'true' : undefined },
  });
  return followJob<ImportReport>(`/api/relics/imports/${started.jobId}`, onProcessing, options.signal);
}
