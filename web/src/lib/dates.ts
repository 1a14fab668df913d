// Date helpers for antd pickers (dayjs) and the server's ISO timestamps.
import dayjs, { type Dayjs } from 'dayjs';

/** ISO 8601 timestamp (UTC) of a picker value, or undefined when empty. */
export function toIso(value: Dayjs | null | undefined): string | undefined {
  return value ? value.toISOString() : undefined;
}

/** A picker value from an ISO timestamp (undefined when null/empty/invalid). */
export function fromIso(iso: string | null | undefined): Dayjs | undefined {
  if (!iso) return undefined;
  const value = dayjs(iso);
  return value.isValid() ? value : undefined;
}

/** YYYY-MM-DD of a picker value (the list filters' format). */
export function toDay(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

/** A picker value from YYYY-MM-DD (undefined when empty or malformed). */
export function fromDay(day: string | null | undefined): Dayjs | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const value = dayjs(day, 'YYYY-MM-DD');
  return value.isValid() ? value : undefined;
}

/** For `disabledDate`: days after today cannot be picked. */
export function isFutureDay(value: Dayjs): boolean {
  return value.isAfter(dayjs().endOf('day'));
}

/** Picker format with time. */
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';
