import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { invalid } from '../../core/errors.ts';
import { listAudit } from '../../modules/audit/index.ts';
import { requireUser, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { authErrors, DateTime, errorRef, Nullable } from '../schemas.ts';

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/audit',
    {
      preHandler: requireUser('audit.read'),
      schema: {
        tags: ['audit'],
        summary: 'Newest audit entries in your jurisdiction',
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only entries with a smaller id (paging)' })),
            action: Type.Optional(
              Type.String({
                pattern: '^[a-z_]+(\\.[a-z_]+)*(\\.|\\.\\*)?$',
                maxLength: 100,
                description: 'An action (auth.login), or a family ending in . or .* (case.*)',
              }),
            ),
            actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Username of who did it' })),
            from: Type.Optional(DateTime),
            to: Type.Optional(DateTime),
            entityType: Type.Optional(Type.String({ pattern: '^[a-z_]+$', maxLength: 64 })),
            entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                at: Type.String(),
                actorUsername: Nullable(Type.String()),
                actorDisplayName: Nullable(Type.String()),
                action: Type.String(),
                entityType: Nullable(Type.String()),
                entityId: Nullable(Type.String()),
                jurisdictionCode: Nullable(Type.String()),
              }),
            ),
          }),
          400: errorRef,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { limit, before, action, actor, from, to, entityType, entityId } = request.query;
      if (from && to && new Date(from) > new Date(to)) throw invalid([{ path: 'querystring:/to', message: 'audit.range_reversed' }]);
      return {
        items: await listAudit(ctx.db, viewerOf(request), {
          limit,
          beforeId: before,
          action,
          actor,
          entityType,
          entityId,
          from: from ? new Date(from) : undefined,
          to: to ? new Date(to) : undefined,
        }),
      };
    },
  );
}
