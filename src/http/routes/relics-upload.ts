import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../errors.ts';

export interface ReadParts { fields: Record<string, string>; file: Buffer | null; fileName: string | null }

const sizeText = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * Reads a multipart request of text fields and at most one file (field `file`, or `photo`), in any
 * order. Answers the request itself and returns null when the upload is refused (too large, not
 * multipart, too many parts); the caller then just returns.
 */
export async function readParts(request: FastifyRequest, reply: FastifyReply, maxFileBytes: number, tooLargeCode: string): Promise<ReadParts | null> {
  if (!request.isMultipart()) {
    await sendError(request, reply, 415, 'unsupported_media_type');
    return null;
  }
  const result: ReadParts = { fields: {}, file: null, fileName: null };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (result.file) {
          await sendError(request, reply, 400, 'import.one_file_only');
          return null;
        }
        if (buffer.byteLength > 0) {
          result.file = buffer;
          result.fileName = part.filename || null;
        }
      } else if (typeof part.value === 'string') {
        result.fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      await sendError(request, reply, 413, tooLargeCode, { limit: sizeText(maxFileBytes) });
      return null;
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      await sendError(request, reply, 400, 'import.one_file_only');
      return null;
    }
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      await sendError(request, reply, 415, 'unsupported_media_type');
      return null;
    }
    if (code?.startsWith('FST_')) {
      await sendError(request, reply, 400, 'validation_failed');
      return null;
    }
    throw error;
  }
  return result;
}
