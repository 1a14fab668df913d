import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { TSchema } from 'typebox';
import type { Db } from '../db/client.ts';
import { appendAudit } from '../modules/audit/index.ts';
import { actorOf } from './auth.ts';

/**
 * Personal data in responses, audited in one place. A response field that carries a person's name, ID number, phone
 * or contact is declared with `personal(…)` in its route's schema. Every route whose 200 response holds such a field
 * gets a hook that, when the answer carries any of them unmasked, appends a `personal_data.read` entry (who, which
 * route, which records) in its own transaction before the answer leaves — so a new route that returns personal data is
 * audited without anyone remembering to. Routes whose module already writes a richer read entry of its own (the
 * parties list, with the person ids and the case's jurisdiction) say so with `config.personalReadsAudited: 'module'`.
 */
const marked = new WeakSet<object>();

/** Declares a response field as personal data. */
export function personal<T extends TSchema>(schema: T): T {
  marked.add(schema);
  return schema;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's module audits its reads of personal data itself (see personal-data.ts). */
    personalReadsAudited?: 'module';
  }
}

/** Paths of personal fields in a schema: property names per level, `[]` for array items. */
type FieldPath = string[];

function personalPaths(schema: unknown, at: FieldPath = [], seen = new Set<unknown>()): FieldPath[] {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
  seen.add(schema);
  if (marked.has(schema)) return [at];
  const s = schema as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[]; oneOf?: unknown[]; allOf?: unknown[] };
  const out: FieldPath[] = [];
  for (const [key, sub] of Object.entries(s.properties ?? {})) out.push(...personalPaths(sub, [...at, key], seen));
  if (s.items) out.push(...personalPaths(s.items, [...at, '[]'], seen));
  for (const sub of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) out.push(...personalPaths(sub, at, seen));
  return out;
}

// Masked values keep only a few characters and stars (李**, 150102********1234, 139****5678).
const isUnmasked = (value: unknown) => typeof value === 'string' && value !== '' && !value.includes('*');

/** The records (person id, else id) of the payload that carry an unmasked personal field. */
function unmaskedRecords(payload: unknown, paths: FieldPath[]): { fields: number; ids: string[] } {
  let fields = 0;
  const ids = new Set<string>();
  const walk = (node: unknown, path: FieldPath, owner: Record<string, unknown> | null) => {
    if (node === null || node === undefined) return;
    if (path.length === 0) {
      if (isUnmasked(node)) {
        fields++;
        const id = owner?.personId ?? owner?.id;
        if (typeof id === 'string' || typeof id === 'number') ids.add(String(id));
      }
      return;
    }
    const [head, ...rest] = path;
    if (head === '[]') {
      if (Array.isArray(node)) for (const item of node) walk(item, rest, owner);
      return;
    }
    if (typeof node === 'object') {
      const record = node as Record<string, unknown>;
      walk(record[head!], rest, rest.length === 0 ? record : owner);
    }
  };
  for (const path of paths) walk(payload, path, null);
  return { fields, ids: [...ids].sort() };
}

function successSchema(route: RouteOptions): unknown {
  const response = route.schema?.response as Record<string, unknown> | undefined;
  return response?.[200] ?? response?.[201] ?? response?.['2xx'];
}

export function installPersonalDataAudit(app: FastifyInstance, db: Db): void {
  app.addHook('onRoute', (route) => {
    const paths = personalPaths(successSchema(route));
    if (paths.length === 0 || route.config?.personalReadsAudited === 'module') return;
    const audit = async (request: FastifyRequest, payload: unknown) => {
      if (!request.viewer) return payload;
      const { fields, ids } = unmaskedRecords(payload, paths);
      if (fields === 0) return payload;
      await db.transaction((tx) =>
        appendAudit(tx, actorOf(request), {
          action: 'personal_data.read',
          entityType: 'route',
          entityId: `${request.method} ${route.url}`,
          jurisdictionCode: request.viewer!.jurisdictionCode,
          after: { params: request.params ?? {}, query: request.query ?? {}, records: ids.slice(0, 1000), recordCount: ids.length, fields },
        }),
      );
      return payload;
    };
    const existing = route.preSerialization;
    route.preSerialization = [
      ...(existing ? (Array.isArray(existing) ? existing : [existing]) : []),
      async (request, _reply, payload) => audit(request, payload),
    ];
  });
}
