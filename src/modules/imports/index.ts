// Imports over HTTP as background jobs: cases, parties, property and gangs (module cases) and registry objects (module
// relics), run on the one job queue with their progress and report stored in the database.

export type { CaseImportJob, RegistryImportJob } from './jobs.ts';
export {
  CASE_IMPORT_QUEUE,
  enqueueCaseImport,
  enqueueRegistryImport,
  IMPORT_QUEUES,
  importJobs,
  importUploadPath,
  REGISTRY_IMPORT_QUEUE,
} from './jobs.ts';
export type { ImportProgressView } from './progress.ts';
