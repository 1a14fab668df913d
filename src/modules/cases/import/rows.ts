import type { Lang } from '../../../core/errors.ts';
import { parseIsoDate, type ZonedClock } from './dates.ts';
import { importMessage } from './messages.ts';
import type { ImportIssue, ImportWarning } from './types.ts';

const MAX_VALUE_SHOWN = 200;

/**
 * A copy of a string that does not keep its source alive. Cells are slices of the decoded chunk
 * they came from; one kept in a long-lived map (a case number seen, a value in an error) would
 * otherwise keep the whole megabyte chunk, and so the whole file, in memory.
 */
export const own = (s: string): string => ` ${s}`.slice(1);

export function warningOf(code: string, params: Record<string, string | number> = {}): ImportWarning {
  const warning: ImportWarning = { code, reasonZh: importMessage(code, 'zh', params), reasonEn: importMessage(code, 'en', params) };
  if (Object.keys(params).length) warning.params = params;
  return warning;
}

export function issueText(issue: Pick<ImportIssue, 'reasonZh' | 'reasonEn'>, lang: Lang): string {
  return lang === 'en' ? issue.reasonEn : issue.reasonZh;
}

/** Collects every bad cell; keeps the first `max` in full and counts the rest. */
export class IssueSink {
  readonly issues: ImportIssue[] = [];
  count = 0;
  private readonly badRows = new Set<number>();

  constructor(private readonly max: number) {}

  add(row: number, column: string | null, value: string | null, code: string, params: Record<string, string | number> = {}): void {
    this.count++;
    this.badRows.add(row);
    if (this.issues.length >= this.max) return;
    const shown = value === null ? null : value.length > MAX_VALUE_SHOWN ? `${value.slice(0, MAX_VALUE_SHOWN)}…` : own(value);
    const issue: ImportIssue = {
      row,
      column,
      value: shown,
      code,
      reasonZh: importMessage(code, 'zh', params),
      reasonEn: importMessage(code, 'en', params),
    };
    if (Object.keys(params).length) issue.params = params;
    this.issues.push(issue);
  }

  get rowsWithErrors(): number {
    return this.badRows.size;
  }

  /** In file order (batch checks against the database add theirs later than the row's own). */
  sorted(): ImportIssue[] {
    return [...this.issues].sort((a, b) => a.row - b.row);
  }
}

/** The columns of one file: which header position holds which known column. */
export class Header {
  readonly index = new Map<string, number>();
  constructor(readonly names: string[]) {
    names.forEach((name, i) => {
      if (!this.index.has(name)) this.index.set(name, i);
    });
  }
}

// Control characters other than tab, line feed and carriage return have no business in a cell.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;

const FORMULA_START = /^'[=+\-@\t\r]/;

/** Reading and checking the cells of one row; every problem goes to the sink, `ok` says whether any did. */
export class RowCheck {
  ok = true;

  constructor(
    private readonly sink: IssueSink,
    readonly row: number,
    private readonly values: string[],
    private readonly header: Header,
    private readonly clock: ZonedClock,
    private readonly now: number,
  ) {}

  raw(column: string): string {
    const i = this.header.index.get(column);
    if (i === undefined) return '';
    const v = this.values[i];
    if (v === undefined) return '';
    const t = v.trim();
    // '=…, '+…, '-…, '@…: an export's guard against spreadsheet formulas; the text is what follows.
    return t.charCodeAt(0) === 39 && FORMULA_START.test(t) ? t.slice(1) : t;
  }

  fail(column: string | null, value: string | null, code: string, params: Record<string, string | number> = {}): undefined {
    this.ok = false;
    this.sink.add(this.row, column, value, code, params);
    return undefined;
  }

  /** Text, or null when empty; undefined after reporting a problem. */
  text(column: string, options: { required?: boolean; max: number; noSpaces?: boolean }): string | null | undefined {
    const v = this.raw(column);
    if (v === '') return options.required ? this.fail(column, v, 'import.required') : null;
    if (v.length > options.max) return this.fail(column, v, 'import.too_long', { max: options.max });
    if (options.noSpaces ? SPACE_OR_CONTROL.test(v) : CONTROL.test(v)) {
      return this.fail(column, v, options.noSpaces ? 'import.invalid_case_no' : 'import.control_characters');
    }
    return v;
  }

  oneOf<T extends string>(column: string, allowed: readonly T[], options: { required?: boolean; fallback?: T } = {}): T | null | undefined {
    const v = this.raw(column);
    if (v === '') {
      if (options.fallback !== undefined) return options.fallback;
      return options.required ? this.fail(column, v, 'import.required') : null;
    }
    if (!(allowed as readonly string[]).includes(v)) return this.fail(column, v, 'import.not_in_list', { allowed: allowed.join(', ') });
    return v as T;
  }

  /** An instant in ms, null when empty, undefined after reporting a problem (bad form or in the future). */
  date(column: string, options: { required?: boolean } = {}): number | null | undefined {
    const v = this.raw(column);
    if (v === '') return options.required ? this.fail(column, v, 'import.required') : null;
    const at = parseIsoDate(v, this.clock);
    if (at === undefined) return this.fail(column, v, 'import.invalid_date');
    if (at > this.now) return this.fail(column, v, 'import.date_in_future');
    return at;
  }

  /** `later` must not be before `earlier` (both present); reports on the later column. */
  notBefore(later: string, laterAt: number | null | undefined, earlier: string, earlierAt: number | null | undefined): void {
    if (laterAt == null || earlierAt == null) return;
    if (laterAt < earlierAt) this.fail(later, this.raw(later), 'import.date_before', { other: earlier, otherValue: this.raw(earlier) });
  }

  requires(column: string, at: number | null | undefined, other: string, otherAt: number | null | undefined): void {
    if (at != null && otherAt === null) this.fail(column, this.raw(column), 'import.date_requires', { other });
  }
}
