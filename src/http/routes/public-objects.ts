import fs from 'node:fs';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { photoDirOf } from '../../config.ts';
import { type FieldError, invalid } from '../../core/errors.ts';
import {
  certificateHtml,
  certificatePdf,
  getCertificate,
  getPublicObject,
  issueCertificate,
  PHOTO_MAX_BYTES,
  PUBLIC_STATUSES,
  publicPhotoFile,
  searchPublicObjects,
  submitTip,
} from '../../modules/relics/index.ts';
import type { AppContext } from '../context.ts';
import { languageOf } from '../messages.ts';
import { holdPdfRendererWhileOpen, matchesEtag, withPdf } from '../pdf.ts';
import {
  CertificateOut,
  PublicObjectOut,
  PublicSearchOut,
  presentCertificate,
  presentPublicObject,
  presentPublicSearch,
} from '../presenters/public-objects.ts';
import { Day, errorRef, JurisdictionCode } from '../schemas.ts';
import { readParts } from './relics-upload.ts';

/**
 * In-process guard against hammering the tip endpoint. The tip limit itself (TIP_LIMIT, 5 per 10
 * minutes per address) is counted in the database by submitTip, so it holds across processes and restarts.
 */
const TIP_RATE_LIMIT = { max: 30, timeWindow: 10 * 60_000 };

const PublicNo = Type.String({ pattern: '^CN-[0-9]{4}-[0-9]{6}$', description: 'publication number, e.g. CN-2026-000123' });

