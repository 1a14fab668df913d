// A clock difference between a browser and the server should not make "now" look like the future.
export const CLOCK_SKEW_MS = 5 * 60_000;

export const isInFuture = (date: Date): boolean => date.getTime() > Date.now() + CLOCK_SKEW_MS;

/** The field error for a date that has not happened yet, or nothing. */
export function futureDateProblem(date: Date | null | undefined, path: string) {
  return date && isInFuture(date) ? { path, message: 'cases.date_in_future' } : undefined;
}
