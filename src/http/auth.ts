import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Db } from '../db/client.ts';
import type { Actor } from '../modules/audit/index.ts';
import { type AuthPolicy, hasPermission, type Me, type Permission, resolveSession, type Viewer } from '../modules/org/index.ts';
import { sendError } from './errors.ts';

export const SESSION_COOKIE = 'lianfang_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    me?: Me;
    viewer?: Viewer;
    sessionToken?: string;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Logging in needs no token: there is no session yet to ride on, and the cookie is SameSite=Strict.
const CSRF_EXEMPT = new Set(['/api/auth/login']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the session cookie (if any) on every API request and enforces the CSRF token on every
 * state-changing request that carries a session (synchronizer-token pattern: the token lives in
 * the session row and reaches the SPA through login and /api/auth/me).
 */
export function installSessionHook(app: FastifyInstance, db: Db, policy: AuthPolicy): void {
  // Routes registered from here on: requireUser runs at onRequest, after the session hook below
  // (a route's own hooks follow the instance's), before parsing and validation.
  app.addHook('onRoute', (route) => {
    const pre = [route.preHandler ?? []].flat();
    const gates = pre.filter(isGate);
    if (!gates.length) return;
    route.preHandler = pre.filter((hook) => !isGate(hook));
    route.onRequest = [...[route.onRequest ?? []].flat(), ...(gates as unknown as NonNullable<typeof route.onRequest>[])] as typeof route.onRequest;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await resolveSession(db, policy, token);
      if (session) {
        request.me = session.me;
        request.viewer = session.viewer;
        request.sessionToken = token;
      }
    }
    if (request.me && !SAFE_METHODS.has(request.method) && !CSRF_EXEMPT.has(request.routeOptions.url ?? '')) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, request.me.csrfToken)) {
        return sendError(request, reply, 403, 'auth.csrf_invalid');
      }
    }
  });
}

const USER_GATE = Symbol('requireUser');
type Gate = preHandlerHookHandler & { [USER_GATE]?: true };
const isGate = (hook: unknown): hook is Gate => typeof hook === 'function' && (hook as Gate)[USER_GATE] === true;

/**
 * A signed-in user, and (optionally) one whose roles grant `permission`. Routes name it as a
 * preHandler; installSessionHook moves it to the route's onRequest hooks, so an anonymous or
 * unauthorised caller is answered before the body is read and before the input is validated.
 */
export function requireUser(permission?: Permission): preHandlerHookHandler {
  const gate: Gate = async function (request: FastifyRequest, reply: FastifyReply) {
    if (!request.viewer) return sendError(request, reply, 401, 'auth.unauthenticated');
    if (permission && !hasPermission(request.viewer.roles, permission)) return sendError(request, reply, 403, 'forbidden');
  };
  gate[USER_GATE] = true;
  return gate;
}

export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new Error('viewerOf called on a route without requireUser');
  return request.viewer;
}

export function actorOf(request: FastifyRequest): Actor {
  return { userId: request.viewer?.userId ?? null, username: request.viewer?.username ?? null, ip: request.ip, requestId: request.id };
}
