import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Actor } from '../modules/audit/index.ts';
import { hasPermission, resolveSession, type AuthPolicy, type Me, type Permission, type Viewer } from '../modules/org/index.ts';
import type { Db } from '../db/client.ts';
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

/** preHandler: a signed-in user, and (optionally) one whose roles grant `permission`. */
export function requireUser(permission?: Permission): preHandlerHookHandler {
  return async function (request: FastifyRequest, reply: FastifyReply) {
    if (!request.viewer) return sendError(request, reply, 401, 'auth.unauthenticated');
    if (permission && !hasPermission(request.viewer.roles, permission)) return sendError(request, reply, 403, 'forbidden');
  };
}

export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new Error('viewerOf called on a route without requireUser');
  return request.viewer;
}

export function actorOf(request: FastifyRequest): Actor {
  return { userId: request.viewer?.userId ?? null, username: request.viewer?.username ?? null, ip: request.ip, requestId: request.id };
}
