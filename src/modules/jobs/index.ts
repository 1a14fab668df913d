// Background jobs: one durable queue (pg-boss) on the installation's database, with what users follow stored there.
export * from './schema.ts';
export { jobsMessages } from './errors.ts';
export { createJobQueue, installJobQueues, JOB_SCHEMA } from './queue.ts';
export type { JobQueue, JobQueueOptions, JobDefinition, JobRun, JobStatus, EnqueueOptions } from './queue.ts';
