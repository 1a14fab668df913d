import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { DomainError } from '../../core/errors.ts';
import { makeWorkDir } from '../../core/temp.ts';

export interface ZipLimits {
  /** Total bytes all entries may expand to (declared and actually read). */
  maxTotalBytes: number;
  /** Bytes one entry may expand to. */
  maxEntryBytes: number;
  maxEntries: number;
  /**
   * Most the entries may declare in all, as a multiple of the zip's own size (photos barely compress,
   * tables 5–10×); a zip declaring more is refused before anything is written. Default 50.
   */
  maxRatio?: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 1024 ** 3, maxEntryBytes: 200 * 1024 ** 2, maxEntries: 50_000, maxRatio: 50 };
/** Below this a zip may expand by any ratio (a small, very regular table). */
const RATIO_FREE_BYTES = 64 * 1024 ** 2;

/** yauzl itself refuses absolute and "../" names before we see them. */
const yauzlError = (e: Error) =>
  /invalid relative path|absolute path|invalid characters/i.test(e.message)
    ? zipError('relics.zip_unsafe_path', { path: e.message.replace(/^.*?:\s*/, '').slice(0, 200) })
    : zipError('relics.zip_unreadable', { detail: e.message });

/** Sizes the central directory declares, read before extracting anything. */
async function declaredSizes(zipPath: string): Promise<{ entries: number; total: number; largest: number }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true, strictFileNames: false }, (err, z) =>
      err ? reject(zipError('relics.zip_unreadable', { detail: err.message })) : resolve(z),
    ),
  );
  let total = 0;
  let largest = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (e: Error) => {
      zip.close();
      reject(yauzlError(e));
    });
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!safeEntryName(entry.fileName)) {
        zip.close();
        return reject(zipError('relics.zip_unsafe_path', { path: entry.fileName.slice(0, 200) }));
      }
      total += entry.uncompressedSize;
      largest = Math.max(largest, entry.uncompressedSize);
      zip.readEntry();
    });
    zip.readEntry();
  });
  return { entries: zip.entryCount, total, largest };
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const zipError = (code: string, params: Record<string, string | number> = {}) => new DomainError('validation', code, undefined, params);

/** An entry name that stays inside the folder: relative, no "..", no drive letter, no NUL. */
export function safeEntryName(name: string): boolean {
  if (!name || name.includes('\0') || name.includes('\\') || name.startsWith('/') || /^[a-z]:/i.test(name)) return false;
  return !name.split('/').some((part) => part === '..');
}

/**
 * Expands a zip (an import table with its photos) into a new temporary folder, refusing path
 * traversal, too many entries and zip bombs: sizes are checked as declared and again as the bytes
 * actually come out (a lying header cannot get past). Returns the folder and the table's path.
 */
export async function extractImportZip(
  zipPath: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<{ dir: string; table: string; cleanup(): void }> {
  const { dir, tables, cleanup } = await extractZip(zipPath, limits);
  if (tables.length !== 1) {
    cleanup();
    throw zipError('relics.zip_no_table');
  }
  return { dir, table: tables[0]!, cleanup };
}

/**
 * The safe expansion itself (traversal, entry-count and zip-bomb checks), for any zip: also used by market
 * screening for a zip of listing images. `tables` are the CSV/XLSX files at the zip's top level; `files` counts the
 * files written (0 for an empty zip).
 */
export async function extractZip(
  zipPath: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<{ dir: string; tables: string[]; files: number; cleanup(): void }> {
  // The central directory first: a bomb is refused from its declared sizes before a byte is written.
  const declared = await declaredSizes(zipPath);
  if (declared.entries > limits.maxEntries) throw zipError('relics.zip_too_many_entries', { limit: limits.maxEntries });
  if (declared.largest > limits.maxEntryBytes) throw zipError('relics.zip_too_large', { limit: mb(limits.maxEntryBytes) });
  if (declared.total > limits.maxTotalBytes) throw zipError('relics.zip_too_large', { limit: mb(limits.maxTotalBytes) });
  const ratioLimit = Math.max(RATIO_FREE_BYTES, (limits.maxRatio ?? DEFAULT_ZIP_LIMITS.maxRatio!) * fs.statSync(zipPath).size);
  if (declared.total > ratioLimit) throw zipError('relics.zip_too_large', { limit: mb(Math.min(ratioLimit, limits.maxTotalBytes)) });
  const dir = makeWorkDir('zip-');
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(zipPath, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
        err ? reject(zipError('relics.zip_unreadable', { detail: err.message })) : resolve(z),
      ),
    );
    if (zip.entryCount > limits.maxEntries) {
      zip.close();
      throw zipError('relics.zip_too_many_entries', { limit: limits.maxEntries });
    }
    let total = 0;
    let files = 0;
    const tables: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const fail = (e: unknown) => {
        zip.close();
        reject(e);
      };
      zip.on('error', (e: Error) => fail(yauzlError(e)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (!safeEntryName(name)) return fail(zipError('relics.zip_unsafe_path', { path: name.slice(0, 200) }));
        if (name.endsWith('/')) return zip.readEntry();
        if (entry.uncompressedSize > limits.maxEntryBytes) return fail(zipError('relics.zip_too_large', { limit: mb(limits.maxEntryBytes) }));
        total += entry.uncompressedSize;
        if (total > limits.maxTotalBytes) return fail(zipError('relics.zip_too_large', { limit: mb(limits.maxTotalBytes) }));
        const target = path.join(dir, name);
        if (!target.startsWith(dir + path.sep)) return fail(zipError('relics.zip_unsafe_path', { path: name.slice(0, 200) }));
        if (!name.includes('/') && /\.(csv|xlsx)$/i.test(name)) tables.push(target);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        files++;
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return fail(zipError('relics.zip_unreadable', { detail: err?.message ?? 'stream' }));
          let read = 0;
          const counter = new Transform({
            transform(chunk: Buffer, _enc, done) {
              read += chunk.length;
              if (read > limits.maxEntryBytes || read > entry.uncompressedSize)
                return done(zipError('relics.zip_too_large', { limit: mb(limits.maxEntryBytes) }));
              done(null, chunk);
            },
          });
          pipeline(stream, counter, fs.createWriteStream(target, { flags: 'wx' }))
            .then(() => zip.readEntry())
            .catch((e: unknown) =>
              fail(e instanceof DomainError ? e : zipError('relics.zip_unreadable', { detail: e instanceof Error ? e.message : String(e) })),
            );
        });
      });
      zip.readEntry();
    });
    return { dir, tables, files, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
