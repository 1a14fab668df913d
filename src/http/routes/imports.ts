import path from 'node:path';
import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { photoDirOf } from '../../config.ts';
import type { Lang } from '../../core/errors.ts';
import { recordAudit } from '../../modules/audit/index.ts';
import {
  CASE_SORTS,
  CASE_STATUSES,
  type CaseExportSource,
  type CaseFilters,
  DATE_FIELDS,
  DEFAULT_TIME_ZONE,
  defaultCaseExportSource,
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  type ExportFormat,
  exportFileName,
  IMPORT_KINDS,
  type ImportKind,
  type ImportReport,
  isValidTimeZone,
  writeCasesExport,
} from '../../modules/cases/index.ts';
import { CASE_IMPORT_QUEUE, enqueueCaseImport, importJobs, importUploadPath } from '../../modules/imports/index.ts';
import type { JobStatus } from '../../modules/jobs/index.ts';
import { actorOf, requireUser, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { sendError } from '../errors.ts';
import { ImportProgressOut, JobAccepted, JobError, JobId, JobStateOut, jobErrorView, jobProgressOf } from '../jobs.ts';
import { languageOf } from '../messages.ts';
import { readUpload } from '../multipart.ts';
import { ImportErrorOut, presentImportReport } from '../presenters/imports.ts';
import { authErrors, Day, errorRef, JurisdictionCode } from '../schemas.ts';

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

/** An import job as its starter follows it: progress while it runs, then the report (or what went wrong). */
const ImportJobOut = Type.Object({
  jobId: Type.String(),
  state: JobStateOut,
  progress: ImportProgressOut,
  report: Type.Union([ImportReportOut, Type.Null()]),
  error: Type.Union([JobError, Type.Null()]),
});

const STATUS_LIST = `^(${CASE_STATUSES.join('|')})(,(${CASE_STATUSES.join('|')}))*$`;

export interface ImportRouteOptions {
  /** Rows of an export; swap in another source (e.g. a different list query) without touching the route. */
  caseExportSource?: CaseExportSource;
  /** Largest file accepted (default 200 MiB). */
  maxBytes?: number;
}

const importJobView = (job: JobStatus, lang: Lang) => {
  const report = job.state === 'done' ? (job.result as ImportReport) : null;
  return {
    jobId: job.id,
    state: job.state,
    progress: jobProgressOf(job, report && { rowsRead: report.rows, rowsWritten: report.imported }),
    report: report && presentImportReport(report, lang),
    error: jobErrorView(job, lang),
  };
};

/**
 * POST /api/imports/:kind (multipart, one file in the field `file`): the file is kept with a job on the queue and the
 * answer is the job's id (202); GET /api/imports/jobs/:id follows it. Also GET /api/cases/export.
 * Multipart is registered only in this plugin's own scope, with its limits.
 */
export function importRoutes(app: FastifyInstance, ctx: AppContext, options: ImportRouteOptions = {}): void {
  const { db, jobs } = ctx;
  const exportSource = options.caseExportSource ?? defaultCaseExportSource;
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  // Registered once per queue (a second registration of these routes, e.g. under another prefix, shares them).
  if (!importJobsDefined.has(jobs)) {
    importJobsDefined.add(jobs);
    const [cases, registry] = importJobs(db, { dir: photoDirOf(ctx.config) });
    jobs.define(cases);
    jobs.define(registry);
  }

  app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { files: 1, fileSize: maxBytes, fields: 4, parts: 5, fieldSize: 1024, headerPairs: 100 },
      throwFileSizeLimit: true,
    });
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();

    r.post(
      '/api/imports/:kind',
      {
        preHandler: requireUser('cases.import'),
        schema: {
          tags: ['cases'],
          summary: 'Import cases, parties, property or gangs from a CSV or XLSX file (all or nothing), as a background job',
          description:
            'multipart/form-data with one file in the field `file` (at most 200 MiB). Answers 202 with the job id at once; follow GET /api/imports/jobs/{id} for progress and the report. Every row is checked first; a file with any bad row imports nothing and the report lists every bad cell. See docs/import-formats.md.',
          consumes: ['multipart/form-data'],
          params: Type.Object({ kind: Type.Enum(IMPORT_KINDS) }, { additionalProperties: false }),
          querystring: Type.Object(
            {
              dryRun: Type.Optional(Type.Boolean({ default: false, description: 'check and report, write nothing' })),
              timeZone: Type.Optional(
                Type.String({ minLength: 1, maxLength: 64, description: `zone of times without an offset (default ${DEFAULT_TIME_ZONE})` }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 202: JobAccepted, 400: errorRef, 413: errorRef, 415: errorRef, ...authErrors },
        },
      },
      async (request, reply) => {
        const timeZone = request.query.timeZone ?? DEFAULT_TIME_ZONE;
        if (!isValidTimeZone(timeZone)) return sendError(request, reply, 400, 'import.invalid_time_zone', { timeZone });
        // The upload is written straight into the job's folder (under the data folder), which the job keeps until it ends.
        const job = jobs.prepare();
        let queued = false;
        try {
          const parts = await readUpload(request, reply, {
            fileFields: ['file'],
            maxFileBytes: maxBytes,
            tooLargeCode: 'import.file_too_large',
            unexpectedCode: 'import.one_file_only',
            unexpectedFieldCode: 'import.no_file',
            notMultipartCode: 'import.multipart_required',
            dir: job.folder,
            target: () => path.basename(importUploadPath(job.folder)),
          });
          if (!parts) return reply;
          const file = parts.files[0];
          if (!file) return sendError(request, reply, 400, 'import.no_file');
          await enqueueCaseImport(jobs, job.id, {
            kind: request.params.kind as ImportKind,
            fileName: file.fileName || 'upload',
            dryRun: request.query.dryRun ?? false,
            timeZone,
            actor: actorOf(request),
            viewer: viewerOf(request),
          });
          queued = true;
          return reply.code(202).send({ jobId: job.id, state: 'queued' as const });
        } finally {
          if (!queued) jobs.discard(job.id);
        }
      },
    );
  });

  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/imports/jobs/:id',
    {
      // Only the user who started the import can read it.
      preHandler: requireUser(),
      schema: {
        tags: ['cases'],
        summary:
          'An import of cases, parties, property or gangs you started: state, progress (reading, checking, writing, building indexes) and, when done, the report',
        params: Type.Object({ id: JobId }, { additionalProperties: false }),
        response: { 200: ImportJobOut, 404: errorRef, ...authErrors },
      },
    },
    async (request, reply) => {
      const job = await jobs.status(request.params.id.toLowerCase(), viewerOf(request).userId);
      if (!job || job.queue !== CASE_IMPORT_QUEUE) return sendError(request, reply, 404, 'jobs.not_found');
      return importJobView(job, languageOf(request.headers['accept-language']));
    },
  );

  r.get(
    '/api/cases/export',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags: ['cases'],
        summary: 'Download the filtered case list as CSV (UTF-8 with BOM) or XLSX, in the import format',
        querystring: Type.Object(
          {
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
          },
          { additionalProperties: false },
        ),
        response: { 400: errorRef, ...authErrors },
      },
    },
    async (request, reply) => {
      const { format = 'csv', timeZone = DEFAULT_TIME_ZONE, status, ...rest } = request.query;
      if (!isValidTimeZone(timeZone)) return sendError(request, reply, 400, 'import.invalid_time_zone', { timeZone });
      const filters: CaseFilters = { ...rest, status: status ? (status.split(',') as CaseFilters['status']) : undefined };
      const viewer = viewerOf(request);
      await recordAudit(db, actorOf(request), {
        action: 'cases.export',
        entityType: 'case',
        jurisdictionCode: viewer.jurisdictionCode,
        after: { format, filters },
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
    },
  );
}

const importJobsDefined = new WeakSet<object>();
