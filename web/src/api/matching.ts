// Photo matching: search the registry by photo (staff: objects in scope; public: published objects only).
import { api, request, upload } from './client';

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

/** A screening candidate with its evidence: matched points and box (photo), matched words (text). */
export interface ScreeningCandidate {
  kind: 'photo' | 'text' | 'photo+text'; sha256: string | null; publicationNo: string | null; titleZh: string | null; titleEn: string | null;
  score: number; verdict: Verdict; verdictFrom: 'photo' | 'text'; inliers: number; box: Point[] | null; textScore: number | null; words: string[];
  objectId: string | null; objectRef: string | null;
}

/** A screening hit awaiting review (objects in your scope only). `bestVerdict` text_only: queued on the listing's words alone. */
export interface ReviewItem {
  id: number; source: string; reference: string; title: string | null; description: string | null; price: string | null; imagePath: string;
  bestSha256: string | null; bestScore: number | null; bestVerdict: string | null; objectId: string | null; objectRef: string | null; publicationNo: string | null;
  candidates: ScreeningCandidate[];
  /** The listing's own photo (metadata stripped), kept when the hit was queued; null when none was kept. */
  listingPhotoUrl: string | null;
}

export interface ScreeningSummary {
  batchId: string; listingImages: number; screened: number; alreadyScreened: number; queuedForReview: number;
  errors: Array<{ row: number; image: string; code: string; message: string }>;
  issues: Array<{ row: number; column: string; value: string; code: string; message: string }>;
}

/** A screening batch running on the server: how far it is, then its summary (or why it stopped). */
export interface ScreeningJob {
  batchId: string; state: 'running' | 'done' | 'failed'; done: number; total: number; percent: number;
  summary: ScreeningSummary | null; error: { code: string; message: string } | null;
}

/** Uploads a listings file (CSV/XLSX) with an optional zip of its images: the server records the batch and answers at once. */
export function screenBatch(listings: File, images: File | null, threshold: 'strong' | 'possible', options: { onUploadProgress?: (p: number) => void; onUploaded?: () => void; signal?: AbortSignal } = {}) {
  const form = new FormData();
  form.append('listings', listings);
  if (images) form.append('images', images);
  return upload<ScreeningJob>('/api/matching/screenings', form, { query: { threshold }, ...options });
}

export const getScreening = (batchId: string, signal?: AbortSignal) => request<ScreeningJob>(`/api/matching/screenings/${batchId}`, { signal });

/** Follows a batch the server is screening until it is done or has failed, reporting each step. */
export async function followScreening(job: ScreeningJob, onStatus: (job: ScreeningJob) => void, signal?: AbortSignal, intervalMs = 700): Promise<ScreeningJob> {
  let current = job;
  onStatus(current);
  while (current.state === 'running') {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, intervalMs);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      }, { once: true });
    });
    current = await getScreening(job.batchId, signal);
    onStatus(current);
  }
  return current;
}
export const reviewQueue = () => api.get<{ items: ReviewItem[] }>('/api/matching/reviews');
export const decideReview = (id: number, decision: 'confirmed' | 'rejected', objectId: string | null) =>
  api.post<{ caseId: string | null }>(`/api/matching/reviews/${id}/decision`, objectId ? { decision, objectId } : { decision });
