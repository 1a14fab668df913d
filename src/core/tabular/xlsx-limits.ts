import yauzl from 'yauzl';

/**
 * What an XLSX may expand to, checked from its zip directory before exceljs reads a byte: exceljs keeps every
 * shared string (and, loading a whole workbook, every cell) in memory, so a small file of repeated strings (a
 * 1.2 MB "shared-strings bomb") cost 36 s and 500 MB before these limits.
 */
export const XLSX_LIMITS = {
  /** All parts together, uncompressed. */
  maxTotalBytes: 512 * 1024 ** 2,
  /** xl/sharedStrings.xml, uncompressed (held in memory whole). */
  maxSharedStringsBytes: 64 * 1024 ** 2,
  /** Uncompressed over compressed, for files past ratioFreeBytes (real workbooks compress 5–15×). */
  maxRatio: 40,
  ratioFreeBytes: 16 * 1024 ** 2,
};

export type XlsxVerdict = { ok: true } | { ok: false; reason: 'unreadable'; detail: string } | { ok: false; reason: 'too_large'; limitBytes: number };

/** Reads the XLSX's zip directory (declared sizes) and says whether it is within XLSX_LIMITS. */
export async function checkXlsxSizes(source: { bytes?: Uint8Array | undefined; path?: string | undefined }, size: number): Promise<XlsxVerdict> {
  const options = { lazyEntries: true, autoClose: true, strictFileNames: false };
  let total = 0;
  let sharedStrings = 0;
  try {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      const done = (err: Error | null, z: yauzl.ZipFile) => (err ? reject(err) : resolve(z));
      if (source.bytes) yauzl.fromBuffer(Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength), options, done);
      else yauzl.open(source.path!, options, done);
    });
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (e: Error) => {
        zip.close();
        reject(e);
      });
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        if (/(^|\/)sharedStrings\.xml$/i.test(entry.fileName)) sharedStrings += entry.uncompressedSize;
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  }
  if (sharedStrings > XLSX_LIMITS.maxSharedStringsBytes) return { ok: false, reason: 'too_large', limitBytes: XLSX_LIMITS.maxSharedStringsBytes };
  const limit = Math.min(XLSX_LIMITS.maxTotalBytes, Math.max(XLSX_LIMITS.ratioFreeBytes, XLSX_LIMITS.maxRatio * size));
  return total > limit ? { ok: false, reason: 'too_large', limitBytes: limit } : { ok: true };
}
