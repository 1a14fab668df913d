// What search by photo and screening show: the public's candidates (a whitelist), and staff's candidates, review queue
// and screening progress.
import { Type } from 'typebox';
import type { Lang } from '../../core/errors.ts';
import type { PhotoCandidate, ReviewItem, ScreeningJobStatus, ScreeningSummary } from '../../modules/matching/index.ts';
import { translate } from '../messages.ts';
import { Nullable } from '../schemas.ts';
import { pickFields, whitelistSchema } from './whitelist.ts';

const S = Type.String();
const Point = Type.Tuple([Type.Number(), Type.Number()]);
const Regions = Type.Object({ query: Type.Array(Point), candidate: Type.Array(Point), box: Nullable(Type.Array(Point)) });
const Verdict = Type.Enum(['strong', 'possible', 'none'] as const);
const Photo = Type.Object({ sha256: S, url: S });

/** A candidate of the public search by photo: publication number, titles, status and the match; no object ref, no ids. */
export const PUBLIC_PHOTO_CANDIDATE_FIELDS = ['publicationNo', 'titleZh', 'titleEn', 'status', 'score', 'verdict', 'regions', 'photo'] as const;

export const PublicPhotoCandidateOut = whitelistSchema(PUBLIC_PHOTO_CANDIDATE_FIELDS, {
  publicationNo: S,
  titleZh: S,
  titleEn: S,
  status: S,
  score: Type.Number(),
  verdict: Verdict,
  regions: Regions,
  photo: Photo,
});

/** The public's candidates: objects on the portal only (those with a publication number), their photos by the public route. */
export function presentPublicPhotoCandidates(candidates: PhotoCandidate[]) {
  return candidates
    .filter((c): c is PhotoCandidate & { publicationNo: string } => c.publicationNo !== null && c.publicationNo !== '')
    .map((c) =>
      pickFields(PUBLIC_PHOTO_CANDIDATE_FIELDS, { ...c, photo: { sha256: c.photoSha256, url: `/api/public/photos/${c.photoSha256}/web` } }),
    );
}

export const StaffPhotoCandidateOut = Type.Object({
  objectId: S,
  objectRef: S,
  publicationNo: Nullable(S),
  titleZh: S,
  titleEn: S,
  status: S,
  score: Type.Number(),
  verdict: Verdict,
  inliers: Type.Integer(),
  regions: Regions,
  photo: Photo,
});

/** Staff's candidates (objects in their scope, any status): with the object's id and ref, photos by the staff route. */
export function presentStaffPhotoCandidate(c: PhotoCandidate) {
  return {
    objectId: c.objectId,
    objectRef: c.objectRef,
    publicationNo: c.publicationNo,
    titleZh: c.titleZh,
    titleEn: c.titleEn,
    status: c.status,
    score: c.score,
    verdict: c.verdict,
    inliers: c.inliers,
    regions: c.regions,
    photo: { sha256: c.photoSha256, url: `/api/relics/objects/${c.objectId}/photos/${c.photoSha256}/web` },
  };
}

/** A screening candidate with its evidence: inliers and the matched box (photo), the matched words (text). */
const ScreeningCandidateOut = Type.Object({
  kind: Type.Enum(['photo', 'text', 'photo+text'] as const),
  sha256: Nullable(S),
  publicationNo: Nullable(S),
  titleZh: Nullable(S),
  titleEn: Nullable(S),
  score: Type.Number(),
  verdict: Verdict,
  verdictFrom: Type.Enum(['photo', 'text'] as const),
  inliers: Type.Integer(),
  box: Nullable(Type.Array(Point)),
  textScore: Nullable(Type.Number()),
  words: Type.Array(S),
  objectId: Nullable(S),
  objectRef: Nullable(S),
});

