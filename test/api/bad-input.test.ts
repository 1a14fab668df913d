import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/api.ts';
import { testDrivers } from '../support/db.ts';

/**
 * The guard: every route the OpenAPI document lists, every method, is sent each class of bad input
 * (a NUL byte in each string, numbers past what the columns hold, impossible dates, integers past bigint,
 * malformed JSON and multipart, wrong types, unknown fields) as an admin and, for public routes,
 * anonymously. Every answer must be a 4xx in the one error shape, and nothing may be written. A new
 * route is covered without editing this file.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  nullable?: boolean;
  $ref?: string;
  default?: unknown;
  minProperties?: number;
};
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}
interface Route {
  method: string;
  path: string;
  op: Operation;
  isPublic: boolean;
}

const NUL = 'a\u0000b';
const BEYOND_BIGINT = '99999999999999999999';
const BAD_DATE_TIMES = ['0000-01-01T00:00:00Z', '2024-12-31T23:59:60Z', '2024-02-30T00:00:00Z'];
const BAD_DAYS = ['0000-01-01', '2024-02-30', '2024-13-01'];
const BAD_DECIMALS = ['9999999999999999.999', '-1'];
/** Candidates tried, in order, for a string with a pattern: the first that matches is the sample. */
const PATTERN_SAMPLES = [
  '150100',
  'relic.excavation',
  'probe',
  'probe.x',
  '2026-01-01',
  '12.5',
  'CN-2026-000001',
  '0'.repeat(64),
  randomUUID(),
  '13900000000',
  '11010119900101123X',
  'reported',
];

function resolve(schema: JsonSchema, doc: { components?: { schemas?: Record<string, JsonSchema> } }): JsonSchema {
  if (schema.$ref) return resolve(doc.components!.schemas![schema.$ref.split('/').pop()!]!, doc);
  return schema;
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/** A value the schema accepts, so that a probe changes one thing only. */
function sample(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return sample(union.find((s) => s.type !== 'null') ?? union[0]!);
  switch (typeOf(schema)) {
    case 'string': {
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date-time') return '2026-01-02T03:04:05Z';
      if (schema.format === 'date') return '2026-01-02';
      if (schema.pattern) {
        const re = new RegExp(schema.pattern, 'u');
        return PATTERN_SAMPLES.find((c) => re.test(c) && c.length >= (schema.minLength ?? 0) && c.length <= (schema.maxLength ?? Infinity)) ?? 'x';
      }
      return 'probe text'.padEnd(schema.minLength ?? 0, 'x').slice(0, schema.maxLength ?? 100);
    }
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1));
    case 'boolean':
      return false;
    case 'array':
      return schema.items ? Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sample(schema.items!)) : [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) out[key] = sample(prop);
      return out;
    }
    default:
      return 'x';
  }
}

interface Leaf {
  pointer: string[];
  schema: JsonSchema;
}
/** Every leaf field of a body schema (first branch of a union), with its path. */
function leaves(schema: JsonSchema, pointer: string[] = []): Leaf[] {
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return leaves(union.find((s) => s.type !== 'null') ?? union[0]!, pointer);
  const type = typeOf(schema);
  if (type === 'object' && schema.properties) return Object.entries(schema.properties).flatMap(([k, p]) => leaves(p, [...pointer, k]));
  if (type === 'array' && schema.items) return [{ pointer, schema }, ...leaves(schema.items, [...pointer, '0'])];
  return [{ pointer, schema }];
}

