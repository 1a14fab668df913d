// Imports over HTTP as background jobs: cases, parties, property and gangs (module cases) and registry objects (module
// relics), run on the one job queue with their progress and report stored in the database.
export {
  importJobs, enqueueCaseImport, enqueueRegistryImport, importUploadPath, CASE_IMPORT_QUEUE, REGISTRY_IMPORT_QUEUE, IMPORT_QUEUES,
} from './jobs.ts';
export type { CaseImportJob, RegistryImportJob } from './jobs.ts';
export type { ImportProgressView } from './progress.ts';
