import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Formats an ISO timestamp in the UI language, e.g. 2025/1/2 08:03:04 or 1/2/2025, 08:03:04. */
export function useFormatDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
    return (iso: string) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
  }, [i18n.language]);
}
