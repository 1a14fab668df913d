// Photo matching: search the registry by photo (staff: objects in scope; public: published objects only).
import { api, request, upload } from './client';
import type { BodyOf, ItemOf, ResponseOf } from './schema';

type StaffSearch = ResponseOf<'/api/matching/search', 'post'>;
type PublicSearch = ResponseOf<'/api/public/objects/search-by-photo', 'post'>;
export type StaffCandidate = ItemOf<StaffSearch>;
export type PublicCandidate = ItemOf<PublicSearch>;
export type Verdict = StaffCandidate['verdict'];
/** Matched keypoints as fractions (0–1) of each image; `box` is the registry photo's frame projected into the query. */
export type MatchRegions = StaffCandidate['regions'];
export type Point = MatchRegions['query'][number];

function photoForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file);
  return form;
}

export const searchByPhoto = (file: File, top = 10, signal?: AbortSignal) =>
  upload<StaffSearch>('/api/matching/search', photoForm(file), { query: { top }, signal });

export const publicSearchByPhoto = (file: File, top = 10, signal?: AbortSignal) =>
  upload<PublicSearch>('/api/public/objects/search-by-photo', photoForm(file), { query: { top }, signal });

type ReviewQueue = ResponseOf<'/api/matching/reviews'>;
/** A screening hit awaiting review (objects in your scope only). `bestVerdict` text_only: queued on the listing's words alone. */
export type ReviewItem = ItemOf<ReviewQueue>;
/** A screening candidate with its evidence: matched points and box (photo), matched words (text). */
export type ScreeningCandidate = ReviewItem['candidates'][number];
/** A screening batch running on the server: how far it is, then its summary (or why it stopped). */
export type ScreeningJob = ResponseOf<'/api/matching/screenings/{batchId}'>;
export type ScreeningSummary = NonNullable<ScreeningJob['summary']>;
export type ReviewDecision = BodyOf<'/api/matching/reviews/{id}/decision', 'post'>;

/** Uploads a listings file (CSV/XLSX) with an optional zip of its images: the server records the batch and answers at once. */
export function screenBatch(
  listings: File,
  images: File | null,
  threshold: 'strong' | 'possible',
  options: { onUploadProgress?: (p: number) => void; onUploaded?: () => void; signal?: AbortSignal } = {},
) {
  const form = new FormData();
  form.append('listings', listings);
  if (images) form.append('images', images);
  return upload<ResponseOf<'/api/matching/screenings', 'post'>>('/api/matching/screenings', form, { query: { threshold }, ...options });
}

export const getScreening = (batchId: string, signal?: AbortSignal) => request<ScreeningJob>(`/api/matching/screenings/${batchId}`, { signal });

/** Follows a batch the server is screening until it is done or has failed, reporting each step. */
export async function followScreening(
  job: ScreeningJob,
  onStatus: (job: ScreeningJob) => void,
  signal?: AbortSignal,
  intervalMs = 700,
): Promise<ScreeningJob> {
  let current = job;
  onStatus(current);
  while (current.state === 'running') {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, intervalMs);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
    current = await getScreening(job.batchId, signal);
    onStatus(current);
  }
  return current;
}
export const reviewQueue = (signal?: AbortSignal) => api.get<ReviewQueue>('/api/matching/reviews', { signal });
export const decideReview = (id: number, decision: ReviewDecision['decision'], objectId: string | null) =>
  api.post<ResponseOf<'/api/matching/reviews/{id}/decision', 'post'>>(
    `/api/matching/reviews/${id}/decision`,
    (objectId ? { decision, objectId } : { decision }) satisfies ReviewDecision,
  );
