import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Validated chunks (JSON text, one per write statement) waiting for the write phase: kept in
 * memory up to a limit, then in a temporary file, so a million-row import never holds the whole
 * file as objects.
 */
export class Spool {
  private readonly memory: string[] = [];
  /** Rows in each chunk, in order (memory first, then the file). */
  private readonly counts: number[] = [];
  private memoryBytes = 0;
  private dir: string | null = null;
  private file: fs.WriteStream | null = null;
  private spilled = 0;

  constructor(private readonly memoryLimit = 64 * 1024 * 1024) {}

  get chunks(): number {
    return this.memory.length + this.spilled;
  }

  async add(json: string, rows: number): Promise<void> {
    this.counts.push(rows);
    if (!this.file && this.memoryBytes + json.length <= this.memoryLimit) {
      this.memory.push(json);
      this.memoryBytes += json.length;
      return;
    }
    if (!this.file) {
      this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianfang-import-'));
      this.file = fs.createWriteStream(path.join(this.dir, 'chunks.jsonl'));
    }
    // JSON text has no raw line breaks, so one chunk is one line.
    if (!this.file.write(`${json}\n`)) await new Promise<void>((resolve) => this.file!.once('drain', () => resolve()));
    this.spilled++;
  }

  async *read(): AsyncGenerator<{ json: string; rows: number }> {
    let i = 0;
    for (const json of this.memory) yield { json, rows: this.counts[i++]! };
    if (!this.file || !this.dir) return;
    await new Promise<void>((resolve, reject) => this.file!.end((error?: Error | null) => (error ? reject(error) : resolve())));
    // Lines are megabytes long: split on the byte, decode each line once.
    let pending: Buffer[] = [];
    for await (const data of fs.createReadStream(path.join(this.dir, 'chunks.jsonl'), { highWaterMark: 1 << 22 })) {
      let chunk = data as Buffer;
      for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10)) {
        pending.push(chunk.subarray(0, nl));
        const line = Buffer.concat(pending).toString('utf8');
        pending = [];
        chunk = chunk.subarray(nl + 1);
        if (line) yield { json: line, rows: this.counts[i++]! };
      }
      if (chunk.length) pending.push(chunk);
    }
  }

  /** Drops everything (a bad file writes nothing, so its chunks are not needed). */
  discard(): void {
    this.memory.length = 0;
    this.counts.length = 0;
    this.memoryBytes = 0;
    this.close();
  }

  close(): void {
    this.file?.destroy();
    this.file = null;
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.spilled = 0;
  }
}
