// One worker thread of the query pool (pool.ts): reads query photos into fingerprints and verifies a shortlist
// geometrically, with the same functions the main thread would call. OpenCV (WASM) is loaded once per worker.
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../../core/errors.ts';
import { type Fingerprint, fingerprintImage } from './fingerprint.ts';
import { storeListingPhoto } from './listing-photos.ts';
import { opencv } from './opencv.ts';
import { type RankedMatch, type RankOptions, type Shortlist, type VerifiedCandidate, verifyClaimed, verifyShortlist } from './rank.ts';

export type WorkerRequest =
  | { id: number; op: 'fingerprint'; bytes: Uint8Array }
  | { id: number; op: 'verify'; query: Fingerprint; shortlist: Shortlist; options: Omit<RankOptions, 'accept' | 'onVerified' | 'timing' | 'verify'> }
  | {
      id: number;
      op: 'verifyPart';
      query: Fingerprint;
      shortlist: Shortlist;
      options: Omit<RankOptions, 'accept' | 'onVerified' | 'timing' | 'verify'>;
      control: Int32Array;
    }
  | { id: number; op: 'storePhoto'; dir: string; bytes: Uint8Array };
export type WorkerReply =
  | { id: number; ok: true; result: Fingerprint | RankedMatch[] | VerifiedCandidate[] | string }
  | {
      id: number;
      ok: false;
      domain?: { kind: DomainError['kind']; code: string; fields?: DomainError['fields']; params: DomainError['params'] };
      message?: string;
      stack?: string;
    };

function exclusive(view: ArrayBufferView): ArrayBuffer[] {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer ? [view.buffer] : [];
}

async function handle(
  message: WorkerRequest,
): Promise<{ result: Fingerprint | RankedMatch[] | VerifiedCandidate[] | string; transfer: ArrayBuffer[] }> {
  if (message.op === 'fingerprint') {
    const fp = await fingerprintImage(message.bytes, 'query');
    return { result: fp, transfer: [...exclusive(fp.features.points), ...exclusive(fp.features.descriptors), ...exclusive(fp.words)] };
  }
  if (message.op === 'storePhoto') return { result: await storeListingPhoto({ dir: message.dir }, message.bytes), transfer: [] };
  if (message.op === 'verifyPart')
    return { result: await verifyClaimed(message.query, message.shortlist, message.control, message.options), transfer: [] };
  return { result: await verifyShortlist(message.query, message.shortlist, message.options), transfer: [] };
}

const port = parentPort;
if (port) {
  void opencv();
  port.on('message', (message: WorkerRequest) => {
    handle(message).then(
      ({ result, transfer }) => port.postMessage({ id: message.id, ok: true, result } satisfies WorkerReply, transfer),
      (error: unknown) => {
        const reply: WorkerReply =
          error instanceof DomainError
            ? { id: message.id, ok: false, domain: { kind: error.kind, code: error.code, fields: error.fields, params: error.params } }
            : {
                id: message.id,
                ok: false,
                message: error instanceof Error ? error.message : String(error),
                stack: error instanceof Error ? error.stack : undefined,
              };
        port.postMessage(reply);
      },
    );
  });
}
