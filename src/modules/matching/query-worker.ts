// One worker thread of the screening pool (pool.ts): reads query photos into fingerprints and ranks a shortlist by
// geometric verification, with the same functions the main thread would call. OpenCV (WASM) is loaded once per worker.
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../../core/errors.ts';
import type { Candidate, CandidateIndex } from './candidate-index.ts';
import type { LocalFeatures } from './features.ts';
import { fingerprintImage, type Fingerprint } from './fingerprint.ts';
import { opencv } from './opencv.ts';
import { storeListingPhoto } from './listing-photos.ts';
import { rankByFingerprint, type RankOptions, type RankedMatch } from './rank.ts';

export interface RankTask {
  query: Fingerprint;
  /** The stage-one candidates the main thread found with its index (already filtered), best first. */
  candidates: Candidate[];
  /** How many were asked for: fewer came back only when the index had no more. */
  asked: number;
  features: Array<[string, LocalFeatures]>;
  options: Omit<RankOptions, 'accept'>;
}

export type WorkerRequest =
  | { id: number; op: 'fingerprint'; bytes: Uint8Array }
  | { id: number; op: 'rank'; task: RankTask }
  | { id: number; op: 'storePhoto'; dir: string; bytes: Uint8Array };
export type WorkerReply =
  | { id: number; ok: true; result: Fingerprint | RankedMatch[] | string }
  | { id: number; ok: false; domain?: { kind: DomainError['kind']; code: string; fields?: DomainError['fields']; params: DomainError['params'] }; message?: string; stack?: string };

/** The shortlist as the main thread's index gave it; asking for more than it holds would silently change the result. */
function shortlistIndex(task: RankTask): CandidateIndex {
  return {
    search(_words: Uint32Array, top: number) {
      if (top > task.asked && task.candidates.length >= task.asked) throw new Error(`the ranking asked for ${top} candidates; the pool sent ${task.asked}`);
      return task.candidates.slice(0, top);
    },
  } as unknown as CandidateIndex;
}

function exclusive(view: ArrayBufferView): ArrayBuffer[] {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer ? [view.buffer] : [];
}

async function handle(message: WorkerRequest): Promise<{ result: Fingerprint | RankedMatch[] | string; transfer: ArrayBuffer[] }> {
  if (message.op === 'fingerprint') {
    const fp = await fingerprintImage(message.bytes, 'query');
    return { result: fp, transfer: [...exclusive(fp.features.points), ...exclusive(fp.features.descriptors), ...exclusive(fp.words)] };
  }
  if (message.op === 'storePhoto') return { result: await storeListingPhoto({ dir: message.dir }, message.bytes), transfer: [] };
  const { task } = message;
  const features = new Map(task.features);
  const loadFeatures = async (keys: string[]) => new Map(keys.flatMap((k) => (features.has(k) ? [[k, features.get(k)!] as const] : [])));
  return { result: await rankByFingerprint(task.query, shortlistIndex(task), loadFeatures, task.options), transfer: [] };
}

const port = parentPort;
if (port) {
  void opencv();
  port.on('message', (message: WorkerRequest) => {
    handle(message).then(
      ({ result, transfer }) => port.postMessage({ id: message.id, ok: true, result } satisfies WorkerReply, transfer),
      (error: unknown) => {
        const reply: WorkerReply = error instanceof DomainError
          ? { id: message.id, ok: false, domain: { kind: error.kind, code: error.code, fields: error.fields, params: error.params } }
          : { id: message.id, ok: false, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined };
        port.postMessage(reply);
      },
    );
  });
}
