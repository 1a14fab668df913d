import type { FastifyReply, FastifyRequest } from 'fastify';
import { readUpload } from '../multipart.ts';

export interface ReadParts {
  fields: Record<string, string>;
  file: Buffer | null;
  fileName: string | null;
}

/**
 * Reads a multipart request of text fields and at most one file (field `file`, or `photo`), in any
 * order, kept in memory. Answers the request itself and returns null when the upload is refused (too
 * large, not multipart, too many parts, malformed); the caller then just returns.
 */
export async function readParts(request: FastifyRequest, reply: FastifyReply, maxFileBytes: number, tooLargeCode: string): Promise<ReadParts | null> {
  const upload = await readUpload(request, reply, {
    maxFileBytes,
    tooLargeCode,
    unexpectedCode: 'import.one_file_only',
    notMultipartCode: 'unsupported_media_type',
  });
  if (!upload) return null;
  const file = upload.files[0];
  return { fields: upload.fields, file: file?.buffer ?? null, fileName: file?.fileName || null };
}
