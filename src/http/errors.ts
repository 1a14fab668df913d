import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorKind, type FieldError } from '../core/errors.ts';
import { keywordMessage, languageOf, translate } from './messages.ts';

/** The one error shape every endpoint answers with. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[]; requestId: string };
}

const STATUS: Record<ErrorKind, number> = {
  validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, locked: 423, rate_limited: 429,
};

interface AjvIssue { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string }

/** JSON-pointer path of the field at fault: for a missing or unknown field, the field itself. */
function fieldPath(issue: AjvIssue, part: string | undefined): string {
  const base = issue.instancePath;
  const named = issue.params.missingProperty ?? issue.params.additionalProperty;
  const path = typeof named === 'string' ? `${base}/${named}` : base || '/';
  return part && part !== 'body' ? `${part}:${path}` : path;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, params: Record<string, string | number> = {}, fields?: FieldError[]) {
  const lang = languageOf(request.headers['accept-language']);
  const body: ErrorBody = { error: { code, message: translate(code, lang, { ...params, requestId: request.id }), requestId: request.id } };
  if (fields) body.error.fields = fields.map((f) => ({ path: f.path, message: translate(f.message, lang) }));
  return reply.status(status).type('application/json; charset=utf-8').send(body);
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
    if (error.statusCode === 429) return sendError(request, reply, 429, 'rate_limited', { after: String((error as { after?: string }).after ?? '') });
    if (error instanceof SyntaxError && error.statusCode === 400) return sendError(request, reply, 400, 'invalid_json');
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 500, 'internal_error');
  });
}
