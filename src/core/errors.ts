/** What kind of failure, so the HTTP layer can choose a status without domain code knowing HTTP. */
export type ErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'locked' | 'rate_limited';

export interface FieldError {
  path: string;
  message: string;
}

export interface Message {
  zh: string;
  en: string;
}
export type MessageCatalogue = Record<string, Message>;

/** A failure a user can act on: a stable code, a kind, and (for validation) the fields at fault. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly fields?: FieldError[],
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export const notFound = (code = 'not_found') => new DomainError('not_found', code);
export const invalid = (fields: FieldError[]) => new DomainError('validation', 'validation_failed', fields);

export type Lang = 'zh' | 'en';

/** Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish. */
export function formatMessage(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
