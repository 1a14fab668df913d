import fs from 'node:fs';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyTypeProviderDefault, RawServerDefault } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { extractImportZip, importObjects, type PhotoStore } from '../../modules/relics/index.ts';
import type { AppContext } from '../context.ts';
import { actorOf, requireUser, viewerOf } from '../auth.ts';
import { languageOf } from '../messages.ts';
import { sendError } from '../errors.ts';
import { authErrors, errorRef } from '../schemas.ts';
import { ProgressId, trackProgress } from '../import-progress.ts';
import { readUpload } from '../multipart.ts';
import { makeWorkDir } from '../../core/temp.ts';
import { ImportErrorOut, presentImportReport } from '../presenters/imports.ts';

/** Largest import upload (a zip with photos). */
const MAX_OBJECT_IMPORT_BYTES = 500 * 1024 * 1024;

const ReportOut = Type.Object({
  fileName: Type.String(), format: Type.String(), dryRun: Type.Boolean(), encoding: Type.String(), sha256: Type.String(),
  rows: Type.Integer(), imported: Type.Integer(), published: Type.Integer(), photos: Type.Integer(),
  errors: Type.Array(ImportErrorOut),
  errorCount: Type.Integer(), warnings: Type.Array(Type.String()), durationMs: Type.Integer(),
});

// biome-ignore lint/correctness/noUnusedVariables: the type parameter mirrors Fastify's own signature, so the cast type-checks
type Scoped = FastifyInstance<RawServerDefault> & { withTypeProvider<T extends TypeBoxTypeProvider | FastifyTypeProviderDefault>(): FastifyInstance };

/**
 * POST /api/relics/imports: one file in `file`, a CSV/XLSX table (photos column unused) or a zip
 * holding the table at its root and the photos it names. Imported objects are drafts in the
 * importer's agency, to be reviewed like any other.
 */
export function relicImportRoutes(scope: FastifyInstance, ctx: AppContext, store: PhotoStore): void {
  const r = (scope as Scoped).withTypeProvider<TypeBoxTypeProvider>();
  r.post('/api/relics/imports', {
    preHandler: requireUser(),
    bodyLimit: MAX_OBJECT_IMPORT_BYTES,
    schema: {
      tags: ['relics'], summary: 'Import registry objects (CSV/XLSX, or a zip with photos) as drafts, all or nothing', consumes: ['multipart/form-data'],
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })), progressId: Type.Optional(ProgressId) }, { additionalProperties: false }),
      response: { 200: ReportOut, 400: errorRef, 413: errorRef, 415: errorRef, ...authErrors },
    },
  }, async (request, reply) => {
    const lang = languageOf(request.headers['accept-language']);
    const dir = makeWorkDir('relic-upload-');
    let zip: Awaited<ReturnType<typeof extractImportZip>> | null = null;
    try {
      const parts = await readUpload(request, reply, {
        maxFileBytes: MAX_OBJECT_IMPORT_BYTES, limits: { fileSize: MAX_OBJECT_IMPORT_BYTES }, tooLargeCode: 'import.file_too_large',
        unexpectedCode: 'import.one_file_only', notMultipartCode: 'import.multipart_required', dir, target: () => 'upload',
      });
      if (!parts) return reply;
      const file = parts.files[0];
      const upload = file ? { file: file.path!, name: file.fileName || 'upload' } : null;
      if (!upload) return sendError(request, reply, 400, 'import.no_file');
      const head = Buffer.alloc(4);
      const fd = fs.openSync(upload.file, 'r');
      fs.readSync(fd, head, 0, 4, 0);
      fs.closeSync(fd);
      // A zip that is not an XLSX workbook: a table with its photos.
      let table = upload.file;
      if (head.readUInt32BE(0) === 0x504b0304 && /\.zip$/i.test(upload.name)) {
        zip = await extractImportZip(upload.file);
        table = zip.table;
      }
      const tracker = trackProgress(request.query.progressId, viewerOf(request).userId);
      const report = await importObjects(ctx.db, {
        fileName: upload.name, path: table, photosDir: zip?.dir, dryRun: request.query.dryRun, actor: actorOf(request), viewer: viewerOf(request), store,
        onProgress: tracker.onProgress,
      }).finally(() => tracker.end());
      return presentImportReport(report, lang);
    } catch (error) {
      if (error instanceof DomainError && (error.code.startsWith('import.') || error.code.startsWith('relics.zip'))) {
        return sendError(request, reply, 400, error.code, error.params);
      }
      throw error;
    } finally {
      zip?.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
