import fs from 'node:fs';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { photoDirOf } from '../../config.ts';
import { DomainError } from '../../core/errors.ts';
import {
  decideReview,
  hasListingPhoto,
  hitInScope,
  lazyQueryPool,
  listingPhotoFile,
  listingPhotoStore,
  photoOwnersInScope,
  raiseLeadOnLinkedCase,
  reviewQueue,
  screeningJob,
  screeningStatus,
  searchPublishedByPhoto,
  searchRegistryByPhoto,
  startScreening,
} from '../../modules/matching/index.ts';
import { relicAllowed } from '../../modules/relics/index.ts';
import { actorOf, requireUser, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { sendError } from '../errors.ts';
import { languageOf } from '../messages.ts';
import { readUpload } from '../multipart.ts';
import {
  PublicPhotoCandidateOut,
  presentPublicPhotoCandidates,
  presentReviewQueue,
  presentScreeningJob,
  presentStaffPhotoCandidate,
  ReviewItemOut,
  reviewPhotos,
  ScreeningJobOut,
  StaffPhotoCandidateOut,
} from '../presenters/matching.ts';
import { authErrors, errorRef, Nullable } from '../schemas.ts';
import { readParts } from './relics-upload.ts';

/** A query photo: at most 10 MB (the decoder also refuses more than its pixel limit). */
export const MATCH_MAX_BYTES = 10 * 1024 * 1024;
/** Public photo searches per client address per window: each costs a fingerprint and a verification (~0.1–0.3 s). */
export const PUBLIC_PHOTO_SEARCH_RATE_LIMIT = { max: 20, timeWindow: 60_000 };

const S = Type.String();
const TopQuery = Type.Object({ top: Type.Integer({ minimum: 1, maximum: 50, default: 10 }) }, { additionalProperties: false });

/** Largest screening upload (each of the listings file and the images zip). */
export const MAX_SCREENING_UPLOAD_BYTES = 500 * 1024 * 1024;

/** Search by photo (staff and public portal) and the screening review queue. */
export function matchingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;
  const photoStore = listingPhotoStore(photoDirOf(ctx.config));
  // One pool of worker threads for screening jobs and searches by photo, so a query's decoding and verification (a few
  // hundred ms of CPU) never hold up the requests this thread serves.
  const pool = lazyQueryPool(ctx.config.matchWorkers);
  // Screening batches are jobs of the one queue (their uploads kept in the job's folder until done); a batch stopped
  // with the server runs again at the next start.
  const { jobs } = ctx;
  jobs.define(screeningJob(db, { photoStore, pool }));
  app.addHook('onClose', async () => {
    // The jobs using the pool stop first.
    await jobs.stop();
    await pool.close();
  });
  const limits = { files: 1, fileSize: MATCH_MAX_BYTES, fields: 4, parts: 6, fieldSize: 1000, headerPairs: 100 };

  const readImage = async (request: Parameters<typeof readParts>[0], reply: Parameters<typeof readParts>[1]) => {
    const parts = await readParts(request, reply, MATCH_MAX_BYTES, 'matching.image_file_too_large');
    if (!parts) return null;
    if (!parts.file) throw new DomainError('validation', 'matching.image_missing', [{ path: '/file', message: 'matching.image_missing' }]);
    const top = parts.fields.top !== undefined ? Number(parts.fields.top) : undefined;
    if (top !== undefined && !(Number.isInteger(top) && top >= 1 && top <= 50))
      throw new DomainError('validation', 'validation_failed', [{ path: '/top', message: 'matching.top_range' }]);
    return { file: parts.file, top };
  };

  app.register(async (scope) => {
    await scope.register(multipart, { limits, throwFileSizeLimit: true });
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();

    r.post(
      '/api/matching/search',
      {
        preHandler: requireUser(),
        schema: {
          tags: ['matching'],
          summary: 'Search the registry by photo (multipart, field `file`; optional `top`): candidates among objects in your scope',
          consumes: ['multipart/form-data'],
          querystring: TopQuery,
          response: { 200: Type.Object({ items: Type.Array(StaffPhotoCandidateOut) }), 400: errorRef, 413: errorRef, 415: errorRef, ...authErrors },
        },
      },
      async (request, reply) => {
        const input = await readImage(request, reply);
        if (!input) return reply;
        const items = await searchRegistryByPhoto(db, viewerOf(request), input.file, input.top ?? request.query.top, pool.get());
        return { items: items.map(presentStaffPhotoCandidate) };
      },
    );

    r.post(
      '/api/public/objects/search-by-photo',
      {
        config: { rateLimit: PUBLIC_PHOTO_SEARCH_RATE_LIMIT },
        schema: {
          tags: ['public'],
          summary: 'Search published objects by photo (multipart, field `file`; at most 10 MB): public fields only',
          security: [],
          consumes: ['multipart/form-data'],
          querystring: TopQuery,
          response: { 200: Type.Object({ items: Type.Array(PublicPhotoCandidateOut) }), 400: errorRef, 413: errorRef, 415: errorRef, 429: errorRef },
        },
      },
      async (request, reply) => {
        const input = await readImage(request, reply);
        if (!input) return reply;
        const items = await searchPublishedByPhoto(db, input.file, Math.min(input.top ?? request.query.top, 20), pool.get());
        return { items: presentPublicPhotoCandidates(items) };
      },
    );

    r.get(
      '/api/matching/reviews',
      {
        preHandler: requireUser(),
        schema: {
          tags: ['matching'],
          summary: 'Screening hits awaiting review, for objects in your scope',
          response: { 200: Type.Object({ items: Type.Array(ReviewItemOut) }), ...authErrors },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        if (!relicAllowed(viewer, 'relics.tips')) throw new DomainError('forbidden', 'relics.forbidden');
        const queue = await reviewQueue(db, hitInScope(viewer), 500);
        const owners = await photoOwnersInScope(db, viewer, reviewPhotos(queue));
        return { items: presentReviewQueue(queue, owners, (imageKey) => hasListingPhoto(photoStore, imageKey)) };
      },
    );

    r.get(
      '/api/matching/reviews/:id/photo/:size',
      {
        preHandler: requireUser(),
        schema: {
          tags: ['matching'],
          summary: "The listing's own photo of a screening hit (re-encoded, without metadata), for reviewers who may see the hit's object",
          params: Type.Object({ id: Type.Integer({ minimum: 1 }), size: Type.Enum(['web', 'thumb'] as const) }, { additionalProperties: false }),
          response: { 404: errorRef, ...authErrors },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        if (!relicAllowed(viewer, 'relics.tips')) throw new DomainError('forbidden', 'relics.forbidden');
        const file = await listingPhotoFile(db, photoStore, viewer, request.params.id, request.params.size);
        return reply.type('image/jpeg').header('cache-control', 'private, max-age=3600').send(fs.createReadStream(file));
      },
    );

    r.post(
      '/api/matching/reviews/:id/decision',
      {
        preHandler: requireUser(),
        schema: {
          tags: ['matching'],
          summary: "Confirm (a lead on the object's linked case, or a new case) or reject a screening hit",
          params: Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
          body: Type.Object(
            {
              decision: Type.Enum(['confirmed', 'rejected'] as const),
              objectId: Type.Optional(
                Type.String({
                  format: 'uuid',
                  description:
                    "The registry object the hit is confirmed for (the review item's objectId); required when several objects in your scope share the matched photo",
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ caseId: Nullable(S) }), 400: errorRef, 404: errorRef, ...authErrors },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        if (!relicAllowed(viewer, 'relics.tips')) throw new DomainError('forbidden', 'relics.forbidden');
        return decideReview(
          db,
          request.params.id,
          request.body.decision,
          raiseLeadOnLinkedCase(actorOf(request), viewer, request.body.objectId),
          actorOf(request),
          hitInScope(viewer),
        );
      },
    );
  });

  // A screening batch: the listings file (`listings`, CSV/XLSX) and optionally a zip of its images (`images`).
  app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { files: 2, fileSize: MAX_SCREENING_UPLOAD_BYTES, fields: 2, parts: 4, headerPairs: 100 },
      throwFileSizeLimit: true,
    });
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    r.post(
      '/api/matching/screenings',
      {
        preHandler: requireUser(),
        bodyLimit: 2 * MAX_SCREENING_UPLOAD_BYTES,
        schema: {
          tags: ['matching'],
          consumes: ['multipart/form-data'],
          summary:
            'Start screening a batch of market listings (multipart: `listings` CSV/XLSX, `images` zip): answers 202 once the batch is recorded; follow GET /api/matching/screenings/{batchId}. The same listings again are not screened twice',
          querystring: Type.Object(
            { threshold: Type.Enum(['strong', 'possible'] as const, { default: 'possible' }) },
            { additionalProperties: false },
          ),
          response: { 202: ScreeningJobOut, 400: errorRef, 413: errorRef, 415: errorRef, ...authErrors },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        if (!relicAllowed(viewer, 'relics.tips')) throw new DomainError('forbidden', 'relics.forbidden');
        if (!request.isMultipart()) return sendError(request, reply, 415, 'import.multipart_required');
        const lang = languageOf(request.headers['accept-language']);
        // The upload is written straight into its job's folder, which the job keeps until the batch is done.
        const job = jobs.prepare();
        const dir = job.folder;
        let started = false;
        try {
          // The listings file keeps its extension's meaning only through its bytes (CSV or XLSX are told apart by content).
          const safeName = (given: string) => given.replace(/[^\p{L}\p{N}._-]/gu, '_').slice(0, 200) || 'listings.csv';
          const parts = await readUpload(request, reply, {
            fileFields: ['listings', 'images'],
            maxFiles: 2,
            maxFileBytes: MAX_SCREENING_UPLOAD_BYTES,
            tooLargeCode: 'import.file_too_large',
            unexpectedCode: 'matching.upload_unexpected_field',
            notMultipartCode: 'import.multipart_required',
            dir,
            target: (field, given) => (field === 'listings' ? `listings-${safeName(given || 'listings.csv')}` : 'images.zip'),
          });
          if (!parts) return reply;
          const files: Record<string, string> = Object.fromEntries(parts.files.map((f) => [f.field, f.path!]));
          const listings = parts.files.find((f) => f.field === 'listings');
          const fileName = listings ? safeName(listings.fileName || 'listings.csv') : 'listings.csv';
          if (!files.listings) return sendError(request, reply, 400, 'matching.listings_file_missing');
          // Without a zip the images folder is empty: every listing image reports that it cannot be found.
          const status = await startScreening(
            db,
            jobs,
            job,
            { listings: files.listings, images: files.images ?? null, fileName, threshold: request.query.threshold },
            actorOf(request),
          );
          started = true;
          return reply.code(202).send(presentScreeningJob(status, lang));
        } finally {
          // A queued job owns its folder (and removes it when done); a refused file's folder goes now.
          if (!started) jobs.discard(job.id);
        }
      },
    );

    r.get(
      '/api/matching/screenings/:batchId',
      {
        preHandler: requireUser(),
        schema: {
          tags: ['matching'],
          summary: 'Progress of a screening batch you started, and its summary when done',
          params: Type.Object({ batchId: Type.String({ pattern: '^[0-9a-fA-F-]{36}$' }) }, { additionalProperties: false }),
          response: { 200: ScreeningJobOut, 404: errorRef, ...authErrors },
        },
      },
      async (request) => {
        const viewer = viewerOf(request);
        if (!relicAllowed(viewer, 'relics.tips')) throw new DomainError('forbidden', 'relics.forbidden');
        const job = await screeningStatus(jobs, request.params.batchId.toLowerCase(), viewer.userId);
        if (!job) throw new DomainError('not_found', 'matching.screening_not_found');
        return presentScreeningJob(job, languageOf(request.headers['accept-language']));
      },
    );
  });
}
