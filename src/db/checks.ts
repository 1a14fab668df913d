import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** A CHECK that keeps a text column inside its vocabulary (the constants are ours, never input). */
export function oneOf(column: AnyPgColumn, values: readonly string[]) {
  return sql`${column} = ANY (ARRAY[${sql.raw(values.map((v) => `'${v}'`).join(', '))}]::text[])`;
}
