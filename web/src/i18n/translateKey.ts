import i18n, { currentLanguage } from './index';

/**
 * Looks up a key built at run time (e.g. `errors.${code}`) in the current language.
 * Returns undefined when there is no such message (a missing key, or a key that names
 * a group of messages rather than one), so callers can fall back.
 */
export function translateKey(key: string, options?: Record<string, unknown>): string | undefined {
  if (typeof i18n.getResource(currentLanguage(), 'translation', key) !== 'string') return undefined;
  const t = i18n.t as unknown as (k: string, o?: Record<string, unknown>) => string;
  return t(key, options);
}
