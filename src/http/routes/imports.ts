import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { recordAudit } from '../../modules/audit/index.ts';
import {
  CASE_SORTS, CASE_STATUSES, DATE_FIELDS, type CaseFilters, DEFAULT_TIME_ZONE, IMPORT_KINDS, importFile,
  importMessage, importMessages, isValidTimeZone, type ImportKind, defaultCaseExportSource,
  EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportFileName, writeCasesExport, type CaseExportSource, type ExportFormat,
} from '../../modules/cases/index.ts';
import type { AppContext } from '../context.ts';
import { actorOf, requireUser, viewerOf } from '../auth.ts';
import { ImportProgressOut, ProgressId, progressOf, trackProgress } from '../import-progress.ts';
import { languageOf, translate } from '../messages.ts';
import { authErrors, Day, errorRef, JurisdictionCode } from '../schemas.ts';
import { readUpload } from '../multipart.ts';
import { makeWorkDir } from '../../core/temp.ts';
import { ImportErrorOut, presentImportReport } from '../presenters/imports.ts';

/** Largest file accepted for import. */
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

const ImportReportOut = Type.Object({
  kind: Type.Enum(IMPORT_KINDS),
  fileName: Type.String(),
  format: Type.Enum(['csv', 'xlsx']),
  dryRun: Type.Boolean(),
  encoding: Type.String(),
  timeZone: Type.String(),
  sha256: Type.String(),
  rows: Type.Integer(),
  imported: Type.Integer(),
  errors: Type.Array(ImportErrorOut),
  errorCount: Type.Integer(),
  warnings: Type.Array(Type.String()),
  durationMs: Type.Integer(),
});

const STATUS_LIST = `^(${CASE_STATUSES.join('|')})(,(${CASE_STATUSES.join('|')}))*$`;

export interface ImportRouteOptions {
  /** Rows of an export; swap in another source (e.g. a different list query) without touching the route. */
  caseExportSource?: CaseExportSource;
  /** Largest file accepted (default 200 MiB). */
  maxBytes?: number;
}

/** The usual error shape, with import messages (not yet in the shared catalogue) translated here. */
function sendImportError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, params: Record<string, string | number> = {}) {
  const lang = languageOf(request.headers['accept-language']);
  const message = code in importMessages ? importMessage(code, lang, params) : translate(code, lang, { ...params, requestId: request.id });
  return reply.status(status).type('application/json; charset=utf-8').send({ error: { code, message, requestId: request.id } });
}

const STATUS_OF_KIND: Record<DomainError['kind'], number> = {
  validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, locked: 423, rate_limited: 429,
};

/**
 * POST /api/imports/:kind (multipart, one file in the field `file`) and GET /api/cases/export.
 * Multipart is registered only in this plugin's own scope, with its limits.
 */