/** The public portal's API: no login, published objects only, through the public presenters (presenters/public-objects.ts). */
export function publicObjectRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;
  const store = { dir: photoDirOf(ctx.config) };
  const tags = ['public'];
  const actor = (ip: string, requestId: string) => ({ userId: null, username: 'public', ip, requestId });
  holdPdfRendererWhileOpen(app);
  app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { files: 1, fileSize: PHOTO_MAX_BYTES, fields: 6, parts: 8, fieldSize: 10_000, headerPairs: 100 },
      throwFileSizeLimit: true,
    });
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();

    r.get(
      '/api/public/objects',
      {
        schema: {
          tags,
          summary: 'Search published stolen and lost objects (Chinese without spaces, English with typos)',
          security: [],
          querystring: Type.Object(
            {
              q: Type.Optional(Type.String({ maxLength: 200 })),
              type: Type.Optional(Type.String({ pattern: '^[a-z_]+(\\.[a-z_]+)?$', maxLength: 60 })),
              material: Type.Optional(Type.String({ pattern: '^[a-z_]+$', maxLength: 30 })),
              period: Type.Optional(Type.String({ pattern: '^[a-z_]+$', maxLength: 30 })),
              province: Type.Optional(JurisdictionCode),
              from: Type.Optional(Day),
              to: Type.Optional(Day),
              status: Type.Optional(Type.Enum(PUBLIC_STATUSES)),
              page: Type.Integer({ minimum: 1, maximum: 500, default: 1 }),
              pageSize: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: PublicSearchOut, 400: errorRef },
        },
      },
      async (request, reply) => {
        const { page, pageSize, from, to, ...filters } = request.query;
        const result = await searchPublicObjects(
          db,
          {
            ...filters,
            stolenFrom: from ? new Date(`${from}T00:00:00+08:00`) : undefined,
            stolenTo: to ? new Date(`${to}T23:59:59.999+08:00`) : undefined,
          },
          { page, pageSize },
        );
        reply.header('cache-control', 'public, max-age=30');
        return presentPublicSearch(result, { page, pageSize });
      },
    );

    r.get(
      '/api/public/objects/:publicationNo',
      {
        schema: {
          tags,
          summary: 'One published object: public fields only',
          security: [],
          params: Type.Object({ publicationNo: PublicNo }, { additionalProperties: false }),
          response: { 200: PublicObjectOut, 404: errorRef },
        },
      },
      async (request) => presentPublicObject(await getPublicObject(db, request.params.publicationNo)),
    );

    r.get(
      '/api/public/photos/:sha256/:size',
      {
        schema: {
          tags,
          summary: 'A photo of a published object (re-encoded, no metadata)',
          security: [],
          params: Type.Object(
            { sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }), size: Type.Enum(['web', 'thumb'] as const) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const file = await publicPhotoFile(db, store, request.params.sha256, request.params.size);
        return reply.type('image/jpeg').header('cache-control', 'public, max-age=300').send(fs.createReadStream(file));
      },
    );

    r.post(
      '/api/public/objects/:publicationNo/tips',
      {
        config: { rateLimit: TIP_RATE_LIMIT },
        schema: {
          tags,
          summary: 'Send a tip about a published object (multipart: message, optional contact, optional photo in `file`)',
          security: [],
          consumes: ['multipart/form-data'],
          params: Type.Object({ publicationNo: PublicNo }, { additionalProperties: false }),
          response: { 202: Type.Object({ received: Type.Boolean() }), 400: errorRef, 404: errorRef, 413: errorRef, 415: errorRef, 429: errorRef },
        },
      },
      async (request, reply) => {
        const parts = await readParts(request, reply, PHOTO_MAX_BYTES, 'relics.photo_too_large');
        if (!parts) return reply;
        const message = (parts.fields.message ?? '').trim();
        const contact = (parts.fields.contact ?? '').trim();
        const problems: FieldError[] = [];
        if (!message) problems.push({ path: '/message', message: 'import.required' });
        if (message.length > 5000) problems.push({ path: '/message', message: 'import.too_long' });
        if (contact.length > 200) problems.push({ path: '/contact', message: 'import.too_long' });
        if (problems.length) throw invalid(problems);
        await submitTip(db, store, actor(request.ip, request.id), {
          publicationNo: request.params.publicationNo,
          message,
          contact: contact || undefined,
          photo: parts.file ?? undefined,
          website: parts.fields.website,
        });
        return reply.status(202).send({ received: true });
      },
    );

    r.post(
      '/api/public/certificates',
      {
        config: { rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags,
          summary: 'Due-diligence certificate: search the registry for a described object',
          security: [],
          body: Type.Object(
            {
              description: Type.String({ minLength: 2, maxLength: 2000 }),
              type: Type.Optional(Type.String({ pattern: '^[a-z_]+(\\.[a-z_]+)?$', maxLength: 60 })),
              material: Type.Optional(Type.String({ pattern: '^[a-z_]+$', maxLength: 30 })),
              period: Type.Optional(Type.String({ pattern: '^[a-z_]+$', maxLength: 30 })),
              inscriptions: Type.Optional(Type.String({ maxLength: 2000 })),
              requester: Type.Optional(Type.String({ maxLength: 200 })),
              lang: Type.Optional(Type.Enum(['zh', 'en'] as const)),
            },
            { additionalProperties: false },
          ),
          response: { 201: CertificateOut, 400: errorRef, 429: errorRef },
        },
      },
      async (request, reply) => {
        const lang = request.body.lang ?? languageOf(request.headers['accept-language']);
        const cert = await issueCertificate(db, actor(request.ip, request.id), { ...request.body, lang });
        return reply.status(201).send(presentCertificate(cert));
      },
    );

    const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
    const LangQuery = Type.Object({ lang: Type.Optional(Type.Enum(['zh', 'en'] as const)) }, { additionalProperties: false });
    r.get(
      '/api/public/certificates/:code',
      {
        schema: {
          tags,
          summary: 'Verify a certificate by its code',
          security: [],
          params: CodeParams,
          response: { 200: CertificateOut, 404: errorRef },
        },
      },
      async (request) => presentCertificate(await getCertificate(db, request.params.code)),
    );

    r.get(
      '/api/public/certificates/:code/html',
      {
        schema: { tags, summary: 'The certificate as a printable page', security: [], params: CodeParams, querystring: LangQuery },
      },
      async (request, reply) => {
        const cert = await getCertificate(db, request.params.code);
        return reply.type('text/html; charset=utf-8').send(certificateHtml(cert, request.query.lang ?? cert.lang));
      },
    );

    r.get(
      '/api/public/certificates/:code/pdf',
      {
        // Printing is bounded by the shared renderer's queue (503 beyond it) and each certificate is
        // printed once; this only keeps one address from hogging the queue.
        config: { rateLimit: { max: 60, timeWindow: 60_000 } },
        schema: {
          tags,
          summary: 'The certificate as PDF (printed once, then served from the database; immutable, with an ETag)',
          security: [],
          params: CodeParams,
          querystring: LangQuery,
          response: { 304: Type.Null({ description: 'not modified (If-None-Match)' }), 404: errorRef, 503: errorRef },
        },
      },
      async (request, reply) =>
        withPdf(request, reply, async () => {
          const file = await certificatePdf(db, request.params.code, request.query.lang);
          const etag = `"${file.sha256}"`;
          reply.header('etag', etag).header('cache-control', 'public, max-age=31536000, immutable');
          // No body at all: send(null) would be serialised by the 304 schema as the 4 bytes 'null'.
          if (matchesEtag(request, etag)) return reply.status(304).send(undefined as unknown as null);
          return reply.type('application/pdf').header('content-disposition', `attachment; filename="certificate-${file.code}.pdf"`).send(file.pdf);
        }),
    );
  });
}
