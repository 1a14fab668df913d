import { type SQL, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../../../db/client.ts';
import type { Actor } from '../../../audit/index.ts';
import type { Viewer } from '../../../org/index.ts';
import type { ZonedClock } from '../dates.ts';
import type { IssueSink, RowCheck } from '../rows.ts';
import type { ImportWarning } from '../types.ts';

export interface KindContext {
  db: Db;
  viewer: Viewer | undefined;
  actor: Actor;
  clock: ZonedClock;
  now: number;
  sink: IssueSink;
  defaultAgencyId: string | undefined;
}

/** Every record carries the row it came from, for errors found later in a batch. */
export interface RowRecord {
  row: number;
}

export interface KindHandler<R extends RowRecord = RowRecord> {
  /** Every column the kind reads; anything else in the header is reported and ignored. */
  columns: readonly string[];
  /** Columns the header must have (their cells are required, too). */
  required: readonly string[];
  /** Once, before the first row (e.g. loading a small vocabulary). */
  prepare(ctx: KindContext): Promise<void>;
  /**
   * A row's own checks, in file order, including repeats within the file. Returns the record even
   * when the row is bad (then fields that failed are missing), so the batch checks still see it.
   */
  checkRow(check: RowCheck): R;
  /** Set-based checks of a batch against the database, reported through ctx.sink; missing fields are skipped. */
  checkBatch(ctx: KindContext, rows: R[]): Promise<void>;
  /**
   * Last touches to rows that may be written (e.g. search terms): called for a batch whose rows all
   * passed `checkRow` while no row of the file is bad so far, before `checkBatch` (so it must not
   * depend on what `checkBatch` fills in).
   */
  prepareWrite?(rows: R[]): void;
  /** Warnings once every row has been read. */
  finish?(ctx: KindContext): ImportWarning[];
  /** The table a large import may write in bulk mode (indexes and foreign keys rebuilt once; see bulk.ts). */
  bulkTable?: string;
  /** Once bulk mode has started, before the first write (in the import's transaction); `rollupsDeferred` as the import runs. */
  startBulk?(tx: Tx, rollupsDeferred: boolean): Promise<void>;
  /** Writes one chunk (the JSON array of its records) inside the import's transaction. */
  write(tx: Tx, ctx: KindContext, json: string): Promise<void>;
  /**
   * On a PostgreSQL server, the rows written with COPY (see db/copy.ts) instead of `write`: the
   * same rows, column for column, as `write` would have written.
   */
  copy?: CopyWriter<R>;
}

export interface CopyWriter<R extends RowRecord> {
  table: string;
  columns: readonly string[];
  /**
   * The rows this path can take as lines of COPY text (see db/copy.ts), and those it cannot (written by `write`).
   * `now` is the transaction's now() as the server printed it, for columns `write` fills with now().
   */
  encode(ctx: KindContext, rows: R[], now: string): { data: Buffer; rest: R[] };
}

export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** A list as one parameter: `(select value from json_array_elements_text($1))`, the same on both drivers. */
export function jsonList(values: Iterable<string>): SQL {
  return sql`(select value from json_array_elements_text(${JSON.stringify([...new Set(values)])}::json))`;
}

export async function selectSet(db: Executor, query: SQL, column = 'v'): Promise<Set<string>> {
  return new Set(rowsOf<Record<string, string>>(await db.execute(query)).map((r) => r[column]!));
}

/** Jurisdictions seen so far: whether each exists, is within the importer's subtree, and its nearest police agency. */
export class JurisdictionLookup {
  private readonly known = new Map<string, { inScope: boolean; policeAgency: string | null } | null>();

  async load(ctx: KindContext, codes: Iterable<string>): Promise<void> {
    const missing = [...new Set(codes)].filter((c) => !this.known.has(c));
    if (!missing.length) return;
    const inScope = ctx.viewer
      ? sql`exists (select 1 from jurisdiction_ancestors a where a.ancestor_code = ${ctx.viewer.jurisdictionCode} and a.descendant_code = j.code)`
      : sql`true`;
    const rows = rowsOf<{ code: string; in_scope: boolean; police_agency: string | null }>(
      await ctx.db.execute(sql`
      select j.code, ${inScope} as in_scope,
        (select ag.id from jurisdiction_ancestors a join agencies ag on ag.jurisdiction_code = a.ancestor_code and ag.kind = 'public_security'
          where a.descendant_code = j.code order by a.depth, ag.created_at, ag.id limit 1) as police_agency
      from jurisdictions j where j.code in ${jsonList(missing)}`),
    );
    for (const code of missing) this.known.set(code, null);
    for (const r of rows) this.known.set(r.code, { inScope: r.in_scope, policeAgency: r.police_agency });
  }

  get(code: string) {
    return this.known.get(code);
  }
}

export const JURISDICTION_CODE = /^[0-9]{6}$/;

/** A jurisdiction cell: six digits (existence and scope are checked per batch). */
export function jurisdictionCell(check: RowCheck, column: string): string | undefined {
  const v = check.raw(column);
  if (v === '') return check.fail(column, v, 'import.required');
  if (!JURISDICTION_CODE.test(v)) return check.fail(column, v, 'import.invalid_jurisdiction');
  return v;
}

/** Reports unknown and out-of-scope jurisdictions of a batch. */
export async function checkJurisdictions<R extends RowRecord>(
  ctx: KindContext,
  lookup: JurisdictionLookup,
  rows: R[],
  codeOf: (r: R) => string | undefined,
  column: string,
): Promise<void> {
  const withCode = rows.filter((r) => codeOf(r) !== undefined);
  await lookup.load(
    ctx,
    withCode.map((r) => codeOf(r)!),
  );
  for (const r of withCode) {
    const code = codeOf(r)!;
    const found = lookup.get(code);
    if (!found) ctx.sink.add(r.row, column, code, 'import.unknown_jurisdiction');
    else if (!found.inScope) ctx.sink.add(r.row, column, code, 'import.jurisdiction_out_of_scope');
  }
}

/** The values of a field over the rows that have it. */
export function present<R, K extends keyof R>(rows: R[], key: K): Array<NonNullable<R[K]>> {
  const out: Array<NonNullable<R[K]>> = [];
  for (const r of rows) if (r[key] !== undefined && r[key] !== null) out.push(r[key] as NonNullable<R[K]>);
  return out;
}
