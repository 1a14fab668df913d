import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { holdPdfRenderer, PdfUnavailableError } from '../pdf/renderer.ts';
import { sendError } from './errors.ts';

/** Routes that print PDFs hold the process's renderer while the app runs: its browser closes with the last app. */
export function holdPdfRendererWhileOpen(app: FastifyInstance): void {
  const release = holdPdfRenderer();
  app.addHook('onClose', async () => release());
}

/**
 * Runs work that prints a PDF. When PDF export cannot be done now (Chromium missing or unable to
 * start, or too many PDFs waiting) the answer is 503 with Retry-After and a zh/en message, never 500.
 */
export async function withPdf<T>(request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof PdfUnavailableError)) throw error;
    if (error.code === 'pdf.chromium_missing') request.log.warn({ err: error.cause ?? error }, 'PDF export: Chromium is not available');
    reply.header('retry-after', String(error.retryAfterSeconds));
    return sendError(request, reply, 503, error.code, error.params);
  }
}

/** Whether the request's If-None-Match names this entity tag. */
export function matchesEtag(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
