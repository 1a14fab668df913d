import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../../core/errors.ts';
import {
  createAgency,
  createUser,
  getAgency,
  getJurisdiction,
  getUser,
  listAgencies,
  listChildJurisdictions,
  listUsers,
  MIN_PASSWORD_LENGTH,
  NATIONAL_CODE,
  updateAgency,
  updateUser,
} from '../../modules/org/index.ts';
import { actorOf, requireUser, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { AgencyKindName, authErrors, errorRef, IdParams, JurisdictionCode, LevelName, ListOf, RoleName, Uuid } from '../schemas.ts';

const JurisdictionOut = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  level: LevelName,
});
const AgencyOut = Type.Object({
  id: Type.String(),
  kind: AgencyKindName,
  nameZh: Type.String(),
  nameEn: Type.String(),
  jurisdictionCode: Type.String(),
  disabled: Type.Boolean(),
});
const UserOut = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleName),
  agencyId: Type.String(),
  jurisdictionCode: Type.String(),
  disabled: Type.Boolean(),
});
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Roles = Type.Array(RoleName, { minItems: 1, maxItems: 7, uniqueItems: true });

export function orgRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;

  // The division tree is public geography, not case data: any signed-in user may browse it.
  r.get(
    '/api/jurisdictions',
    {
      preHandler: requireUser(),
      schema: {
        tags: ['org'],
        summary: 'Children of a jurisdiction (provinces when no parent is given)',
        querystring: Type.Object({ parent: Type.Optional(JurisdictionCode) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(JurisdictionOut) }), 400: errorRef, ...authErrors },
      },
    },
    async (request) => ({ items: await listChildJurisdictions(db, request.query.parent ?? NATIONAL_CODE) }),
  );

  r.get(
    '/api/jurisdictions/:code',
    {
      preHandler: requireUser(),
      schema: {
        tags: ['org'],
        summary: 'One jurisdiction',
        params: Type.Object({ code: JurisdictionCode }, { additionalProperties: false }),
        response: { 200: JurisdictionOut, 400: errorRef, 404: errorRef, ...authErrors },
      },
    },
    async (request) => {
      const found = await getJurisdiction(db, request.params.code);
      if (!found) throw notFound('org.unknown_jurisdiction');
      return found;
    },
  );

  r.get(
    '/api/agencies',
    {
      preHandler: requireUser('org.agencies.read'),
      schema: { tags: ['org'], summary: 'Agencies in your scope', response: { 200: ListOf(AgencyOut), ...authErrors } },
    },
    async (request) => {
      const items = await listAgencies(db, viewerOf(request));
      return { items, total: items.length };
    },
  );

  r.get(
    '/api/agencies/:id',
    {
      preHandler: requireUser('org.agencies.read'),
      schema: {
        tags: ['org'],
        summary: 'One agency (404 outside your scope)',
        params: IdParams,
        response: { 200: AgencyOut, 400: errorRef, 404: errorRef, ...authErrors },
      },
    },
    async (request) => getAgency(db, viewerOf(request), request.params.id),
  );

  r.post(
    '/api/agencies',
    {
      preHandler: requireUser('org.agencies.write'),
      schema: {
        tags: ['org'],
        summary: 'Create an agency within your jurisdiction',
        body: Type.Object({ kind: AgencyKindName, nameZh: Name, nameEn: Name, jurisdictionCode: JurisdictionCode }, { additionalProperties: false }),
        response: { 201: AgencyOut, 400: errorRef, ...authErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await createAgency(db, viewerOf(request), actorOf(request), request.body)),
  );

  r.patch(
    '/api/agencies/:id',
    {
      preHandler: requireUser('org.agencies.write'),
      schema: {
        tags: ['org'],
        summary: 'Rename an agency, change its kind, disable or re-enable it (disabling ends its users’ sessions)',
        params: IdParams,
        body: Type.Object(
          { kind: Type.Optional(AgencyKindName), nameZh: Type.Optional(Name), nameEn: Type.Optional(Name), disabled: Type.Optional(Type.Boolean()) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: AgencyOut, 400: errorRef, 404: errorRef, ...authErrors },
      },
    },
    async (request) => updateAgency(db, viewerOf(request), actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/users',
    {
      preHandler: requireUser('org.users.read'),
      schema: { tags: ['org'], summary: 'Users in your scope', response: { 200: ListOf(UserOut), ...authErrors } },
    },
    async (request) => {
      const items = await listUsers(db, viewerOf(request));
      return { items, total: items.length };
    },
  );

  r.get(
    '/api/users/:id',
    {
      preHandler: requireUser('org.users.read'),
      schema: {
        tags: ['org'],
        summary: 'One user (the read is audited)',
        params: IdParams,
        response: { 200: UserOut, 400: errorRef, 404: errorRef, ...authErrors },
      },
    },
    async (request) => getUser(db, viewerOf(request), actorOf(request), request.params.id),
  );

  r.post(
    '/api/users',
    {
      preHandler: requireUser('org.users.write'),
      schema: {
        tags: ['org'],
        summary: 'Create a user in your jurisdiction',
        body: Type.Object(
          {
            username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{1,62}$', maxLength: 63 }),
            displayName: Name,
            password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 256 }),
            roles: Roles,
            agencyId: Uuid,
            jurisdictionCode: JurisdictionCode,
          },
          { additionalProperties: false },
        ),
        response: { 201: UserOut, 400: errorRef, ...authErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(db, actorOf(request), request.body, viewerOf(request))),
  );

  r.patch(
    '/api/users/:id',
    {
      preHandler: requireUser('org.users.write'),
      schema: {
        tags: ['org'],
        summary: 'Change a user’s name, roles, agency, jurisdiction or disabled flag (within your scope)',
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(Name),
            roles: Type.Optional(Roles),
            disabled: Type.Optional(Type.Boolean()),
            agencyId: Type.Optional(Uuid),
            jurisdictionCode: Type.Optional(JurisdictionCode),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: UserOut, 400: errorRef, 404: errorRef, ...authErrors },
      },
    },
    async (request) => updateUser(db, viewerOf(request), actorOf(request), request.params.id, request.body),
  );
}
