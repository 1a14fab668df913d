import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../../modules/audit/index.ts';
import type { AppContext } from '../context.ts';
import { requireUser, viewerOf } from '../auth.ts';
import { authErrors, errorRef, Nullable } from '../schemas.ts';


export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/api/audit', {
    preHandler: requireUser('audit.read'),
    schema: {
      tags: ['audit'], summary: 'Newest audit entries in your jurisdiction',
      querystring: Type.Object({
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
        before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only entries with a smaller id (paging)' })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            id: Type.Integer(), at: Type.String(), actorUsername: Nullable(Type.String()), action: Type.String(),
            entityType: Nullable(Type.String()), entityId: Nullable(Type.String()), jurisdictionCode: Nullable(Type.String()),
          })),
        }),
        400: errorRef, ...authErrors,
      },
    },
  }, async (request) => ({ items: await listAudit(ctx.db, viewerOf(request), { limit: request.query.limit, beforeId: request.query.before }) }));
}
