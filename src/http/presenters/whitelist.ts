import { type TObject, type TProperties, type TSchema, Type } from 'typebox';

/**
 * The response schema of a presenter, from its whitelist: `properties` must give a schema for every field of `fields`
 * and for nothing else (TypeScript refuses a missing or an extra one), so the list that the tests check, the schema
 * that serialises the answer and the presenter that fills it cannot drift apart.
 */
export function whitelistSchema<const K extends string, P extends TProperties & Record<K, TSchema>>(
  fields: readonly K[],
  properties: P & Record<Exclude<keyof P, K>, never>,
): TObject<P> {
  // The types already hold this; the check keeps a cast from slipping a field past the list.
  const named = Object.keys(properties);
  if (named.length !== fields.length || !fields.every((f) => named.includes(f)))
    throw new Error(`schema fields ${named.join(',')} are not the whitelist ${fields.join(',')}`);
  return Type.Object(properties);
}

/** Only the whitelisted fields of a record, copied: whatever else the record carries stays on the server. */
export function pickFields<T, const K extends keyof T>(fields: readonly K[], record: T): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const field of fields) out[field] = record[field];
  return out;
}
