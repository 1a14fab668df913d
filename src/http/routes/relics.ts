import fs from 'node:fs';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { photoDirOf } from '../../config.ts';
import { DomainError } from '../../core/errors.ts';
import {
  addPhoto,
  createObject,
  getObject,
  listObjects,
  listTips,
  OBJECT_ACTIONS,
  OBJECT_STATUSES,
  objectHistory,
  PHOTO_MAX_BYTES,
  PHOTO_VIEWS,
  type PhotoView,
  photoPath,
  removePhoto,
  reviewTip,
  staffPhotoFile,
  TIP_STATUSES,
  tipPhotoSha,
  transitionObject,
  updateObject,
} from '../../modules/relics/index.ts';
import { actorOf, requireUser, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { personal } from '../personal-data.ts';
import { asJson } from '../present.ts';
import { authErrors, DateTime, errorRef, JurisdictionCode, Nullable, Uuid } from '../schemas.ts';
import { relicImportRoutes } from './relics-import.ts';
import { readParts } from './relics-upload.ts';

const Text = (max: number) => Type.String({ maxLength: max });
const MeasurementIn = Type.Object(
  {
    dimension: Type.String({ minLength: 1, maxLength: 20 }),
    value: Type.Number(),
    unit: Type.String({ minLength: 1, maxLength: 10 }),
  },
  { additionalProperties: false },
);
const MeasurementOut = Type.Object({ dimension: Type.String(), value: Type.Number(), unit: Type.String() });

/** Object ID fields as drafted and edited (all optional while a draft). */
const objectFieldsIn = {
  objectType: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  materials: Type.Optional(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 20, uniqueItems: true })),
  techniques: Type.Optional(Nullable(Text(500))),
  measurements: Type.Optional(Type.Array(MeasurementIn, { maxItems: 10 })),
  titleZh: Type.Optional(Text(300)),
  titleEn: Type.Optional(Text(300)),
  subjectZh: Type.Optional(Text(1000)),
  subjectEn: Type.Optional(Text(1000)),
  inscriptionsZh: Type.Optional(Text(4000)),
  inscriptionsEn: Type.Optional(Text(4000)),
  distinguishingFeaturesZh: Type.Optional(Text(4000)),
  distinguishingFeaturesEn: Type.Optional(Text(4000)),
  descriptionZh: Type.Optional(Text(20_000)),
  descriptionEn: Type.Optional(Text(20_000)),
  periodCode: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  reign: Type.Optional(Nullable(Text(100))),
  yearFrom: Type.Optional(Nullable(Type.Integer({ minimum: -10000, maximum: 3000 }))),
  yearTo: Type.Optional(Nullable(Type.Integer({ minimum: -10000, maximum: 3000 }))),
  dateText: Type.Optional(Nullable(Text(200))),
  maker: Type.Optional(Nullable(Text(300))),
  inventoryNo: Type.Optional(Nullable(Text(100))),
  owner: Type.Optional(Nullable(Text(300))),
  origin: Type.Optional(Nullable(Text(500))),
  theftDate: Type.Optional(Nullable(DateTime)),
  theftPlaceDetail: Type.Optional(Nullable(Text(500))),
  circumstances: Type.Optional(Nullable(Text(4000))),
  investigatingUnit: Type.Optional(Nullable(Text(300))),
  caseId: Type.Optional(Nullable(Uuid)),
};

const S = Type.String();
const NS = Nullable(Type.String());
const ObjectDetailOut = Type.Object(
  {
    id: S,
    objectRef: S,
    publicationNo: NS,
    status: Type.Enum(OBJECT_STATUSES),
    objectType: NS,
    materials: Type.Array(S),
    techniques: NS,
    measurements: Type.Array(MeasurementOut),
    titleZh: S,
    titleEn: S,
    subjectZh: S,
    subjectEn: S,
    inscriptionsZh: S,
    inscriptionsEn: S,
    distinguishingFeaturesZh: S,
    distinguishingFeaturesEn: S,
    descriptionZh: S,
    descriptionEn: S,
    periodCode: NS,
    reign: NS,
    yearFrom: Nullable(Type.Integer()),
    yearTo: Nullable(Type.Integer()),
    dateText: NS,
    maker: NS,
    inventoryNo: NS,
    owner: NS,
    origin: NS,
    theftDate: NS,
    jurisdictionCode: S,
    jurisdictionNameZh: S,
    jurisdictionNameEn: S,
    theftPlaceDetail: NS,
    circumstances: NS,
    investigatingUnit: NS,
    caseId: NS,
    agencyId: S,
    isTestData: Type.Boolean(),
    source: NS,
    createdBy: NS,
    submittedBy: NS,
    submittedAt: NS,
    approvedBy: NS,
    publishedAt: NS,
    withdrawnAt: NS,
    withdrawalReason: NS,
    recoveredAt: NS,
    returnedAt: NS,
    recoveryPropertyId: NS,
    createdAt: S,
    updatedAt: S,
    allowedActions: Type.Array(Type.Enum(OBJECT_ACTIONS)),
    photos: Type.Array(Type.Object({ id: S, sha256: S, view: S, width: Type.Integer(), height: Type.Integer() })),
  },
  { $id: 'RelicObjectDetail' },
);

