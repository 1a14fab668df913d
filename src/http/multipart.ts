import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../core/errors.ts';
import { sendError } from './errors.ts';

/** One uploaded file: in memory (photos) or written under the caller's folder (tables, zips). */
export interface UploadedFile {
  field: string;
  /** The name the client gave, without folders, at most 255 characters ('' when none). */
  fileName: string;
  buffer?: Buffer;
  path?: string;
}

export interface Upload {
  /** Text fields by name (the last one wins). */
  fields: Record<string, string>;
  /** Files in the order sent; empty files kept in memory are left out. */
  files: UploadedFile[];
}

export interface UploadSpec {
  /** Which file fields are taken (default: any). */
  fileFields?: readonly string[];
  /** Most files taken (default 1); one more is `tooManyCode`. */
  maxFiles?: number;
  /** Largest file, as the multipart plugin's limit says it (for the message). */
  maxFileBytes: number;
  /** Code of 413 answers (param `limit`). */
  tooLargeCode: string;
  /** Code of a file in an unexpected field, a second file, or too many parts or fields. */
  unexpectedCode: string;
  /** Code of a 415 answer to a request that is not multipart. */
  notMultipartCode: string;
  /** Write files here (each as `target(field, fileName)`); without it files are kept in memory. */
  dir?: string;
  target?: (field: string, fileName: string) => string;
  /** Answer for an unexpected file in a field outside fileFields (default unexpectedCode). */
  unexpectedFieldCode?: string;
  /** Limits of this request, over the plugin's. */
  limits?: { fileSize?: number };
}

const sizeText = (bytes: number) => (bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MiB` : `${Math.round(bytes / 1024)} KiB`);

/** Errors from the disk (full, no permission, too many files open) are the server's, not the upload's. */
const SYSTEM_ERROR = /^E[A-Z]+$/;

class Refusal {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly fields?: FieldError[],
  ) {}
}

/**
 * Reads a multipart upload, the one loop every upload route uses. Whatever the client sends, the
 * answer is the file(s) and text fields, or null once a 4xx in the error shape has been sent (the
 * caller then returns the reply): not multipart → 415; a file over the limit → 413; a file in the wrong field,
 * one file too many, too many parts → 400 `unexpectedCode`; a text field with a NUL byte → 400 with the
 * field; malformed multipart (no boundary, bad part headers, a body that ends early) → 400
 * `multipart_malformed`. Only failures of our own disk are thrown (a 500).
 */
export async function readUpload(request: FastifyRequest, reply: FastifyReply, spec: UploadSpec): Promise<Upload | null> {
  if (!request.isMultipart()) {
    await sendError(request, reply, 415, spec.notMultipartCode);
    return null;
  }
  const upload: Upload = { fields: {}, files: [] };
  const maxFiles = spec.maxFiles ?? 1;
  try {
    for await (const part of request.parts(spec.limits ? { limits: spec.limits } : undefined)) {
      if (part.type !== 'file') {
        if (typeof part.value !== 'string') continue;
        if (part.value.includes('\u0000') || part.fieldname.includes('\u0000')) {
          throw new Refusal(400, 'validation_failed', {}, [{ path: `/${part.fieldname.replace(/\u0000/g, '\\u0000')}`, message: 'validation.nul' }]);
        }
        upload.fields[part.fieldname] = part.value;
        continue;
      }
      const fileName = path
        .basename((part.filename || '').replace(/\\/g, '/'))
        .replace(/\u0000/g, '')
        .slice(0, 255);
      const wrongField = spec.fileFields !== undefined && !spec.fileFields.includes(part.fieldname);
      const repeated = upload.files.some((f) => f.field === part.fieldname);
      if (wrongField || repeated || upload.files.length >= maxFiles) {
        part.file.resume();
        throw new Refusal(400, wrongField ? (spec.unexpectedFieldCode ?? spec.unexpectedCode) : spec.unexpectedCode);
      }
      if (spec.dir) {
        const file = path.join(spec.dir, spec.target ? spec.target(part.fieldname, fileName) : `upload-${upload.files.length}`);
        await pipeline(part.file, fs.createWriteStream(file));
        upload.files.push({ field: part.fieldname, fileName, path: file });
      } else {
        const buffer = await part.toBuffer();
        if (buffer.byteLength > 0) upload.files.push({ field: part.fieldname, fileName, buffer });
      }
    }
  } catch (error) {
    const refusal = error instanceof Refusal ? error : refusalOf(error, spec);
    if (!refusal) throw error;
    await sendError(request, reply, refusal.status, refusal.code, refusal.params, refusal.fields);
    return null;
  }
  return upload;
}

function refusalOf(error: unknown, spec: UploadSpec): Refusal | null {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new Refusal(413, spec.tooLargeCode, { limit: sizeText(spec.limits?.fileSize ?? spec.maxFileBytes) });
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new Refusal(400, spec.unexpectedCode);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new Refusal(415, spec.notMultipartCode);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Refusal(413, spec.tooLargeCode, { limit: sizeText(spec.limits?.fileSize ?? spec.maxFileBytes) });
  }
  // Our disk failing is a server fault; anything else here is the upload's bytes (busboy's errors carry no code).
  if (typeof code === 'string' && SYSTEM_ERROR.test(code) && code !== 'ECONNRESET') return null;
  return new Refusal(400, 'multipart_malformed');
}
