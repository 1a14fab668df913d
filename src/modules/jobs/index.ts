// Background jobs: one durable queue (pg-boss) on the installation's database, with what users follow stored there.

export { jobsMessages } from './errors.ts';
export type { EnqueueOptions, JobDefinition, JobQueue, JobQueueOptions, JobRun, JobStatus } from './queue.ts';
export { createJobQueue, installJobQueues, JOB_SCHEMA } from './queue.ts';
export * from './schema.ts';
