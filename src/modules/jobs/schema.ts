import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { oneOf } from '../../db/checks.ts';
import { timestamptz } from '../../db/columns.ts';

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * What a user follows of a job they started: its state, progress and result, in our own table (pg-boss keeps the
 * job itself, in its `pgboss` schema). The id is the pg-boss job's id. A row is written by the worker outside any
 * transaction of the job's own work, one short statement at a time, so PGlite's single connection is never held by it.
 */
export const backgroundJobs = pgTable(
  'background_jobs',
  {
    id: uuid('id').primaryKey(),
    /** The pg-boss queue (e.g. `imports.cases`). */
    queue: text('queue').notNull(),
    /** Who started it: the only user who may read it. */
    userId: uuid('user_id').notNull(),
    /** What the job is about, for routes that name it by its subject (a screening batch id). */
    subjectId: text('subject_id'),
    state: text('state').$type<JobState>().notNull().default('queued'),
    progress: jsonb('progress'),
    result: jsonb('result'),
    errorCode: text('error_code'),
    errorParams: jsonb('error_params').$type<Record<string, string | number>>(),
    /** Written every half minute while the job runs: a running job whose heartbeat stopped was left by a dead process. */
    heartbeatAt: timestamptz('heartbeat_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    check('background_jobs_state', oneOf(t.state, JOB_STATES)),
    index('background_jobs_subject_idx').on(t.subjectId, t.userId).where(sql`subject_id is not null`),
    index('background_jobs_running_idx').on(t.heartbeatAt).where(sql`state = 'running'`),
  ],
);
