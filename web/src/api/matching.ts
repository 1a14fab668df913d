// Photo matching: search the registry by photo (staff: objects in scope; public: published objects only).
import { api, upload } from './client';

export type Verdict = 'strong' | 'possible' | 'none';
export type Point = [number, number];
/** Matched keypoints as fractions (0–1) of each image; `box` is the registry photo's frame projected into the query. */
export interface MatchRegions { query: Point[]; candidate: Point[]; box: Point[] | null }
interface CandidateBase {
  publicationNo: string | null; titleZh: string; titleEn: string; status: string; score: number; verdict: Verdict; regions: MatchRegions;
  photo: { sha256: string; url: string };
}
export interface StaffCandidate extends CandidateBase { objectId: string; objectRef: string; inliers: number }
export interface PublicCandidate extends CandidateBase { publicationNo: string }

function photoForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file);
  return form;
}

export const searchByPhoto = (file: File, top = 10, signal?: AbortSignal) =>
  upload<{ items: StaffCandidate[] }>('/api/matching/search', photoForm(file), { query: { top }, signal });

export const publicSearchByPhoto = (file: File, top = 10, signal?: AbortSignal) =>
  upload<{ items: PublicCandidate[] }>('/api/public/objects/search-by-photo', photoForm(file), { query: { top }, signal });

/** A screening hit awaiting review (objects in your scope only). */
export interface ReviewItem {
  id: number; source: string; reference: string; title: string | null; imagePath: string; bestSha256: string | null; bestScore: number | null;
  bestVerdict: string | null; objectId: string | null; objectRef: string | null; publicationNo: string | null;
}
export const reviewQueue = () => api.get<{ items: ReviewItem[] }>('/api/matching/reviews');
export const decideReview = (id: number, decision: 'confirmed' | 'rejected') =>
  api.post<{ caseId: string | null }>(`/api/matching/reviews/${id}/decision`, { decision });
