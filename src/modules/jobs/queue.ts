// One durable job queue on the installation's own database (pg-boss, on PostgreSQL and on PGlite alike). A job is
// sent with its data (and, for uploads, a folder of files kept until it ends); a worker in any server process runs it
// once. What a user follows (state, progress, the result) is in `background_jobs`, readable only by the job's starter.
import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import PgBoss from 'pg-boss';
import { DomainError } from '../../core/errors.ts';
import type { Database, Db } from '../../db/client.ts';
import { backgroundJobs, type JobState } from './schema.ts';

/** pg-boss's schema in every installation (created by `migrateDatabase`, with the queues). */
export const JOB_SCHEMA = 'pgboss';

/** What a job's work receives. */
export interface JobRun<D> {
  id: string;
  data: D;
  /** The job's own folder (files uploaded with it), or null when it was sent without one. */
  folder: string | null;
  /** Records progress for whoever follows the job: stored at most twice a second, never inside the job's transaction. */
  progress(value: unknown): void;
  /** Aborted when the server stops: work that can stop midway stops, and the job runs again at the next start. */
  signal: AbortSignal;
}

export interface JobDefinition<D = unknown, R = unknown> {
  /** The pg-boss queue, e.g. `imports.cases`. */
  queue: string;
  /** Started by a user who follows it (a `background_jobs` row): true; internal work (fingerprints): false. */
  followed: boolean;
  run(job: JobRun<D>): Promise<R>;
  /** Jobs fetched per poll (default 1). Each is run and settled on its own. */
  batchSize?: number;
  /** Longest run before pg-boss counts the job as lost (default 12 hours). */
  expireInSeconds?: number;
  /**
   * Runs after a run that did not end (the server stopped or died mid-way; default 2). A job whose work is all or
   * nothing in one transaction (imports) or resumes where it stopped (screening) is safe to run again.
   */
  retryLimit?: number;
  /** `short`: at most one queued job per singleton key (a photo queued twice is fingerprinted once). */
  policy?: 'standard' | 'short';
}

export interface EnqueueOptions {
  /** The job's id (from `prepare`, whose folder then goes with the job). */
  id?: string;
  /** The user who starts a followed job: the only one who may read it. */
  userId?: string;
  subjectId?: string;
  /** What a followed job shows before it starts. */
  progress?: unknown;
  singletonKey?: string;
  /** Seconds to wait before the job may run. */
  startAfterSeconds?: number;
}

