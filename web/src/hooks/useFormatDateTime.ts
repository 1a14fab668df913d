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

/** Formats an ISO timestamp as a date only, e.g. 2025年1月2日 or Jan 2, 2025; null/empty → "—". */
export function useFormatDate(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
    return (iso: string | null | undefined) => {
      if (!iso) return '—';
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
  }, [i18n.language]);
}

/** Formats a decimal string as yuan (¥1,234.50); null → "—". */
export function useFormatAmount(): (amount: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'CNY' });
    return (amount: string | null | undefined) => {
      if (amount === null || amount === undefined || amount === '') return '—';
      const value = Number(amount);
      return Number.isFinite(value) ? format.format(value) : amount;
    };
  }, [i18n.language]);
}
