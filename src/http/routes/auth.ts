import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { changeOwnPassword, logIn, logOut, MIN_PASSWORD_LENGTH } from '../../modules/org/index.ts';
import { actorOf, requireUser, SESSION_COOKIE, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { PermissionName, withPermissions } from '../permissions.ts';
import { AgencyKindName, authErrors, errorRef, LevelName, RoleName } from '../schemas.ts';

const MeResponse = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(RoleName),
    agency: Type.Object({ id: Type.String(), kind: AgencyKindName, nameZh: Type.String(), nameEn: Type.String() }),
    jurisdiction: Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), level: LevelName }),
    csrfToken: Type.String({ description: 'Send as the x-csrf-token header on every state-changing request' }),
    permissions: Type.Array(PermissionName, {
      description: 'What the roles (and, for the registry, the agency kind) allow; every route still checks',
    }),
  },
  { $id: 'Me' },
);

// The attributes the session cookie is set with; clearing it repeats them, so the expired cookie is as guarded as the live one.
const sessionCookie = (ctx: AppContext) => ({ httpOnly: true, sameSite: 'strict' as const, secure: ctx.config.cookieSecure, path: '/' });

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.addSchema(MeResponse);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: ctx.config.login.rateLimitMax, timeWindow: ctx.config.login.rateLimitWindowMs } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session cookie',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Me'), 400: errorRef, 401: errorRef, 423: errorRef, 429: errorRef },
      },
    },
    async (request, reply) => {
      const { token, me } = await logIn(
        ctx.db,
        ctx.authPolicy,
        {
          ...request.body,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          requestId: request.id,
        },
        request.cookies[SESSION_COOKIE],
      );
      reply.setCookie(SESSION_COOKIE, token, { ...sessionCookie(ctx), maxAge: ctx.config.sessionTtlMinutes * 60 });
      return withPermissions(me);
    },
  );

  r.post(
    '/api/auth/logout',
    {
      preHandler: requireUser(),
      schema: { tags: ['auth'], summary: 'End the current session', response: { 204: Type.Null(), ...authErrors } },
    },
    async (request, reply) => {
      await logOut(ctx.db, actorOf(request), request.sessionToken!, viewerOf(request).jurisdictionCode);
      reply.clearCookie(SESSION_COOKIE, sessionCookie(ctx));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    {
      preHandler: requireUser(),
      schema: { tags: ['auth'], summary: 'The signed-in user with roles, agency and jurisdiction', response: { 200: Type.Ref('Me'), 401: errorRef } },
    },
    async (request) => withPermissions(request.me!),
  );

  r.post(
    '/api/auth/password',
    {
      preHandler: requireUser(),
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (the current one is required); your other sessions end',
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
            newPassword: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), 400: errorRef, ...authErrors },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(ctx.db, ctx.authPolicy, actorOf(request), request.sessionToken!, request.body);
      return reply.status(204).send(null);
    },
  );
}