const TipOut = Type.Object({
  id: S,
  objectId: S,
  publicationNo: NS,
  titleZh: S,
  titleEn: S,
  message: S,
  contact: personal(NS),
  hasPhoto: Type.Boolean(),
  status: Type.Enum(TIP_STATUSES),
  leadCaseId: NS,
  createdAt: S,
});

const toDate = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));

/** Staff routes of the registry: drafting, photos, review and publishing, recovery, tips, import. */
export function relicRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;
  const store = { dir: photoDirOf(ctx.config) };
  const tags = ['relics'];
  app.register(async (scope) => {
    scope.addSchema(ObjectDetailOut);
    await scope.register(multipart, {
      limits: { files: 1, fileSize: PHOTO_MAX_BYTES, fields: 10, parts: 12, fieldSize: 20_000, headerPairs: 100 },
      throwFileSizeLimit: true,
    });
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    const detail = { 200: Type.Ref('RelicObjectDetail'), 400: errorRef, 404: errorRef, 409: errorRef, ...authErrors };
    const Params = Type.Object({ id: Uuid }, { additionalProperties: false });

    r.get(
      '/api/relics/objects',
      {
        preHandler: requireUser(),
        schema: {
          tags,
          summary: 'Registry objects in your scope (every status), with text search',
          querystring: Type.Object(
            {
              q: Type.Optional(Type.String({ maxLength: 200 })),
              status: Type.Optional(Type.Enum(OBJECT_STATUSES)),
              page: Type.Integer({ minimum: 1, default: 1 }),
              pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: S,
                  objectRef: S,
                  publicationNo: NS,
                  status: Type.Enum(OBJECT_STATUSES),
                  titleZh: S,
                  titleEn: S,
                  objectType: NS,
                  jurisdictionCode: S,
                  theftDate: NS,
                  updatedAt: S,
                  isTestData: Type.Boolean(),
                }),
              ),
              total: Type.Integer(),
              page: Type.Integer(),
              pageSize: Type.Integer(),
            }),
            ...authErrors,
          },
        },
      },
      async (request) => {
        const { page, pageSize, ...filters } = request.query;
        return asJson(await listObjects(db, viewerOf(request), filters, { page, pageSize }));
      },
    );

    r.post(
      '/api/relics/objects',
      {
        preHandler: requireUser(),
        schema: {
          tags,
          summary: 'Draft a registry object (Object ID fields; a draft may be incomplete)',
          body: Type.Object(
            {
              ...objectFieldsIn,
              objectRef: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._/-]+$' })),
              jurisdictionCode: JurisdictionCode,
            },
            { additionalProperties: false },
          ),
          response: { ...detail, 201: Type.Ref('RelicObjectDetail') },
        },
      },
      async (request, reply) => {
        const { theftDate, ...rest } = request.body;
        const created = await createObject(db, viewerOf(request), actorOf(request), { ...rest, theftDate: toDate(theftDate) });
        return reply.status(201).send(asJson(created));
      },
    );

    r.get(
      '/api/relics/objects/:id',
      {
        preHandler: requireUser(),
        schema: { tags, summary: 'One registry object (404 outside your scope)', params: Params, response: detail },
      },
      async (request) => asJson(await getObject(db, viewerOf(request), request.params.id)),
    );

    r.patch(
      '/api/relics/objects/:id',
      {
        preHandler: requireUser(),
        schema: {
          tags,
          summary: 'Edit a draft (EDITABLE_STATUSES; under review goes back to draft first)',
          params: Params,
          body: Type.Object(
            { ...objectFieldsIn, jurisdictionCode: Type.Optional(JurisdictionCode) },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: detail,
        },
      },
      async (request) => {
        const { theftDate, ...rest } = request.body;
        return asJson(await updateObject(db, viewerOf(request), actorOf(request), request.params.id, { ...rest, theftDate: toDate(theftDate) }));
      },
    );

    r.get(
      '/api/relics/objects/:id/history',
      {
        preHandler: requireUser(),
        schema: {
          tags,
          summary: 'Every change of the object, with who and when',
          params: Params,
          response: {
            200: Type.Object({ items: Type.Array(Type.Object({ at: S, kind: S, note: NS, actorUsername: NS })) }),
            404: errorRef,
            ...authErrors,
          },
        },
      },
      async (request) => ({ items: asJson(await objectHistory(db, viewerOf(request), request.params.id)) }),
    );

    r.post(
      '/api/relics/objects/:id/transitions',
      {
        preHandler: requireUser(),
        schema: {
          tags,
          summary:
            "submit (for review), approve (publish; a user who neither drafted, submitted nor edited it: four-eyes), reject, withdraw, redraft, recover, return. Every step takes the server's time; `at` is the date of a recovery or return only (400 on other steps)",
          params: Params,
          body: Type.Object(
            {
              action: Type.Enum(OBJECT_ACTIONS),
              reason: Type.Optional(Type.String({ maxLength: 2000 })),
              at: Type.Optional(DateTime),
              caseId: Type.Optional(Uuid),
            },
            { additionalProperties: false },
          ),
          response: detail,
        },
      },
      async (request) => {
        const { action, at, ...rest } = request.body;
        return asJson(
          await transitionObject(db, viewerOf(request), actorOf(request), request.params.id, action, { ...rest, at: at ? new Date(at) : undefined }),
        );
      },
    );

    r.post(
      '/api/relics/objects/:id/photos',
      {
        preHandler: requireUser(),
        schema: {
          tags,
          summary: 'Add a photo (multipart, field `file`; JPEG, PNG, WebP, TIFF, GIF; at most 25 MB)',
          params: Params,
          consumes: ['multipart/form-data'],
          querystring: Type.Object({ view: Type.Enum(PHOTO_VIEWS, { default: 'front' }) }, { additionalProperties: false }),
          response: {
            201: Type.Object({ id: S, sha256: S, view: S, width: Type.Integer(), height: Type.Integer() }),
            400: errorRef,
            404: errorRef,
            409: errorRef,
            413: errorRef,
            415: errorRef,
            ...authErrors,
          },
        },
      },
      async (request, reply) => {
        const parts = await readParts(request, reply, PHOTO_MAX_BYTES, 'relics.photo_too_large');
        if (!parts) return reply;
        if (!parts.file) throw new DomainError('validation', 'relics.photo_missing');
        const photo = await addPhoto(db, store, viewerOf(request), actorOf(request), request.params.id, parts.file, request.query.view as PhotoView);
        return reply.status(201).send(photo);
      },
    );

    r.delete(
      '/api/relics/objects/:id/photos/:photoId',
      {
        preHandler: requireUser(),
        schema: {
          tags,
          summary: 'Remove a photo from a draft',
          params: Type.Object({ id: Uuid, photoId: Uuid }, { additionalProperties: false }),
          response: { 204: Type.Null(), 404: errorRef, 409: errorRef, ...authErrors },
        },
      },
      async (request, reply) => {
        await removePhoto(db, viewerOf(request), actorOf(request), request.params.id, request.params.photoId);
        return reply.status(204).send(null);
      },
    );

    r.get(
      '/api/relics/objects/:id/photos/:sha256/:size',
      {
        preHandler: requireUser(),
        schema: {
          tags,
          summary: 'A photo (re-encoded, without metadata)',
          params: Type.Object(
            { id: Uuid, sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }), size: Type.Enum(['web', 'thumb'] as const) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const file = await staffPhotoFile(db, store, viewerOf(request), request.params.id, request.params.sha256, request.params.size);
        return reply.type('image/jpeg').header('cache-control', 'private, max-age=3600').send(fs.createReadStream(file));
      },
    );

    r.get(
      '/api/relics/tips',
      {
        config: { personalReadsAudited: 'module' },
        preHandler: requireUser(),
        schema: {
          tags,
          summary: 'Tips from the public about objects in your scope (review queue)',
          querystring: Type.Object({ status: Type.Optional(Type.Enum(TIP_STATUSES)) }, { additionalProperties: false }),
          response: { 200: Type.Object({ items: Type.Array(TipOut) }), ...authErrors },
        },
      },
      async (request) => ({ items: asJson(await listTips(db, viewerOf(request), actorOf(request), request.query)) }),
    );

    r.post(
      '/api/relics/tips/:id/review',
      {
        preHandler: requireUser(),
        schema: {
          tags,
          summary: 'Dismiss a tip, or turn it into a lead on a case',
          params: Params,
          body: Type.Union([
            Type.Object({ action: Type.Literal('dismiss') }, { additionalProperties: false }),
            Type.Object(
              { action: Type.Literal('lead'), caseId: Uuid, note: Type.Optional(Type.String({ maxLength: 2000 })) },
              { additionalProperties: false },
            ),
          ]),
          response: { 200: TipOut, 400: errorRef, 404: errorRef, 409: errorRef, ...authErrors },
        },
      },
      async (request) => asJson(await reviewTip(db, viewerOf(request), actorOf(request), request.params.id, request.body)),
    );

    r.get(
      '/api/relics/tips/:id/photo',
      {
        preHandler: requireUser(),
        schema: { tags, summary: 'The photo sent with a tip (re-encoded)', params: Params },
      },
      async (request, reply) => {
        const sha = await tipPhotoSha(db, viewerOf(request), request.params.id);
        return reply
          .type('image/jpeg')
          .header('cache-control', 'private, max-age=3600')
          .send(fs.createReadStream(photoPath(store, sha, 'web')));
      },
    );

    relicImportRoutes(r, ctx);
  });
}
