import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { listNotifications, markNotificationsRead } from '../../modules/notifications/index.ts';
import { actorOf, requireUser, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { languageOf } from '../messages.ts';
import { NotificationOut, presentNotification } from '../presenters/notifications.ts';
import { authErrors, errorRef } from '../schemas.ts';

/** Notifications for the signed-in user's jurisdiction (and those below it): list with the unread count, mark read. */
export function notificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/notifications',
    {
      preHandler: requireUser(),
      schema: {
        tags: ['notifications'],
        summary: 'Notifications to your jurisdiction or below it, newest first, with the unread count',
        querystring: Type.Object(
          { unread: Type.Boolean({ default: false }), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(NotificationOut), unread: Type.Integer() }), ...authErrors },
      },
    },
    async (request) => {
      const lang = languageOf(request.headers['accept-language']);
      const { items, unread } = await listNotifications(ctx.db, viewerOf(request), { unreadOnly: request.query.unread, limit: request.query.limit });
      return { unread, items: items.map((n) => presentNotification(n, lang)) };
    },
  );
  r.post(
    '/api/notifications/:id/read',
    {
      preHandler: requireUser(),
      schema: {
        tags: ['notifications'],
        summary: 'Mark one notification read (404 when it is not addressed to your jurisdiction or below)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ marked: Type.Integer() }), 404: errorRef, ...authErrors },
      },
    },
    async (request) => markNotificationsRead(ctx.db, viewerOf(request), actorOf(request), request.params.id),
  );
  r.post(
    '/api/notifications/read-all',
    {
      preHandler: requireUser(),
      schema: {
        tags: ['notifications'],
        summary: 'Mark every unread notification in your scope read',
        response: { 200: Type.Object({ marked: Type.Integer() }), ...authErrors },
      },
    },
    async (request) => markNotificationsRead(ctx.db, viewerOf(request), actorOf(request), 'all'),
  );
}