function setAt(value: unknown, pointer: string[], replacement: unknown): unknown {
  if (pointer.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string, unknown>;
  let at = copy;
  for (const key of pointer.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[pointer[pointer.length - 1]!] = replacement;
  return copy;
}

/** Bad values for one field of the given schema, by class. */
function badValues(schema: JsonSchema, where: 'body' | 'query' | 'path'): Array<[string, unknown]> {
  const type = typeOf(schema) ?? (schema.enum ? 'string' : undefined);
  const bad: Array<[string, unknown]> = [];
  if (type === 'string') {
    bad.push(['nul', NUL]);
    if (where === 'body') bad.push(['wrong type', 42]);
    if (schema.format === 'date-time') for (const d of BAD_DATE_TIMES) bad.push([`date ${d}`, d]);
    const re = schema.pattern ? new RegExp(schema.pattern, 'u') : null;
    // A pattern that takes a day but not a word is a day; one that takes a number but not a word is a number.
    const special = (probe: string) => re !== null && re.test(probe) && !re.test('probe');
    if (schema.format === 'date' || special('2026-01-01')) for (const d of BAD_DAYS) bad.push([`day ${d}`, d]);
    if (special('12.5')) for (const d of BAD_DECIMALS) bad.push([`decimal ${d}`, d]);
    // A path segment or a strict identifier (one that takes no word): past bigint it can name nothing.
    if (where === 'path' || (where === 'query' && (schema.format || (re && !re.test('probe'))))) bad.push(['beyond bigint', BEYOND_BIGINT]);
  } else if (type === 'integer' || type === 'number') {
    if (where === 'body') bad.push(['wrong type', 'x'], ['overflow', 1e20], ['overflow', 9999999999999999.999]);
    else bad.push(['wrong type', 'x'], ['1e20', '1e20'], ['beyond bigint', BEYOND_BIGINT], ['negative beyond bigint', `-${BEYOND_BIGINT}`]);
    if (type === 'integer') bad.push(['fraction', where === 'body' ? 1.5 : '1.5']);
  } else if (type === 'boolean') {
    bad.push(['wrong type', where === 'body' ? 'x' : 'maybe']);
  } else if (type === 'array') {
    if (where === 'body') bad.push(['wrong type', 'x']);
  } else if (type === 'object') {
    if (where === 'body') bad.push(['wrong type', 'x']);
  }
  return bad;
}

interface Probe {
  label: string;
  url: string;
  payload?: string;
  contentType?: string;
}

function probesFor(route: Route, doc: object): Probe[] {
  const params = (route.op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
  const pathValues: Record<string, string> = {};
  const queryValues: Record<string, string> = {};
  for (const p of params) {
    const schema = resolve(p.schema, doc);
    if (p.in === 'path') pathValues[p.name] = String(sample(schema));
    else if (p.required) queryValues[p.name] = String(sample(schema));
  }
  const urlOf = (path: Record<string, string>, query: Record<string, string>) => {
    const filled = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(path[name]!));
    const qs = new URLSearchParams(query).toString();
    return qs ? `${filled}?${qs}` : filled;
  };
  const baseUrl = urlOf(pathValues, queryValues);
  const jsonSchema = route.op.requestBody?.content['application/json']?.schema;
  const bodySchema = jsonSchema ? resolve(jsonSchema, doc) : undefined;
  const baseBody = bodySchema ? sample(bodySchema) : undefined;
  const json = (body: unknown) => ({ payload: JSON.stringify(body), contentType: 'application/json' });
  const base = baseBody === undefined ? {} : json(baseBody);
  const probes: Probe[] = [];

  for (const p of params) {
    const schema = resolve(p.schema, doc);
    for (const [label, value] of badValues(schema, p.in === 'path' ? 'path' : 'query')) {
      const url =
        p.in === 'path'
          ? urlOf({ ...pathValues, [p.name]: String(value) }, queryValues)
          : urlOf(pathValues, { ...queryValues, [p.name]: String(value) });
      probes.push({ label: `${p.in}:${p.name} ${label}`, url, ...base });
    }
  }
  if (params.some((p) => p.in === 'query'))
    probes.push({ label: 'unknown query field', url: urlOf(pathValues, { ...queryValues, probeUnknown: '1' }), ...base });
  if (bodySchema) {
    for (const leaf of leaves(bodySchema)) {
      for (const [label, value] of badValues(leaf.schema, 'body'))
        probes.push({ label: `body:/${leaf.pointer.join('/')} ${label}`, url: baseUrl, ...json(setAt(baseBody, leaf.pointer, value)) });
    }
    if (typeOf(bodySchema) === 'object')
      probes.push({ label: 'body unknown field', url: baseUrl, ...json({ ...(baseBody as object), probeUnknown: 1 }) });
    probes.push({ label: 'body wrong type (array)', url: baseUrl, ...json([baseBody]) });
    probes.push({ label: 'malformed JSON', url: baseUrl, payload: '{"a": ', contentType: 'application/json' });
  }
  if (route.method !== 'GET') {
    const boundary = 'xyz';
    probes.push({
      label: 'malformed multipart (garbage)',
      url: baseUrl,
      payload: 'garbage',
      contentType: `multipart/form-data; boundary=${boundary}`,
    });
    probes.push({
      label: 'malformed multipart (truncated)',
      url: baseUrl,
      contentType: `multipart/form-data; boundary=${boundary}`,
      payload: `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\n\xff\xd8\xff`,
    });
    probes.push({
      label: 'malformed multipart (bad part header)',
      url: baseUrl,
      contentType: `multipart/form-data; boundary=${boundary}`,
      payload: `--${boundary}\r\nthis is not a header\r\n\r\nx\r\n--${boundary}--\r\n`,
    });
    probes.push({ label: 'multipart without boundary', url: baseUrl, payload: 'x', contentType: 'multipart/form-data' });
  }
  return probes;
}

async function tableCounts(api: TestApi): Promise<Record<string, number>> {
  const db = api.db.database.db;
  const tables = (await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as unknown as {
    rows: Array<{ tablename: string }>;
  };
  // Sessions are touched by every request (last seen); logins and logouts are not probed here.
  const names = tables.rows.map((r) => r.tablename).filter((t) => t !== 'sessions' && !t.startsWith('__'));
  const query = names.map((t) => `select '${t}' as t, count(*)::int as n from "${t}"`).join(' union all ');
  const result = (await db.execute(sql.raw(query))) as unknown as { rows: Array<{ t: string; n: number }> };
  return Object.fromEntries(result.rows.map((r) => [r.t, r.n]));
}

function errorShaped(response: LightMyRequestResponse): boolean {
  try {
    const error = response.json().error;
    return typeof error?.code === 'string' && typeof error.message === 'string' && typeof error.requestId === 'string';
  } catch {
    return false;
  }
}

describe.each(testDrivers())('every route refuses bad input on %s', (driver) => {
  let api: TestApi;
  let admin: Session;
  let routes: Route[];
  let doc: { paths: Record<string, Record<string, Operation>> };
  let address = 0;

  beforeAll(async () => {
    api = await createTestApi(driver);
    admin = await api.login('admin');
    doc = (await api.request({ method: 'GET', url: '/api/openapi.json' })).json();
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        op,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
      })),
    );
  });
  afterAll(() => api?.close());

  /** Each probe from its own address, so that per-address rate limits never answer in the route's place. */
  const send = (probe: Probe, method: string, session?: Session) =>
    api.request({
      method: method as 'GET',
      url: probe.url,
      session,
      remoteAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address++ & 255}`,
      ...(probe.payload !== undefined ? { payload: probe.payload, headers: { 'content-type': probe.contentType! } } : {}),
    });

  async function run(who: 'admin' | 'anonymous') {
    const failures: string[] = [];
    let count = 0;
    for (const route of routes) {
      if (who === 'anonymous' && !route.isPublic) continue;
      const before = await tableCounts(api);
      for (const probe of probesFor(route, doc)) {
        count++;
        let response: LightMyRequestResponse;
        try {
          response = await send(probe, route.method, who === 'admin' ? admin : undefined);
        } catch (error) {
          failures.push(`${route.method} ${route.path} [${probe.label}] → no answer: ${(error as Error).message}`);
          continue;
        }
        if (response.statusCode >= 500 || response.statusCode < 400 || !errorShaped(response)) {
          failures.push(`${route.method} ${route.path} [${probe.label}] → ${response.statusCode} ${response.body.slice(0, 160)}`);
        }
      }
      const after = await tableCounts(api);
      const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
      if (changed.length) failures.push(`${route.method} ${route.path}: wrote to ${changed.join(', ')}`);
      if (who === 'admin' && (await api.request({ method: 'GET', url: '/api/auth/me', session: admin })).statusCode !== 200) {
        failures.push(`${route.method} ${route.path}: the admin session did not survive`);
        admin = await api.login('admin');
      }
    }
    console.log(`${driver} ${who}: ${count} probes on ${routes.length} routes, ${failures.length} failures\n${failures.join('\n')}`);
    return { count, failures };
  }

  it('answers every bad request from an admin with a 4xx in the error shape and writes nothing', async () => {
    const { count, failures } = await run('admin');
    expect(count).toBeGreaterThan(routes.length);
    expect(failures).toEqual([]);
  }, 240_000);

  it('answers every bad anonymous request to a public route with a 4xx in the error shape and writes nothing', async () => {
    const { failures } = await run('anonymous');
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers an anonymous request to a staff route with 401 before looking at its input', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic && !['/api/auth/login', '/api/health'].includes(r.path))) {
      for (const probe of probesFor(route, doc).slice(0, 3)) {
        const response = await send(probe, route.method).catch((error: Error) => error);
        if (response instanceof Error) failures.push(`${route.method} ${route.path} [${probe.label}] → no answer: ${response.message}`);
        else if (response.statusCode !== 401)
          failures.push(
            `${route.method} ${route.path} [${probe.label}] → ${response.statusCode} ${errorShaped(response) ? response.json().error.code : response.body.slice(0, 80)}`,
          );
      }
    }
    console.log(`${driver} anonymous to staff routes: ${failures.length} failures\n${failures.join('\n')}`);
    expect(failures).toEqual([]);
  }, 120_000);
});
