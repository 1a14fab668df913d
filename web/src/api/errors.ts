// Turning any thrown value into a message for the user.
import { translateKey } from '../i18n/translateKey';
import { ApiError, CLIENT_ERROR } from './client';

/**
 * The message to show for an error: the i18n key `errors.<code>` when this build has one,
 * otherwise the server's own message (already localised by Accept-Language).
 */
export function errorMessage(error: unknown): string {
  // Every refusal reads the same, whichever module refused: what happened and what to do about it.
  if (isForbidden(error)) return translateKey('errors.forbidden') ?? (error as ApiError).message;
  if (error instanceof ApiError) {
    const params = { status: error.status };
    return translateKey(`errors.${error.code}`, params) ?? (error.message || translateKey(`errors.${CLIENT_ERROR.http}`, params) || error.code);
  }
  if (error instanceof Error && error.message) return error.message;
  return translateKey(`errors.${CLIENT_ERROR.http}`, { status: '?' }) ?? String(error);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The server refused the request for this user (403), not a stale CSRF token, which a reload fixes. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.code !== 'auth.csrf_invalid';
}
