// Putting the server's field messages (400 validation_failed) on antd form fields.
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import type { FieldError } from '../api/types';

/** "/title" → "title", "/campaignCodes/0" → "campaignCodes", "body.title" → "title". */
export function fieldNameOf(path: string): string {
  const parts = path
    .replace(/^[a-z]+:/, '')
    .split('/')
    .filter(Boolean);
  const first = parts[0] ?? '';
  return first.startsWith('body.') ? first.slice(5) : first;
}

/**
 * Shows each field error of `error` under the form field of that name (one of `fields`).
 * Returns the field errors that matched no field (to show above the form), or [] when none.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): FieldError[] {
  if (!(error instanceof ApiError) || error.fields.length === 0) return [];
  const byField = new Map<string, string[]>();
  const unmatched: FieldError[] = [];
  for (const f of error.fields) {
    const name = fieldNameOf(f.path);
    if (fields.includes(name)) byField.set(name, [...(byField.get(name) ?? []), f.message]);
    else unmatched.push(f);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unmatched;
}
