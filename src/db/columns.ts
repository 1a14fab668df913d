import { timestamp } from 'drizzle-orm/pg-core';

/** A `timestamp with time zone` column: every instant we store is one (never a wall-clock time without its zone). */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true });
