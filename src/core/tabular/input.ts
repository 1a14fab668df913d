import fs from 'node:fs';
import { Readable } from 'node:stream';
import { tabularError } from './messages.ts';

/** The file's bytes, given in memory or as a path, read as often as needed (detection, digest, rows). */
export interface Input {
  size: number;
  head(bytes: number): Promise<Uint8Array>;
  chunks(): AsyncGenerator<Uint8Array>;
  stream(): Readable;
}

const CHUNK = 1 << 20;

export function inputOf(bytes: Uint8Array | undefined, path: string | undefined): Input {
  if (bytes) {
    return {
      size: bytes.byteLength,
      head: async (n) => bytes.subarray(0, n),
      async *chunks() {
        for (let i = 0; i < bytes.byteLength; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
      },
      stream: () => Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
    };
  }
  if (!path) throw tabularError('import.no_input');
  const size = fs.statSync(path).size;
  return {
    size,
    async head(n) {
      const handle = await fs.promises.open(path, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(n, size));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    async *chunks() {
      for await (const chunk of fs.createReadStream(path, { highWaterMark: CHUNK })) yield chunk as Buffer;
    },
    stream: () => fs.createReadStream(path, { highWaterMark: CHUNK }),
  };
}
