import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { pdfRenderer } from '../../pdf/renderer.ts';
import { certificateHtml, getCertificate } from './certificates.ts';
import { relicCertificatePdfs, relicCertificates } from './schema.ts';

export interface CertificatePdf {
  code: string;
  lang: 'zh' | 'en';
  pdf: Buffer;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
}

const asBuffer = (bytes: Uint8Array) => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

async function storedPdf(db: Db, code: string, lang: 'zh' | 'en'): Promise<CertificatePdf | null> {
  const [row] = await db
    .select({ pdf: relicCertificatePdfs.pdf, sha256: relicCertificatePdfs.sha256 })
    .from(relicCertificatePdfs)
    .innerJoin(relicCertificates, eq(relicCertificates.id, relicCertificatePdfs.certificateId))
    .where(and(eq(relicCertificates.code, code), eq(relicCertificatePdfs.lang, lang)))
    .limit(1);
  return row ? { code, lang, pdf: asBuffer(row.pdf), sha256: row.sha256 } : null;
}

/** Renders in progress in this process, by code and language: concurrent requests share one. */
const printing = new Map<string, Promise<CertificatePdf>>();

/**
 * The certificate as PDF, in its own language unless another is asked for. A certificate never
 * changes, so it is printed once (one render for any number of concurrent requests in a process)
 * and kept in the database, from where every server process serves it after. Printing goes through
 * the shared renderer: PdfUnavailableError when Chromium is missing or too many PDFs are waiting.
 */
export async function certificatePdf(db: Db, code: string, lang?: 'zh' | 'en'): Promise<CertificatePdf> {
  const cert = await getCertificate(db, code);
  const language = lang ?? cert.lang;
  const stored = await storedPdf(db, cert.code, language);
  if (stored) return stored;
  const key = `${cert.code}:${language}`;
  const pending = printing.get(key);
  if (pending) return pending;
  const work = (async () => {
    const pdf = await pdfRenderer().render(certificateHtml(cert, language), { margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    // Another process may have stored its print first (different bytes: the PDF holds its creation
    // time); the first one stored is the one everybody gets.
    await db
      .insert(relicCertificatePdfs)
      .values({
        certificateId:
          sql`(select ${relicCertificates.id} from ${relicCertificates} where ${relicCertificates.code} = ${cert.code})` as unknown as string,
        lang: language,
        pdf,
        sha256,
      })
      .onConflictDoNothing();
    return (await storedPdf(db, cert.code, language)) ?? { code: cert.code, lang: language, pdf, sha256 };
  })();
  printing.set(key, work);
  try {
    return await work;
  } finally {
    printing.delete(key);
  }
}