export const ReviewItemOut = Type.Object({
  id: Type.Integer(),
  source: S,
  reference: S,
  title: Nullable(S),
  description: Nullable(S),
  price: Nullable(S),
  imagePath: S,
  candidates: Type.Array(ScreeningCandidateOut),
  bestSha256: Nullable(S),
  bestScore: Nullable(Type.Number()),
  bestVerdict: Nullable(S),
  objectId: Nullable(S),
  objectRef: Nullable(S),
  publicationNo: Nullable(S),
  /** The listing's own photo (kept when the hit was queued), beside the registry photo; null when none was kept. */
  listingPhotoUrl: Nullable(S),
});

type PhotoOwners = ReadonlyMap<string, { objectId: string; objectRef: string; publicationNo: string | null }>;

/** The registry photos a review queue names (each item's best hit and every candidate's), to look their owners up. */
export function reviewPhotos(queue: ReviewItem[]): string[] {
  return queue.flatMap((q) => [...(q.bestSha256 ? [q.bestSha256] : []), ...q.candidates.flatMap((c) => (c.sha256 ? [c.sha256] : []))]);
}

/**
 * The review queue as a reviewer may see it: `owners` are the objects in the reviewer's scope that own the named
 * photos; an item whose best hit is on none of them is left out, and so are candidates on objects outside the scope,
 * like the objects themselves.
 */
export function presentReviewQueue(queue: ReviewItem[], owners: PhotoOwners, hasListingPhoto: (imageKey: string) => boolean) {
  return queue.flatMap((q) => {
    const owner = q.bestSha256 ? owners.get(q.bestSha256) : undefined;
    if (!owner) return [];
    const candidates = q.candidates.flatMap((c) => {
      const co = c.sha256 ? owners.get(c.sha256) : undefined;
      return co ? [{ ...c, objectId: co.objectId, objectRef: co.objectRef, publicationNo: c.publicationNo ?? co.publicationNo }] : [];
    });
    return [
      {
        ...q,
        candidates,
        objectId: owner.objectId,
        objectRef: owner.objectRef,
        publicationNo: owner.publicationNo,
        listingPhotoUrl: hasListingPhoto(q.imageKey) ? `/api/matching/reviews/${q.id}/photo/web` : null,
      },
    ];
  });
}

const ScreeningSummaryOut = Type.Object({
  batchId: S,
  listingImages: Type.Integer(),
  screened: Type.Integer(),
  alreadyScreened: Type.Integer(),
  queuedForReview: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), image: S, code: S, message: S })),
  issues: Type.Array(Type.Object({ row: Type.Integer(), column: S, value: S, code: S, message: S })),
});

/** A screening batch running on the server: progress, then the summary. */
export const ScreeningJobOut = Type.Object({
  batchId: S,
  state: Type.Enum(['running', 'done', 'failed'] as const),
  done: Type.Integer(),
  total: Type.Integer(),
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  summary: Nullable(ScreeningSummaryOut),
  error: Nullable(Type.Object({ code: S, message: S })),
});

/** A listing's error has its code only: the catalogue's `.listing` wording when the usual one names the image's figures. */
const listingMessage = (code: string, lang: Lang) => {
  const brief = translate(`${code}.listing`, lang);
  return brief === `${code}.listing` ? translate(code, lang) : brief;
};

const translatedSummary = (summary: ScreeningSummary, lang: Lang) => ({
  ...summary,
  errors: summary.errors.map((e) => ({ ...e, message: listingMessage(e.code, lang) })),
  issues: summary.issues.map((i) => ({ ...i, message: translate(i.code, lang) })),
});

/** A batch's progress for the user who started it, its messages in their language. */
export function presentScreeningJob(job: ScreeningJobStatus, lang: Lang) {
  return {
    batchId: job.batchId,
    state: job.state,
    done: job.done,
    total: job.total,
    percent: job.percent,
    summary: job.summary ? translatedSummary(job.summary, lang) : null,
    error: job.errorCode ? { code: job.errorCode, message: translate(job.errorCode, lang, job.errorParams ?? {}) } : null,
  };
}
