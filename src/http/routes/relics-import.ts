import path from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyTypeProviderDefault, RawServerDefault } from 'fastify';
import { Type } from 'typebox';
import type { Lang } from '../../core/errors.ts';
import { DomainError } from '../../core/errors.ts';
import { enqueueRegistryImport, importUploadPath, REGISTRY_IMPORT_QUEUE } from '../../modules/imports/index.ts';
import type { JobStatus } from '../../modules/jobs/index.ts';
import { type ObjectImportReport, relicAllowed } from '../../modules/relics/index.ts';
import { actorOf, requireUser, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { sendError } from '../errors.ts';
import { ImportProgressOut, JobAccepted, JobError, JobId, JobStateOut, jobErrorView, jobProgressOf } from '../jobs.ts';
import { languageOf } from '../messages.ts';
import { readUpload } from '../multipart.ts';
import { ImportErrorOut, presentImportReport } from '../presenters/imports.ts';
import { authErrors, errorRef } from '../schemas.ts';

/** Largest import upload (a zip with photos). */
const MAX_OBJECT_IMPORT_BYTES = 500 * 1024 * 1024;

const ReportOut = Type.Object({
  fileName: Type.String(),
  format: Type.String(),
  dryRun: Type.Boolean(),
  encoding: Type.String(),
  sha256: Type.String(),
  rows: Type.Integer(),
  imported: Type.Integer(),
  published: Type.Integer(),
  photos: Type.Integer(),
  errors: Type.Array(ImportErrorOut),
  errorCount: Type.Integer(),
  warnings: Type.Array(Type.String()),
  durationMs: Type.Integer(),
});

/** A registry import job as its starter follows it. */
const ObjectImportJobOut = Type.Object({
  jobId: Type.String(),
  state: JobStateOut,
  progress: ImportProgressOut,
  report: Type.Union([ReportOut, Type.Null()]),
  error: Type.Union([JobError, Type.Null()]),
});

// biome-ignore lint/correctness/noUnusedVariables: the type parameter mirrors Fastify's own signature, so the cast type-checks
type Scoped = FastifyInstance<RawServerDefault> & { withTypeProvider<T extends TypeBoxTypeProvider | FastifyTypeProviderDefault>(): FastifyInstance };

const jobView = (job: JobStatus, lang: Lang) => {
  const report = job.state === 'done' ? (job.result as ObjectImportReport) : null;
  return {
    jobId: job.id,
    state: job.state,
    progress: jobProgressOf(job, report && { rowsRead: report.rows, rowsWritten: report.imported }),
    report: report && presentImportReport(report, lang),
    error: jobErrorView(job, lang),
  };
};

/**
 * POST /api/relics/imports: one file in `file`, a CSV/XLSX table (photos column unused) or a zip holding the table at
 * its root and the photos it names, kept with a job on the queue (202 with the job id); GET /api/relics/imports/:id
 * follows it. Imported objects are drafts in the importer's agency, to be reviewed like any other. (The import jobs
 * themselves are defined with the case imports, routes/imports.ts.)
 */
export function relicImportRoutes(scope: FastifyInstance, ctx: AppContext): void {
  const { jobs } = ctx;
  const r = (scope as Scoped).withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/relics/imports',
    {
      preHandler: requireUser(),
      bodyLimit: MAX_OBJECT_IMPORT_BYTES,
      schema: {
        tags: ['relics'],
        consumes: ['multipart/form-data'],
        summary:
          'Import registry objects (CSV/XLSX, or a zip with photos) as drafts, all or nothing, as a background job: answers 202 with the job id; follow GET /api/relics/imports/{id}',
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
        response: { 202: JobAccepted, 400: errorRef, 413: errorRef, 415: errorRef, ...authErrors },
      },
    },
    async (request, reply) => {
      // Before the upload is read: a role that may not import is refused at once.
      if (!relicAllowed(viewerOf(request), 'relics.import')) throw new DomainError('forbidden', 'relics.forbidden');
      const job = jobs.prepare();
      let queued = false;
      try {
        const parts = await readUpload(request, reply, {
          maxFileBytes: MAX_OBJECT_IMPORT_BYTES,
          limits: { fileSize: MAX_OBJECT_IMPORT_BYTES },
          tooLargeCode: 'import.file_too_large',
          unexpectedCode: 'import.one_file_only',
          notMultipartCode: 'import.multipart_required',
          dir: job.folder,
          target: () => path.basename(importUploadPath(job.folder)),
        });
        if (!parts) return reply;
        const file = parts.files[0];
        if (!file) return sendError(request, reply, 400, 'import.no_file');
        await enqueueRegistryImport(jobs, job.id, {
          fileName: file.fileName || 'upload',
          dryRun: request.query.dryRun ?? false,
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

  r.get(
    '/api/relics/imports/:id',
    {
      // Only the user who started the import can read it.
      preHandler: requireUser(),
      schema: {
        tags: ['relics'],
        summary: 'A registry import you started: state, progress and, when done, the report',
        params: Type.Object({ id: JobId }, { additionalProperties: false }),
        response: { 200: ObjectImportJobOut, 404: errorRef, ...authErrors },
      },
    },
    async (request, reply) => {
      const job = await jobs.status(request.params.id.toLowerCase(), viewerOf(request).userId);
      if (!job || job.queue !== REGISTRY_IMPORT_QUEUE) return sendError(request, reply, 404, 'jobs.not_found');
      return jobView(job, languageOf(request.headers['accept-language']));
    },
  );
}
