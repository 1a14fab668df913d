// The stolen-object registry: staff calls (/api/relics) and the public portal (/api/public).
import { api, upload, type UploadOptions } from './client';
export {
  OBJECT_STATUSES, OBJECT_TYPES, MATERIALS, PERIODS, PHOTO_VIEWS, PUBLIC_STATUSES, DIMENSIONS, MEASUREMENT_UNITS, TIP_STATUSES,
} from '../../../src/modules/relics/vocabulary';
export { EDITABLE_STATUSES } from '../../../src/modules/relics/lifecycle-rules';
export type { ObjectStatus, ObjectAction, PhotoView, TipStatus, Measurement } from '../../../src/modules/relics/vocabulary';
import type { Measurement, ObjectAction, ObjectStatus, PhotoView, TipStatus } from '../../../src/modules/relics/vocabulary';

export interface PublicObjectSummary {
  publicationNo: string; status: ObjectStatus; titleZh: string; titleEn: string; objectType: string | null; periodCode: string | null;
  materials: string[]; theftDate: string | null; provinceCode: string | null; recovered: boolean; isTestData: boolean; thumbnail: string | null; score: number;
}
export interface PublicPhoto { sha256: string; view: string; width: number; height: number }
export interface PublicObject {
  publicationNo: string; status: ObjectStatus; objectType: string | null; materials: string[]; techniques: string | null; measurements: Measurement[];
  titleZh: string; titleEn: string; subjectZh: string; subjectEn: string; inscriptionsZh: string; inscriptionsEn: string;
  distinguishingFeaturesZh: string; distinguishingFeaturesEn: string; descriptionZh: string; descriptionEn: string;
  periodCode: string | null; reign: string | null; yearFrom: number | null; yearTo: number | null; dateText: string | null; maker: string | null;
  theftDate: string | null; provinceCode: string | null; placeNameZh: string; placeNameEn: string; publishedAt: string | null;
  recovered: boolean; isTestData: boolean; photos: PublicPhoto[];
}
export interface PublicSearch { items: PublicObjectSummary[]; total: number; capped: boolean; fuzzy: boolean; page: number; pageSize: number }
export interface PublicQuery { q?: string; type?: string; material?: string; period?: string; province?: string; from?: string; to?: string; status?: string; page?: number }

export const searchPublicObjects = (query: PublicQuery, signal?: AbortSignal) =>
  api.get<PublicSearch>('/api/public/objects', { query: { ...query, pageSize: 20 }, signal });
export const getPublicObject = (publicationNo: string) => api.get<PublicObject>(`/api/public/objects/${encodeURIComponent(publicationNo)}`);
export const publicPhotoUrl = (sha256: string, size: 'web' | 'thumb') => `/api/public/photos/${sha256}/${size}`;

export function sendTip(publicationNo: string, form: FormData) {
  return upload<{ received: boolean }>(`/api/public/objects/${encodeURIComponent(publicationNo)}/tips`, form);
}

export interface Certificate {
  code: string; lang: 'zh' | 'en'; requester: string | null; description: string; query: Record<string, string>;
  matches: Array<{ publicationNo: string; titleZh: string; titleEn: string; status: string; score: number }>;
  registrySize: number; issuedAt: string; result: 'no_match' | 'possible_match';
}
export interface CertificateRequest { description: string; type?: string; material?: string; period?: string; inscriptions?: string; requester?: string; lang: 'zh' | 'en' }
export const issueCertificate = (body: CertificateRequest) => api.post<Certificate>('/api/public/certificates', body);
export const getCertificate = (code: string) => api.get<Certificate>(`/api/public/certificates/${encodeURIComponent(code)}`);

// Staff
export interface ObjectListItem {
  id: string; objectRef: string; publicationNo: string | null; status: ObjectStatus; titleZh: string; titleEn: string; objectType: string | null;
  jurisdictionCode: string; theftDate: string | null; updatedAt: string; isTestData: boolean;
}
export interface ObjectDetail extends Omit<PublicObject, 'photos' | 'provinceCode' | 'placeNameZh' | 'placeNameEn' | 'recovered' | 'publicationNo'> {
  id: string; objectRef: string; publicationNo: string | null; inventoryNo: string | null; owner: string | null; origin: string | null;
  jurisdictionCode: string; jurisdictionNameZh: string; jurisdictionNameEn: string; theftPlaceDetail: string | null; circumstances: string | null;
  investigatingUnit: string | null; caseId: string | null; withdrawalReason: string | null; allowedActions: ObjectAction[];
  photos: Array<{ id: string; sha256: string; view: string; width: number; height: number }>;
}
export type ObjectInput = Partial<Omit<ObjectDetail, 'id' | 'objectRef' | 'publicationNo' | 'status' | 'allowedActions' | 'photos' | 'jurisdictionNameZh' | 'jurisdictionNameEn' | 'isTestData' | 'publishedAt' | 'withdrawalReason'>>;
export interface HistoryItem { at: string; kind: string; note: string | null; actorUsername: string | null }
export interface TipItem { id: string; objectId: string; publicationNo: string | null; titleZh: string; titleEn: string; message: string; contact: string | null; hasPhoto: boolean; status: TipStatus; leadCaseId: string | null; createdAt: string }
export interface ImportReport { rows: number; imported: number; published: number; photos: number; errorCount: number; errors: Array<{ row: number; column: string | null; value: string | null; reason: string }>; warnings: string[]; dryRun: boolean }

export const listObjects = (query: { q?: string; status?: string; page?: number }) =>
  api.get<{ items: ObjectListItem[]; total: number; page: number; pageSize: number }>('/api/relics/objects', { query: { ...query, pageSize: 20 } });
export const createObject = (body: ObjectInput) => api.post<ObjectDetail>('/api/relics/objects', body);
/** Edits a draft (EDITABLE_STATUSES in lifecycle-rules.ts); the place of the theft may change within the user's jurisdiction. */
export const updateObject = (id: string, body: ObjectInput & { jurisdictionCode?: string }) => api.patch<ObjectDetail>(`/api/relics/objects/${id}`, body);
export const getObject = (id: string) => api.get<ObjectDetail>(`/api/relics/objects/${id}`);
export const objectHistory = (id: string) => api.get<{ items: HistoryItem[] }>(`/api/relics/objects/${id}/history`);
export const transitionObject = (id: string, body: { action: ObjectAction; reason?: string; caseId?: string }) => api.post<ObjectDetail>(`/api/relics/objects/${id}/transitions`, body);
export const uploadPhoto = (id: string, file: File, view: PhotoView) => {
  const form = new FormData();
  form.append('file', file);
  return upload<{ id: string; sha256: string }>(`/api/relics/objects/${id}/photos`, form, { query: { view } });
};
export const staffPhotoUrl = (id: string, sha256: string, size: 'web' | 'thumb') => `/api/relics/objects/${id}/photos/${sha256}/${size}`;
export const listTips = (status?: TipStatus) => api.get<{ items: TipItem[] }>('/api/relics/tips', { query: { status } });
export const reviewTip = (id: string, body: { action: 'dismiss' } | { action: 'lead'; caseId: string }) => api.post<TipItem>(`/api/relics/tips/${id}/review`, body);
export function importObjects(file: File, options: UploadOptions & { dryRun?: boolean; progressId?: string }) {
  const form = new FormData();
  form.append('file', file);
  const { dryRun, progressId, ...rest } = options;
  return upload<ImportReport>('/api/relics/imports', form, { ...rest, query: { dryRun: dryRun ? 'true' : undefined, progressId } });
}