export function importRoutes(app: FastifyInstance, ctx: AppContext, options: ImportRouteOptions = {}): void {
  const { db } = ctx;
  const exportSource = options.caseExportSource ?? defaultCaseExportSource;
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;

  app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { files: 1, fileSize: maxBytes, fields: 4, parts: 5, fieldSize: 1024, headerPairs: 100 },
      throwFileSizeLimit: true,
    });
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();

    r.post('/api/imports/:kind', {
      preHandler: requireUser('cases.import'),
      schema: {
        tags: ['cases'],
        summary: 'Import cases, parties, property or gangs from a CSV or XLSX file (all or nothing)',
        description: 'multipart/form-data with one file in the field `file` (at most 200 MiB). Every row is checked first; a file with any bad row imports nothing and the report lists every bad cell. See docs/import-formats.md.',
        consumes: ['multipart/form-data'],
        params: Type.Object({ kind: Type.Enum(IMPORT_KINDS) }, { additionalProperties: false }),
        querystring: Type.Object({
          dryRun: Type.Optional(Type.Boolean({ default: false, description: 'check and report, write nothing' })),
          timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: `zone of times without an offset (default ${DEFAULT_TIME_ZONE})` })),
          progressId: Type.Optional(ProgressId),
        }, { additionalProperties: false }),
        response: { 200: ImportReportOut, 400: errorRef, 409: errorRef, 413: errorRef, 415: errorRef, ...authErrors },
      },
    }, async (request, reply) => {
      const lang = languageOf(request.headers['accept-language']);
      const dir = makeWorkDir('upload-');
      try {
        const parts = await readUpload(request, reply, {
          fileFields: ['file'], maxFileBytes: maxBytes, tooLargeCode: 'import.file_too_large', unexpectedCode: 'import.one_file_only',
          unexpectedFieldCode: 'import.no_file', notMultipartCode: 'import.multipart_required', dir, target: () => 'upload',
        });
        if (!parts) return reply;
        const file = parts.files[0];
        const upload = file ? { path: file.path!, fileName: file.fileName || 'upload' } : null;
        if (!upload) return sendImportError(request, reply, 400, 'import.no_file');
        const tracker = trackProgress(request.query.progressId, viewerOf(request).userId);
        try {
          const report = await importFile(db, {
            kind: request.params.kind as ImportKind, fileName: upload.fileName, path: upload.path, dryRun: request.query.dryRun,
            actor: actorOf(request), viewer: viewerOf(request), timeZone: request.query.timeZone ?? DEFAULT_TIME_ZONE,
            onProgress: tracker.onProgress,
          });
          return presentImportReport(report, lang);
        } catch (error) {
          if (error instanceof DomainError && error.code.startsWith('import.')) {
            return sendImportError(request, reply, STATUS_OF_KIND[error.kind], error.code, error.params);
          }
          throw error;
        } finally {
          tracker.end();
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/imports/progress/:id', {
    // Any import (cases, registry objects): only the user who started it can read it.
    preHandler: requireUser(),
    schema: {
      tags: ['cases'],
      summary: 'Progress of an import (cases or registry objects) started with ?progressId=… by the same user (reading, checking, writing, building indexes)',
      params: Type.Object({ id: ProgressId }, { additionalProperties: false }),
      response: { 200: ImportProgressOut, 404: errorRef, ...authErrors },
    },
  }, async (request, reply) => {
    const progress = progressOf(request.params.id, viewerOf(request).userId);
    if (!progress) return sendImportError(request, reply, 404, 'not_found');
    return progress;
  });

  r.get('/api/cases/export', {
    preHandler: requireUser('cases.read'),
    schema: {
      tags: ['cases'],
      summary: 'Download the filtered case list as CSV (UTF-8 with BOM) or XLSX, in the import format',
      querystring: Type.Object({
        format: Type.Optional(Type.Enum(EXPORT_FORMATS, { default: 'csv' })),
        q: Type.Optional(Type.String({ maxLength: 200 })),
        category: Type.Optional(Type.String({ maxLength: 100 })),
        status: Type.Optional(Type.String({ pattern: STATUS_LIST, maxLength: 200, description: 'comma-separated statuses' })),
        jurisdiction: Type.Optional(JurisdictionCode),
        dateField: Type.Optional(Type.Enum(DATE_FIELDS)),
        from: Type.Optional(Day),
        to: Type.Optional(Day),
        campaign: Type.Optional(Type.String({ maxLength: 64 })),
        supervision: Type.Optional(Type.Enum(['any', 'province', 'ministry'])),
        sort: Type.Optional(Type.Enum(CASE_SORTS)),
        timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      }, { additionalProperties: false }),
      response: { 400: errorRef, ...authErrors },
    },
  }, async (request, reply) => {
    const { format = 'csv', timeZone = DEFAULT_TIME_ZONE, status, ...rest } = request.query;
    if (!isValidTimeZone(timeZone)) return sendImportError(request, reply, 400, 'import.invalid_time_zone', { timeZone });
    const filters: CaseFilters = { ...rest, status: status ? (status.split(',') as CaseFilters['status']) : undefined };
    const viewer = viewerOf(request);
    await recordAudit(db, actorOf(request), {
      action: 'cases.export', entityType: 'case', jurisdictionCode: viewer.jurisdictionCode, after: { format, filters },
    });
    const fileName = exportFileName(format as ExportFormat, new Date(), timeZone);
    const body = new PassThrough();
    writeCasesExport(exportSource(db, viewer, filters), format as ExportFormat, body, { timeZone })
      .then(() => body.end())
      .catch((error: unknown) => {
        request.log.error({ err: error }, 'export failed');
        body.destroy(error as Error);
      });
    return reply
      .header('content-type', EXPORT_CONTENT_TYPES[format as ExportFormat])
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
