/**
 * Database errors as the rest of the server may see them: the SQLSTATE and where it happened, never
 * the values. Both drivers put the query's parameters on their errors (drizzle's DrizzleQueryError in
 * its message and `.params`, PGlite's error in `.params`) and PostgreSQL quotes the offending value in
 * some messages and in `detail` — names, ID numbers and phones must not reach the log that way.
 */

/** What PostgreSQL said, without values. */
export interface DatabaseFailure {
  /** SQLSTATE, e.g. 22003, 23505. */
  code: string;
  /** The statement text (placeholders, no values), when known. */
  sql?: string;
  table?: string;
  column?: string;
  constraint?: string;
  /** Columns named in a unique or foreign-key violation's detail ("Key (a, b)=(…)"), values left out. */
  keyColumns?: string[];
  /** A foreign-key violation because the row is still referenced (a delete), not because the target is missing. */
  stillReferenced?: boolean;
  /** PostgreSQL's message with every quoted value replaced by "…". */
  message: string;
}

interface PgLike {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  detail?: unknown;
  routine?: unknown;
  query?: unknown;
  cause?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** "invalid input syntax for type uuid: "x"" → "invalid input syntax for type uuid: "…"". */
export function withoutValues(message: string): string {
  return message.replace(/"(?:[^"]|"")*"/g, '"…"').replace(/=\(.*?\)(?= already exists| is not present| is still referenced|$)/g, '=(…)');
}

/** The PostgreSQL error in an error's cause chain (drizzle wraps it), with the statement text from the wrapper. */
export function databaseFailureOf(error: unknown): DatabaseFailure | null {
  let sql: string | undefined;
  let at: unknown = error;
  for (let depth = 0; at && typeof at === 'object' && depth < 8; depth++) {
    const e = at as PgLike;
    sql ??= text(e.query);
    if (typeof e.code === 'string' && SQLSTATE.test(e.code) && (e.severity !== undefined || e.routine !== undefined)) {
      const detail = text(e.detail) ?? '';
      const key = /Key \(([^)]*)\)=/.exec(detail);
      return {
        code: e.code,
        ...(sql ? { sql } : {}),
        ...(text(e.table) ? { table: text(e.table) } : {}),
        ...(text(e.column) ? { column: text(e.column) } : {}),
        ...(text(e.constraint) ? { constraint: text(e.constraint) } : {}),
        ...(key ? { keyColumns: key[1]!.split(',').map((c) => c.trim().replace(/^"|"$/g, '')) } : {}),
        ...(/still referenced/.test(detail) ? { stillReferenced: true } : {}),
        message: withoutValues(text(e.message) ?? ''),
      };
    }
    at = e.cause;
  }
  return null;
}

/** Any error made safe to log: a database error as its failure (no values); otherwise name, message, stack and causes. */
export function loggableError(error: unknown): Record<string, unknown> {
  const failure = databaseFailureOf(error);
  if (failure) return { type: 'DatabaseError', ...failure };
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  // A failed query without a PostgreSQL error (a lost connection, a guard): its message lists the values.
  if ('params' in error) {
    return {
      type: error.name,
      ...(text((error as PgLike).query) ? { sql: (error as PgLike).query } : {}),
      ...(error.cause !== undefined ? { cause: loggableError(error.cause) } : {}),
    };
  }
  const out: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) out.code = code;
  if (error.cause !== undefined) out.cause = loggableError(error.cause);
  return out;
}
