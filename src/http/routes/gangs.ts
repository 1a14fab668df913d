import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  addGangCase,
  captureFugitive,
  createGang,
  declareFugitive,
  dismantleGang,
  GANG_KINDS,
  getGang,
  listFugitives,
  listGangs,
  setGangLeader,
} from '../../modules/cases/index.ts';
import { actorOf, requireUser, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { personal } from '../personal-data.ts';
import { asJson } from '../present.ts';
import { authErrors, DateTime, errorRef, JurisdictionCode, Nullable, Uuid } from '../schemas.ts';

const GangOut = Type.Object({
  id: Type.String(),
  gangRef: Nullable(Type.String()),
  kind: Type.Enum(GANG_KINDS),
  name: Type.String(),
  jurisdictionCode: Type.String(),
  dismantledAt: Nullable(Type.String()),
  memberCount: Type.Integer(),
  caseCount: Type.Integer(),
});
const FugitiveOut = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  caseId: Type.String(),
  caseNo: Type.String(),
  name: personal(Type.String()),
  wantedSince: Type.String(),
  capturedAt: Nullable(Type.String()),
  capturingAgencyId: Nullable(Type.String()),
  jurisdictionCode: Type.String(),
});

/** Gangs (涉黑涉恶团伙) and fugitives (在逃人员): groups and people across cases. */
export function gangRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const tags = ['gangs'];
  const GangParams = Type.Object({ id: Uuid }, { additionalProperties: false });

  r.get(
    '/api/gangs',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'Gangs in your scope',
        querystring: Type.Object(
          { kind: Type.Optional(Type.Enum(GANG_KINDS)), dismantled: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(GangOut) }), 400: errorRef, ...authErrors },
      },
    },
    async (request) => ({ items: asJson(await listGangs(db, viewerOf(request), request.query)) }),
  );

  r.post(
    '/api/gangs',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags,
        summary: 'Record a gang',
        body: Type.Object(
          {
            kind: Type.Enum(GANG_KINDS),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            jurisdictionCode: JurisdictionCode,
            gangRef: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: GangOut, 400: errorRef, ...authErrors },
      },
    },
    async (request, reply) => reply.status(201).send(asJson(await createGang(db, viewerOf(request), actorOf(request), request.body))),
  );

  r.get(
    '/api/gangs/:id',
    {
      config: { personalReadsAudited: 'module' },
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'A gang with members and cases',
        params: GangParams,
        response: {
          200: Type.Object({
            ...GangOut.properties,
            members: Type.Array(Type.Object({ personId: Type.String(), name: personal(Type.String()), isLeader: Type.Boolean() })),
            cases: Type.Array(Type.Object({ id: Type.String(), caseNo: Type.String(), title: Type.String(), status: Type.String() })),
          }),
          404: errorRef,
          ...authErrors,
        },
      },
    },
    async (request) => asJson(await getGang(db, viewerOf(request), actorOf(request), request.params.id)),
  );

  r.post(
    '/api/gangs/:id/cases',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags,
        summary: 'Attribute a case to the gang (its suspects become members)',
        params: GangParams,
        body: Type.Object({ caseId: Uuid }, { additionalProperties: false }),
        response: { 204: Type.Null(), 400: errorRef, 404: errorRef, ...authErrors },
      },
    },
    async (request, reply) => {
      await addGangCase(db, viewerOf(request), actorOf(request), request.params.id, request.body.caseId);
      return reply.status(204).send(null);
    },
  );

  r.put(
    '/api/gangs/:id/members/:personId',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags,
        summary: 'Mark a member as leader or not',
        params: Type.Object({ id: Uuid, personId: Uuid }, { additionalProperties: false }),
        body: Type.Object({ isLeader: Type.Boolean() }, { additionalProperties: false }),
        response: { 204: Type.Null(), 404: errorRef, ...authErrors },
      },
    },
    async (request, reply) => {
      await setGangLeader(db, viewerOf(request), actorOf(request), request.params.id, request.params.personId, request.body.isLeader);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/gangs/:id/dismantle',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags,
        summary: 'Record the date the gang was dismantled (打掉)',
        params: GangParams,
        body: Type.Object({ at: DateTime }, { additionalProperties: false }),
        response: { 200: GangOut, 400: errorRef, 404: errorRef, 409: errorRef, ...authErrors },
      },
    },
    async (request) => asJson(await dismantleGang(db, viewerOf(request), actorOf(request), request.params.id, new Date(request.body.at))),
  );

  r.get(
    '/api/fugitives',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags: ['fugitives'],
        summary: 'Wanted suspects of the cases in your scope',
        querystring: Type.Object({ status: Type.Optional(Type.Enum(['at_large', 'captured'] as const)) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(FugitiveOut) }), 400: errorRef, ...authErrors },
      },
    },
    async (request) => ({ items: asJson(await listFugitives(db, viewerOf(request), request.query)) }),
  );

  r.post(
    '/api/cases/:id/fugitives',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags: ['fugitives'],
        summary: 'Issue a wanted notice for a suspect of the case',
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        body: Type.Object({ personId: Uuid, wantedSince: DateTime }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String() }), 400: errorRef, 404: errorRef, 409: errorRef, ...authErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await declareFugitive(
            db,
            viewerOf(request),
            actorOf(request),
            request.params.id,
            request.body.personId,
            new Date(request.body.wantedSince),
          ),
        ),
  );

  r.post(
    '/api/fugitives/:id/capture',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags: ['fugitives'],
        summary: 'Record the capture (抓获) of a fugitive',
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        body: Type.Object({ capturedAt: DateTime, capturingAgencyId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 200: FugitiveOut, 400: errorRef, 404: errorRef, 409: errorRef, ...authErrors },
      },
    },
    async (request) =>
      asJson(
        await captureFugitive(
          db,
          viewerOf(request),
          actorOf(request),
          request.params.id,
          new Date(request.body.capturedAt),
          request.body.capturingAgencyId,
        ),
      ),
  );
}
