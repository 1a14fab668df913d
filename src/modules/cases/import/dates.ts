/**
 * ISO 8601 dates and times for imports: `2020-06-03`, `2020-06-03T14:00`, `2020-06-03 14:00:05`,
 * `2020-06-03T14:00:05.250`, or any of those with `Z` / `+08:00` / `+0800` / `+08`. A value
 * without an offset is wall-clock time in the import's zone (Asia/Shanghai unless told), converted
 * with Intl, so daylight-saving zones work too; a date alone is midnight of that day.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const DAY_MS = 86_400_000;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1]!;
}

/** Converts wall-clock times of one zone to instants; remembers each day's offset, so a million rows cost a few thousand Intl calls. */
export class ZonedClock {
  private readonly format: Intl.DateTimeFormat;
  /** Local day (yyyymmdd) → offset in ms when the whole day has one offset; NaN on a day the offset changes. */
  private readonly dayOffsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Offset of the zone from UTC at an instant, in ms (Shanghai: +8 h). */
  offsetAt(instant: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return wall - (instant - (((instant % 1000) + 1000) % 1000));
  }

  /** The instant at which the zone's clocks showed this wall-clock time (`wall` = that time read as UTC). */
  toInstant(wall: number, dayKey: number): number {
    let offset = this.dayOffsets.get(dayKey);
    if (offset === undefined) {
      const dayStart = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
      // Offsets 14 h either side of the local day cover every zone; equal offsets mean no change that day.
      const before = this.offsetAt(dayStart - 14 * 3_600_000);
      const after = this.offsetAt(dayStart + DAY_MS + 14 * 3_600_000);
      offset = before === after ? before : Number.NaN;
      this.dayOffsets.set(dayKey, offset);
    }
    if (!Number.isNaN(offset)) return wall - offset;
    // The day a zone changes its clocks: resolve this one time exactly.
    const first = this.offsetAt(wall - this.offsetAt(wall));
    const guess = wall - first;
    const second = this.offsetAt(guess);
    return second === first ? guess : wall - second;
  }
}

/**
 * Parses an ISO 8601 date or date-time; returns the instant in ms, or undefined when the text is
 * not a valid date (wrong form, or a day or time that does not exist).
 */
export function parseIsoDate(text: string, clock: ZonedClock): number | undefined {
  const fast = parseCommon(text, clock);
  if (fast !== null) return fast;
  const m = ISO.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const zone = m[8];
  if (zone === undefined) return clock.toInstant(wall, year * 10_000 + month * 100 + day);
  if (zone === 'Z' || zone === 'z') return wall;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offHours = Number(digits.slice(0, 2));
  const offMinutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (offHours > 18 || offMinutes > 59) return undefined;
  return wall - sign * (offHours * 60 + offMinutes) * 60_000;
}

const digit = (text: string, i: number) => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
};

/**
 * `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM` (or with a space), the forms most files use, read without a
 * regular expression; null for anything else (the general parser decides), undefined when invalid.
 */
function parseCommon(text: string, clock: ZonedClock): number | undefined | null {
  const n = text.length;
  if ((n !== 10 && n !== 16) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  let hour = 0;
  let minute = 0;
  if (n === 16) {
    const sep = text.charCodeAt(10);
    if ((sep !== 84 && sep !== 32) || text.charCodeAt(13) !== 58) return null;
    hour = digit(text, 11) * 10 + digit(text, 12);
    minute = digit(text, 14) * 10 + digit(text, 15);
    if (hour < 0 || minute < 0) return null;
    if (hour > 23 || minute > 59) return undefined;
  }
  if (year < 0 || month < 0 || day < 0) return null;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return clock.toInstant(Date.UTC(year, month - 1, day, hour, minute), year * 10_000 + month * 100 + day);
}

/** `2020-06-03T14:00:00+08:00`: an instant as the zone's wall-clock time with its offset (what exports write). */
export function formatZoned(instant: number, clock: ZonedClock): string {
  const offset = clock.offsetAt(instant);
  const wall = new Date(instant + offset);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const abs = Math.round(Math.abs(offset) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
