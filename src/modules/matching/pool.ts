// A small pool of worker threads for the CPU-heavy steps of a photo query (decoding + ORB features, and the geometric
// verification of the shortlist), so that several listings of a screening batch are in flight at once. The candidate
// index and the database stay on the calling thread (PGlite lives in this process); only bytes and features cross.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import 'sharp'; // libvips must be loaded by the main thread before any worker loads it (sharp's worker-thread rule).
import { DomainError } from '../../core/errors.ts';
import type { PhotoStore } from '../relics/index.ts';
import type { Fingerprint } from './fingerprint.ts';
import type { WorkerReply, WorkerRequest } from './query-worker.ts';
import { assembleRanking, type RankedMatch, settledAt, type VerifiedCandidate, verificationControl, verificationPlan } from './rank.ts';
import type { QueryStages } from './service.ts';

export interface QueryPool extends QueryStages {
  readonly size: number;
  /** storeListingPhoto (listing-photos.ts) in a worker: decoding and re-encoding are CPU work too. */
  storePhoto(store: PhotoStore, bytes: Uint8Array): Promise<string>;
  /** Ends the workers (tasks under way are rejected). */
  close(): Promise<void>;
}

/** One worker per core by default. */
export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism());
}

const ENTRY = new URL('./query-worker-entry.mjs', import.meta.url);

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}
interface Slot {
  worker: Worker;
  busy: (Pending & { id: number }) | null;
}
type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
type Job = { request: Request; transfer: ArrayBuffer[]; pending: Pending };

function failure(reply: Extract<WorkerReply, { ok: false }>): Error {
  if (reply.domain) return new DomainError(reply.domain.kind, reply.domain.code, reply.domain.fields, reply.domain.params);
  const error = new Error(reply.message ?? 'worker failed');
  if (reply.stack) error.stack = reply.stack;
  return error;
}

/** `entry`: the worker script (tests replace it with one that crashes). */
export function createQueryPool(size = defaultPoolSize(), options: { entry?: URL } = {}): QueryPool {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.busy || queue.length === 0) continue;
      const job = queue.shift()!;
      const id = nextId++;
      slot.busy = { id, ...job.pending };
      // A busy worker keeps the process alive (a CLI may be waiting on nothing else); an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage({ ...job.request, id } as WorkerRequest, job.transfer);
    }
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(options.entry ?? ENTRY), busy: null };
    slot.worker.unref();
    slot.worker.on('message', (reply: WorkerReply) => {
      const pending = slot.busy;
      if (!pending || pending.id !== reply.id) return;
      slot.busy = null;
      slot.worker.unref();
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(failure(reply));
      dispatch();
    });
    const lost = (error: Error) => {
      const pending = slot.busy;
      slot.busy = null;
      pending?.reject(error);
      if (closed) return;
      // A worker that died (out of memory in WASM, a native crash) is replaced; the batch goes on.
      const i = slots.indexOf(slot);
      if (i >= 0) slots[i] = spawn();
      dispatch();
    };
    slot.worker.on('error', lost);
    slot.worker.on('exit', (code) => lost(new Error(`screening worker exited with code ${code}`)));
    return slot;
  };
  for (let i = 0; i < size; i++) slots.push(spawn());

  /** A task, and a way to take it back while it still waits in the queue (then it resolves with `fallback`). */
  const enqueue = <T>(request: Request, transfer: ArrayBuffer[] = []): { promise: Promise<T>; withdraw(fallback: T): boolean } => {
    let job: Job | undefined;
    const promise = closed
      ? Promise.reject(new Error('the screening pool is closed'))
      : new Promise<T>((resolve, reject) => {
          job = { request, transfer, pending: { resolve: resolve as (v: unknown) => void, reject } };
          queue.push(job);
          dispatch();
        });
    return {
      promise,
      withdraw(fallback) {
        const i = job ? queue.indexOf(job) : -1;
        if (i < 0) return false;
        queue.splice(i, 1);
        job!.pending.resolve(fallback);
        return true;
      },
    };
  };
  const run = <T>(request: Request, transfer: ArrayBuffer[] = []): Promise<T> => enqueue<T>(request, transfer).promise;

  return {
    size,
    fingerprint(bytes) {
      // A copy is transferred: the caller keeps its bytes (a Buffer may also share a pooled buffer).
      const own = new Uint8Array(bytes);
      return run<Fingerprint>({ op: 'fingerprint', bytes: own }, [own.buffer as ArrayBuffer]);
    },
    storePhoto(store, bytes) {
      const own = new Uint8Array(bytes);
      return run<string>({ op: 'storePhoto', dir: store.dir, bytes: own }, [own.buffer as ArrayBuffer]);
    },
    async verify(query, shortlist, options = {}) {
      // Functions cannot cross to a worker: the verification options are numbers only, and workers verify the method's
      // way (a reference verification of the harness runs on the calling thread).
      const { accept: _accept, onVerified: _onVerified, timing: _timing, verify, ...numbers } = options;
      if (verify) throw new Error('a query pool verifies with verifyPair only');
      const planned = verificationPlan(shortlist, numbers).length;
      const parts = Math.min(size, planned);
      if (parts <= 1) return run<RankedMatch[]>({ op: 'verify', query, shortlist, options: numbers });
      // One query's shortlist is shared by the workers: each claims the next candidate from a shared counter (a worker
      // busy with another task joins when it is free, or finds nothing left), and the ranking is assembled here
      // exactly as the sequential loop would give it (rank.ts, verifyClaimed).
      // A part still queued when another finds nothing left to claim is taken back, so a query never waits for a
      // worker that is busy with something else.
      const control = verificationControl(planned, true);
      const tasks = Array.from({ length: parts }, () =>
        enqueue<VerifiedCandidate[]>({ op: 'verifyPart', query, shortlist, options: numbers, control }),
      );
      const done = await Promise.all(
        tasks.map((task) =>
          task.promise.then((result) => {
            for (const other of tasks) other.withdraw([]);
            return result;
          }),
        ),
      );
      return assembleRanking(shortlist, done.flat(), settledAt(control), numbers);
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.pending.reject(new Error('the screening pool is closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** A pool started on first use and shared by its users (a server's screening jobs and its searches by photo). */
export interface LazyQueryPool {
  /** The pool, or undefined when configured with 0 workers (everything on the calling thread). */
  get(): QueryPool | undefined;
  close(): Promise<void>;
}

/** `size`: worker threads (default one per core); 0 means no pool. */
export function lazyQueryPool(size?: number): LazyQueryPool {
  let pool: QueryPool | undefined;
  let closed = false;
  return {
    get() {
      if (size === 0 || closed) return undefined;
      pool ??= createQueryPool(size);
      return pool;
    },
    async close() {
      closed = true;
      await pool?.close();
    },
  };
}
