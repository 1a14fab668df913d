import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorKind, type FieldError } from '../core/errors.ts';
import { type DatabaseFailure, databaseFailureOf } from '../db/errors.ts';
import { keywordMessage, languageOf, translate } from './messages.ts';

/** The one error shape every endpoint answers with. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[]; requestId: string };
}

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
};

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** JSON-pointer path of the field at fault: for a missing or unknown field, the field itself. */
function fieldPath(issue: AjvIssue, part: string | undefined): string {
  const base = issue.instancePath;
  const named = issue.params.missingProperty ?? issue.params.additionalProperty;
  const path = typeof named === 'string' ? `${base}/${named}` : base || '/';
  return part && part !== 'body' ? `${part}:${path}` : path;
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  params: Record<string, string | number> = {},
  fields?: FieldError[],
) {
  const lang = languageOf(request.headers['accept-language']);
  const body: ErrorBody = { error: { code, message: translate(code, lang, { ...params, requestId: request.id }), requestId: request.id } };
  if (fields) body.error.fields = fields.map((f) => ({ path: f.path, message: translate(f.message, lang) }));
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * The last resort for input that got past the schemas to the database: a data exception (22xxx: out of
 * range, malformed, a NUL byte) or a broken constraint is the caller's input, not a server fault. The
 * column (when PostgreSQL names it) becomes the field; values are never repeated.
 */
function databaseAnswer(failure: DatabaseFailure): [status: number, code: string, fields?: FieldError[], params?: Record<string, string>] | null {
  const columns = failure.keyColumns ?? (failure.column ? [failure.column] : []);
  const fields = (message: string) => (columns.length ? columns.map((c) => ({ path: `/${camel(c)}`, message })) : undefined);
  if (failure.code.startsWith('22')) return [400, 'db.invalid_value', fields('db.invalid_value_field')];
  switch (failure.code) {
    case '23502':
      return [400, 'db.missing_value', fields('db.missing_value_field')];
    case '23514':
      return [400, 'db.rule_broken', fields('db.invalid_value_field'), { rule: failure.constraint ?? '' }];
    case '23503':
      return failure.stillReferenced
        ? [409, 'db.still_referenced', fields('db.still_referenced_field')]
        : [400, 'db.reference_missing', fields('db.reference_missing_field')];
    case '23505':
      return [409, 'db.already_exists', fields('db.already_exists_field')];
    case '23P01':
      return [409, 'db.already_exists'];
    default:
      return null;
  }
}

/** Fastify's own 4xx errors (content length, bad headers, multipart parsing) in the error shape. */
function clientErrorStatus(error: FastifyError): number | null {
  const status = error.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validation?: AjvIssue[]; validationContext?: string }, request, reply) => {
    const lang = languageOf(request.headers['accept-language']);
    if (error instanceof DomainError) {
      return sendError(request, reply, STATUS[error.kind], error.code, error.params, error.fields);
    }
    if (error.validation) {
      const fields = error.validation.map((issue) => ({
        path: fieldPath(issue, error.validationContext),
        message: keywordMessage(issue.keyword, lang, issue.params, issue.message ?? issue.keyword),
      }));
      // Field messages are already localised here; send them as they are.
      const body: ErrorBody = { error: { code: 'validation_failed', message: translate('validation_failed', lang), fields, requestId: request.id } };
      return reply.status(400).send(body);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(request, reply, 400, 'invalid_json');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(request, reply, 413, 'payload_too_large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(request, reply, 415, 'unsupported_media_type');
    }
    if (error.statusCode === 429) {
      const seconds = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      return sendError(request, reply, 429, 'rate_limited', { seconds: typeof seconds === 'number' && seconds > 0 ? seconds : 60 });
    }
    if (error instanceof SyntaxError && error.statusCode === 400) return sendError(request, reply, 400, 'invalid_json');
    const failure = databaseFailureOf(error);
    const answer = failure && databaseAnswer(failure);
    if (answer) {
      // Input the schemas should have refused: worth a look, without the values.
      request.log.warn({ err: error }, 'database refused input');
      const [status, code, fields, params] = answer;
      return sendError(request, reply, status, code, params, fields);
    }
    const clientStatus = failure ? null : clientErrorStatus(error);
    if (clientStatus) {
      const code =
        ({ 404: 'not_found', 413: 'payload_too_large', 415: 'unsupported_media_type' } as Record<number, string>)[clientStatus] ?? 'bad_request';
      return sendError(request, reply, clientStatus, code);
    }
    // The logger's err serializer (loggableError) leaves out query parameters and quoted values.
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 500, 'internal_error');
  });
}