export interface JobStatus {
  id: string;
  queue: string;
  state: JobState;
  progress: unknown;
  result: unknown;
  error: { code: string; params: Record<string, string | number> } | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface JobQueue {
  /** Adds a kind of job; all are added before `start`. */
  define<D, R>(definition: JobDefinition<D, R>): void;
  /**
   * Connects to pg-boss, recovers jobs left running by a dead process and (unless `work: false`) starts the workers.
   * A process that only sends jobs need not call it: the first job sent connects.
   */
  start(): Promise<void>;
  /** Stops the workers: work that can stop stops, the rest is awaited; nothing is left running on the database. */
  stop(): Promise<void>;
  /** A new job id and its folder, to write uploads into before `enqueue` (remove it with `discard` if never sent). */
  prepare(): { id: string; folder: string };
  discard(id: string): void;
  enqueue<D>(queue: string, data: D, options?: EnqueueOptions): Promise<string | null>;
  /** The job as its starter sees it; undefined for anyone else, or no such job. */
  status(id: string, userId: string): Promise<JobStatus | undefined>;
  /** The newest job of this user about a subject (e.g. a screening batch). */
  statusBySubject(queue: string, subjectId: string, userId: string): Promise<JobStatus | undefined>;
}

export interface JobQueueOptions {
  /** Where the files sent with jobs are kept until the job ends (under the data folder: they must outlive a restart). */
  filesDir: string;
  /** false: this process only sends jobs (another process works them). Default true. */
  work?: boolean;
  /** How often an idle worker asks for work (default 2 s; a job sent by this process wakes it at once). */
  pollingIntervalSeconds?: number;
  onError?: (error: unknown, context: string) => void;
}

const DEFAULT_EXPIRE_SECONDS = 12 * 60 * 60;
const HEARTBEAT_MS = 30_000;
/** A running job whose heartbeat is older than this was left by a process that is gone. */
const ORPHAN_AFTER = '2 minutes';
const PROGRESS_EVERY_MS = 500;
/** Finished jobs are followed for a week; then their rows go. */
const KEEP_FINISHED = '7 days';

/**
 * How pg-boss reaches the database: through the installation's own connection (PGlite has only one; on a server the
 * pool is shared rather than pg-boss opening ten more connections).
 */
export function bossFor(database: Database, options: PgBoss.ConstructorOptions = {}): PgBoss {
  return new PgBoss({ db: { executeSql: database.executeSql }, schema: JOB_SCHEMA, schedule: false, ...options });
}

/** Creates (or upgrades) pg-boss's schema and the queues: part of every migration, so test templates carry them. */
export async function installJobQueues(database: Database, queues: ReadonlyArray<Pick<JobDefinition, 'queue' | 'policy'>>): Promise<void> {
  const boss = bossFor(database, { supervise: false, migrate: true });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    await createQueues(boss, queues);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
}

async function createQueues(boss: PgBoss, queues: ReadonlyArray<Pick<JobDefinition, 'queue' | 'policy'>>): Promise<void> {
  for (const { queue, policy } of queues) {
    if (!(await boss.getQueue(queue))) await boss.createQueue(queue, { name: queue, policy: policy ?? 'standard' });
  }
}

const errorOf = (error: unknown) => (error instanceof DomainError ? { code: error.code, params: error.params } : { code: 'jobs.failed', params: {} });

export function createJobQueue(database: Database, options: JobQueueOptions): JobQueue {
  const db: Db = database.db;
  const definitions = new Map<string, JobDefinition<any, any>>();
  const workers = new Map<string, string>();
  const running = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  let boss: PgBoss | undefined;
  const report = (error: unknown, context: string) => options.onError?.(error, context);
  const folderOf = (id: string) => path.join(options.filesDir, id);

  const setRow = (id: string, values: PgUpdateSetSource<typeof backgroundJobs>) =>
    db.update(backgroundJobs).set(values).where(eq(backgroundJobs.id, id));

  /** Progress writes: one at a time, the newest value wins; run in the job's own context, never a transaction's. */
  const progressWriter = (id: string, outside: <T>(fn: () => T) => T) => {
    let latest: { value: unknown } | undefined;
    let writing: Promise<void> | undefined;
    let last = 0;
    let timer: NodeJS.Timeout | undefined;
    const flush = (): Promise<void> => {
      if (writing || !latest) return writing ?? Promise.resolve();
      const { value } = latest;
      latest = undefined;
      last = Date.now();
      writing = outside(() => setRow(id, { progress: value, heartbeatAt: sql`now()` }))
        .then(
          () => undefined,
          (error: unknown) => report(error, 'job progress'),
        )
        .finally(() => {
          writing = undefined;
        });
      return writing;
    };
    return {
      push(value: unknown) {
        latest = { value };
        if (timer) return;
        const wait = Math.max(0, last + PROGRESS_EVERY_MS - Date.now());
        timer = outside(() =>
          setTimeout(() => {
            timer = undefined;
            void flush();
          }, wait),
        );
      },
      async done() {
        if (timer) clearTimeout(timer);
        timer = undefined;
        while (writing) await writing;
        await flush();
      },
    };
  };

  const runOne = async (definition: JobDefinition, job: PgBoss.Job<unknown>) => {
    const folder = fs.existsSync(folderOf(job.id)) ? folderOf(job.id) : null;
    if (definition.followed) {
      const [row] = await db.select({ state: backgroundJobs.state }).from(backgroundJobs).where(eq(backgroundJobs.id, job.id));
      // Finished already (the process stopped between recording the end and pg-boss's completion): never twice.
      if (!row || row.state === 'done' || row.state === 'failed') return;
      await setRow(job.id, { state: 'running', startedAt: sql`now()`, heartbeatAt: sql`now()` });
    }
    // Everything the job's own work starts from here runs in this context; progress is written through it so a write
    // made while the work's transaction is open does not count as a query inside that transaction (PGlite guard).
    const outside = AsyncResource.bind(<T>(fn: () => T): T => fn()) as <T>(fn: () => T) => T;
    const progress = definition.followed ? progressWriter(job.id, outside) : undefined;
    const heartbeat = definition.followed
      ? setInterval(() => {
          setRow(job.id, { heartbeatAt: sql`now()` }).catch((error: unknown) => report(error, 'job heartbeat'));
        }, HEARTBEAT_MS)
      : undefined;
    heartbeat?.unref();
    let outcome: { result: unknown } | { error: unknown };
    try {
      outcome = { result: await definition.run({ id: job.id, data: job.data, folder, progress: (v) => progress?.push(v), signal: stopping.signal }) };
    } catch (error) {
      outcome = { error };
    } finally {
      clearInterval(heartbeat);
      await progress?.done();
    }
    if ('error' in outcome && stopping.signal.aborted && !(outcome.error instanceof DomainError)) {
      // Stopped with the server: queued again, to run at the next start (pg-boss retries it).
      if (definition.followed) await setRow(job.id, { state: 'queued' });
      throw outcome.error;
    }
    if (definition.followed) {
      if ('result' in outcome) await setRow(job.id, { state: 'done', result: outcome.result ?? null, finishedAt: sql`now()` });
      else {
        const { code, params } = errorOf(outcome.error);
        await setRow(job.id, { state: 'failed', errorCode: code, errorParams: params, finishedAt: sql`now()` });
      }
    }
    if ('error' in outcome && !(outcome.error instanceof DomainError)) report(outcome.error, `job ${definition.queue}`);
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  };

  const recoverOrphans = async (b: PgBoss) => {
    const orphans = await db
      .select({ id: backgroundJobs.id, queue: backgroundJobs.queue })
      .from(backgroundJobs)
      .where(
        and(
          eq(backgroundJobs.state, 'running'),
          or(isNull(backgroundJobs.heartbeatAt), lt(backgroundJobs.heartbeatAt, sql`now() - ${ORPHAN_AFTER}::interval`)),
        ),
      );
    for (const orphan of orphans) {
      // pg-boss decides: run again (retries left) or give up.
      await b.fail(orphan.queue, orphan.id, { message: 'interrupted' });
      const job = await b.getJobById(orphan.queue, orphan.id);
      if (job && (job.state === 'retry' || job.state === 'created')) await setRow(orphan.id, { state: 'queued' });
      else await setRow(orphan.id, { state: 'failed', errorCode: 'jobs.interrupted', errorParams: {}, finishedAt: sql`now()` });
    }
    await db
      .delete(backgroundJobs)
      .where(
        and(
          or(eq(backgroundJobs.state, 'done'), eq(backgroundJobs.state, 'failed')),
          lt(backgroundJobs.finishedAt, sql`now() - ${KEEP_FINISHED}::interval`),
        ),
      );
  };

  let connecting: Promise<PgBoss> | undefined;
  /** pg-boss, started once: by `start`, or by the first job sent from a process that does not work the queue. */
  const connect = () => {
    connecting ??= (async () => {
      const b = bossFor(database, { supervise: true, migrate: true });
      b.on('error', (error) => report(error, 'pg-boss'));
      await b.start();
      await createQueues(b, [...definitions.values()]);
      boss = b;
      return b;
    })();
    return connecting;
  };

  let stopped: Promise<void> | undefined;
  const stopNow = async () => {
    if (connecting) await connecting.catch(() => undefined);
    const b = boss;
    if (!b) return;
    // No new work; work that can stop stops (and is queued again); the rest finishes before the database closes.
    for (const queue of workers.keys()) await b.offWork(queue);
    stopping.abort();
    while (running.size > 0) await Promise.allSettled([...running]);
    await b.stop({ graceful: true, close: false, timeout: 1000 });
    boss = undefined;
  };

  const toStatus = (row: typeof backgroundJobs.$inferSelect): JobStatus => ({
    id: row.id,
    queue: row.queue,
    state: row.state,
    progress: row.progress ?? null,
    result: row.result ?? null,
    error: row.errorCode ? { code: row.errorCode, params: row.errorParams ?? {} } : null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  });

  return {
    define(definition) {
      if (connecting) throw new Error(`job queue already started: define ${definition.queue} before start`);
      definitions.set(definition.queue, definition as JobDefinition<any, any>);
    },
    async start() {
      const b = await connect();
      if (options.work === false || workers.size > 0) return;
      await recoverOrphans(b);
      for (const definition of definitions.values()) {
        const id = await b.work(
          definition.queue,
          {
            batchSize: definition.batchSize ?? 1,
            pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
          },
          async (jobs) => {
            // Each job is settled on its own: a failure is recorded in the job's row, not thrown at its batch-mates.
            let interrupted: unknown;
            for (const job of jobs) {
              const work = runOne(definition, job).catch((error: unknown) => {
                interrupted ??= error;
              });
              running.add(work);
              await work;
              running.delete(work);
            }
            if (interrupted) throw interrupted;
          },
        );
        workers.set(definition.queue, id);
      }
    },
    stop() {
      stopped ??= stopNow();
      return stopped;
    },
    prepare() {
      const id = randomUUID();
      fs.mkdirSync(folderOf(id), { recursive: true });
      return { id, folder: folderOf(id) };
    },
    discard(id) {
      fs.rmSync(folderOf(id), { recursive: true, force: true });
    },
    async enqueue(queue, data, enqueueOptions = {}) {
      const definition = definitions.get(queue);
      if (!definition) throw new Error(`no such job queue: ${queue}`);
      if (stopped) throw new Error('job queue stopped');
      const b = await connect();
      const id = enqueueOptions.id ?? randomUUID();
      if (definition.followed) {
        if (!enqueueOptions.userId) throw new Error(`a ${queue} job needs the user who starts it`);
        await db.insert(backgroundJobs).values({
          id,
          queue,
          userId: enqueueOptions.userId,
          subjectId: enqueueOptions.subjectId ?? null,
          progress: enqueueOptions.progress ?? null,
        });
      }
      const sent = await b
        .send(queue, data as object, {
          id,
          singletonKey: enqueueOptions.singletonKey,
          startAfter: enqueueOptions.startAfterSeconds,
          expireInSeconds: definition.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
          retryLimit: definition.retryLimit ?? 2,
          retryDelay: 5,
        })
        .catch(async (error: unknown) => {
          if (definition.followed) await db.delete(backgroundJobs).where(eq(backgroundJobs.id, id));
          throw error;
        });
      const worker = workers.get(queue);
      if (sent && worker) b.notifyWorker(worker);
      return sent;
    },
    async status(id, userId) {
      const [row] = await db
        .select()
        .from(backgroundJobs)
        .where(and(eq(backgroundJobs.id, id), eq(backgroundJobs.userId, userId)));
      return row ? toStatus(row) : undefined;
    },
    async statusBySubject(queue, subjectId, userId) {
      const [row] = await db
        .select()
        .from(backgroundJobs)
        .where(and(eq(backgroundJobs.queue, queue), eq(backgroundJobs.subjectId, subjectId), eq(backgroundJobs.userId, userId)))
        .orderBy(desc(backgroundJobs.createdAt))
        .limit(1);
      return row ? toStatus(row) : undefined;
    },
  };
}
