import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** A formatter built for the UI language, rebuilt only when the language changes. */
function useLanguageFormatter<F>(make: (language: string) => F): F {
  const { i18n } = useTranslation();
  return useMemo(() => make(i18n.language), [make, i18n.language]);
}

/** Formats an ISO timestamp, or gives it back unchanged when it is not a date. */
function formatIso(format: Intl.DateTimeFormat, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

const makeDateTime = (language: string) => {
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
  return (iso: string) => formatIso(format, iso);
};

const makeDate = (language: string) => {
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  return (iso: string | null | undefined) => (iso ? formatIso(format, iso) : '—');
};

const makeAmount = (language: string) => {
  const format = new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' });
  return (amount: string | null | undefined) => {
    if (amount === null || amount === undefined || amount === '') return '—';
    const value = Number(amount);
    return Number.isFinite(value) ? format.format(value) : amount;
  };
};

/** Formats an ISO timestamp in the UI language, e.g. 2025/1/2 08:03:04 or 1/2/2025, 08:03:04. */
export function useFormatDateTime(): (iso: string) => string {
  return useLanguageFormatter(makeDateTime);
}

/** Formats an ISO timestamp as a date only, e.g. 2025年1月2日 or Jan 2, 2025; null/empty → "—". */
export function useFormatDate(): (iso: string | null | undefined) => string {
  return useLanguageFormatter(makeDate);
}

/** Formats a decimal string as yuan (¥1,234.50); null → "—". */
export function useFormatAmount(): (amount: string | null | undefined) => string {
  return useLanguageFormatter(makeAmount);
}
