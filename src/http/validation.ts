import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, type FieldError } from '../core/errors.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/i;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function realDay(year: number, month: number, day: number): boolean {
  // Year 0000 does not exist (PostgreSQL refuses it); 9999 is the last four-digit year.
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** A calendar day that exists: 2024-02-29 yes, 2023-02-29, 0000-01-01 and 2024-13-01 no. */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** An RFC 3339 instant that PostgreSQL and Date both read the same: no year 0000, no leap second 60, offsets within ±23:59. */
export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

/**
 * Integers without a declared bound get the safe one: a page, an id or a cursor past 2^53 cannot be
 * read exactly, and past bigint it reaches the database as an error. Schemas are copied, not changed.
 */
const bounded = new WeakMap<object, unknown>();
function boundIntegers(schema: unknown): unknown {
  if (schema && typeof schema === 'object') {
    // The same schema object compiles to the same copy (ajv refuses a second schema with the same $id).
    if (!bounded.has(schema)) bounded.set(schema, copyBounded(schema));
    return bounded.get(schema);
  }
  return schema;
}

function copyBounded(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(copyBounded);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema))
    out[key] = key === 'enum' || key === 'const' || key === 'default' || key === 'examples' ? value : copyBounded(value);
  const type = out.type;
  if (type === 'integer' || (Array.isArray(type) && type.includes('integer'))) {
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = Number.MAX_SAFE_INTEGER;
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = -Number.MAX_SAFE_INTEGER;
  }
  return out;
}

function makeAjv(coerceTypes: boolean) {
  const ajv = new Ajv({
    allErrors: true, // report every bad field at once, not the first
    removeAdditional: false, // an unknown field is an error, never silently dropped
    useDefaults: true,
    coerceTypes,
    strict: false,
  });
  addFormats(ajv);
  // Stricter than ajv-formats: the database must be able to store whatever passes.
  ajv.addFormat('date', { type: 'string', validate: isDay });
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  return ajv;
}

const PARTS: Array<['body' | 'query' | 'params', string]> = [
  ['params', 'params:'],
  ['query', 'querystring:'],
  ['body', ''],
];
const escapePointer = (key: string) =>
  key
    .replace(/~/g, '~0')
    .replace(/\//g, '~1')
    .replace(/\u0000/g, '\\u0000');

/** JSON pointers of every string (or key) holding U+0000, which PostgreSQL text cannot store. */
export function nulPaths(value: unknown, at = '', out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(at || '/');
  } else if (value && typeof value === 'object' && depth < 64 && out.length < 20) {
    for (const [key, item] of Object.entries(value)) {
      const path = `${at}/${escapePointer(key)}`;
      if (key.includes('\u0000')) out.push(path);
      nulPaths(item, path, out, depth + 1);
    }
  }
  return out;
}

/** Refuses a NUL byte anywhere in path parameters, query or JSON body, naming each field, before the schemas run. */
export function refuseNul(request: FastifyRequest): void {
  const fields: FieldError[] = [];
  for (const [part, prefix] of PARTS) {
    for (const path of nulPaths(request[part])) fields.push({ path: `${prefix}${path}`, message: 'validation.nul' });
  }
  if (fields.length) throw new DomainError('validation', 'validation_failed', fields);
}

type Compile = (route: { schema: object; httpPart?: string }) => (data: unknown) => unknown;

/**
 * The validator compiler of every scope (Fastify's schemaController builds one per scope that adds
 * schemas; `setValidatorCompiler` on the root would not reach those). JSON bodies are checked strictly
 * (a number where a string belongs is an error); query strings and path parameters arrive as text, so
 * those may be coerced to the declared type.
 */
export function buildValidatorCompiler(externalSchemas: unknown): Compile {
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  for (const schema of Object.values((externalSchemas ?? {}) as Record<string, object>)) {
    strict.addSchema(boundIntegers(schema) as object);
    coercing.addSchema(boundIntegers(schema) as object);
  }
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(boundIntegers(schema) as object) as (data: unknown) => unknown;
}

/** Every request's strings are checked for NUL bytes before the schemas run, with or without a schema. */
export function installValidation(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => refuseNul(request));
}
