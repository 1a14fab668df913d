// Imports run as jobs on the one queue: the route keeps the upload in the job's folder and answers with the job's id;
// a worker (in any server process, after a restart too) imports it once and stores the report with the job.
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../audit/index.ts';
import { type ImportKind, type ImportReport, importFile, isValidTimeZone } from '../cases/index.ts';
import type { JobDefinition, JobQueue } from '../jobs/index.ts';
import type { Viewer } from '../org/index.ts';
import { extractImportZip, importObjects, type ObjectImportReport, type PhotoStore, relicAllowed } from '../relics/index.ts';
import { importProgressTracker } from './progress.ts';

export const CASE_IMPORT_QUEUE = 'imports.cases';
export const REGISTRY_IMPORT_QUEUE = 'imports.registry';
export const IMPORT_QUEUES = [{ queue: CASE_IMPORT_QUEUE }, { queue: REGISTRY_IMPORT_QUEUE }] as const;

/** The file as the job's folder holds it. */
const UPLOAD = 'upload';

interface Importer {
  actor: Actor;
  viewer: Viewer;
}

export interface CaseImportJob extends Importer {
  kind: ImportKind;
  fileName: string;
  dryRun: boolean;
  timeZone: string;
}
export interface RegistryImportJob extends Importer {
  fileName: string;
  dryRun: boolean;
}

/** Where the route writes the upload of a job prepared with `JobQueue.prepare`. */
export const importUploadPath = (folder: string) => path.join(folder, UPLOAD);

const uploadOf = (folder: string | null) => {
  // The folder goes only with the job it was prepared for; without it there is nothing to import.
  if (!folder || !fs.existsSync(importUploadPath(folder))) throw new DomainError('validation', 'import.no_file');
  return importUploadPath(folder);
};

export function importJobs(
  db: Db,
  store: PhotoStore,
): [JobDefinition<CaseImportJob, ImportReport>, JobDefinition<RegistryImportJob, ObjectImportReport>] {
  return [
    {
      queue: CASE_IMPORT_QUEUE,
      followed: true,
      run: ({ data, folder, progress }) =>
        importFile(db, {
          kind: data.kind,
          fileName: data.fileName,
          path: uploadOf(folder),
          dryRun: data.dryRun,
          actor: data.actor,
          viewer: data.viewer,
          timeZone: data.timeZone,
          onProgress: importProgressTracker(progress),
        }),
    },
    {
      queue: REGISTRY_IMPORT_QUEUE,
      followed: true,
      async run({ data, folder, progress }) {
        const file = uploadOf(folder);
        const head = Buffer.alloc(4);
        const fd = fs.openSync(file, 'r');
        fs.readSync(fd, head, 0, 4, 0);
        fs.closeSync(fd);
        // A zip that is not an XLSX workbook: a table with its photos.
        const zip = head.readUInt32BE(0) === 0x504b0304 && /\.zip$/i.test(data.fileName) ? await extractImportZip(file) : null;
        try {
          return await importObjects(db, {
            fileName: data.fileName,
            path: zip?.table ?? file,
            photosDir: zip?.dir,
            dryRun: data.dryRun,
            actor: data.actor,
            viewer: data.viewer,
            store,
            onProgress: importProgressTracker(progress),
          });
        } finally {
          zip?.cleanup();
        }
      },
    },
  ];
}

/** Queues a case import of the file already written to the prepared job's folder; answers the job id. */
export async function enqueueCaseImport(queue: JobQueue, jobId: string, job: CaseImportJob): Promise<string> {
  if (!isValidTimeZone(job.timeZone)) throw new DomainError('validation', 'import.invalid_time_zone', undefined, { timeZone: job.timeZone });
  await queue.enqueue(CASE_IMPORT_QUEUE, job, { id: jobId, userId: job.viewer.userId });
  return jobId;
}

export async function enqueueRegistryImport(queue: JobQueue, jobId: string, job: RegistryImportJob): Promise<string> {
  if (!relicAllowed(job.viewer, 'relics.import')) throw new DomainError('forbidden', 'relics.forbidden');
  await queue.enqueue(REGISTRY_IMPORT_QUEUE, job, { id: jobId, userId: job.viewer.userId });
  return jobId;
}
