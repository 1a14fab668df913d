import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  addCategory,
  addParty,
  addProperty,
  CASE_ACTIONS,
  CASE_SORTS,
  CASE_STATUSES,
  type CaseStatus,
  caseAuditTrail,
  caseGraph,
  caseTimeline,
  createCase,
  DATE_FIELDS,
  getCase,
  IDENTIFIER_KINDS,
  linkCases,
  listCases,
  listCategories,
  listLinks,
  listParties,
  listProperty,
  PARTY_ROLES,
  PARTY_STATUSES,
  PROPERTY_ACTIONS,
  PROPERTY_KINDS,
  PROPERTY_UNITS,
  SUPERVISION_LEVELS,
  setSupervision,
  suggestLinks,
  transitionCase,
  unlinkCases,
  updateCase,
  updateParty,
} from '../../modules/cases/index.ts';
import { actorOf, requireUser, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { personal } from '../personal-data.ts';
import { asJson } from '../present.ts';
import { authErrors, DateTime, Day, errorRef, JurisdictionCode, Money, Nullable, Quantity, Uuid } from '../schemas.ts';

const CategoryCode = Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$', maxLength: 100 });
const CampaignCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' });
const Reason = Type.String({ minLength: 1, maxLength: 2000 });
const CaseParams = Type.Object({ id: Uuid }, { additionalProperties: false });

const summaryFields = {
  id: Type.String(),
  caseNo: Type.String(),
  categoryCode: Type.String(),
  title: Type.String(),
  jurisdictionCode: Type.String(),
  status: Type.Enum(CASE_STATUSES),
  reportedAt: Type.String(),
  filedAt: Nullable(Type.String()),
  solvedAt: Nullable(Type.String()),
  prosecutedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  dismissedAt: Nullable(Type.String()),
  supervision: Type.Enum(SUPERVISION_LEVELS),
  lossAmount: Nullable(Type.String()),
  campaignCodes: Type.Array(Type.String()),
};
const CaseSummaryOut = Type.Object({ ...summaryFields, jurisdictionNameZh: Type.String(), jurisdictionNameEn: Type.String() });
const CaseDetailOut = Type.Object(
  {
    ...summaryFields,
    jurisdictionNameZh: Type.String(),
    jurisdictionNameEn: Type.String(),
    summary: Type.String(),
    occurredAt: Nullable(Type.String()),
    agencyId: Type.String(),
    dismissalReason: Nullable(Type.String()),
    supervisionReason: Nullable(Type.String()),
    supervisionSetByUsername: Nullable(Type.String()),
    supervisionSetAt: Nullable(Type.String()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    allowedActions: Type.Array(Type.Enum(CASE_ACTIONS)),
  },
  { $id: 'CaseDetail' },
);
const PartyOut = Type.Object({
  personId: Type.String(),
  role: Type.Enum(PARTY_ROLES),
  status: Type.Enum(PARTY_STATUSES),
  arrestedAt: Nullable(Type.String()),
  detainedAt: Nullable(Type.String()),
  prosecutedAt: Nullable(Type.String()),
  name: personal(Type.String()),
  idNumber: personal(Nullable(Type.String())),
  phone: personal(Nullable(Type.String())),
  masked: Type.Boolean(),
});
const PropertyOut = Type.Object({
  id: Type.String(),
  kind: Type.Enum(PROPERTY_KINDS),
  quantity: Type.String(),
  unit: Type.Enum(PROPERTY_UNITS),
  action: Type.Enum(PROPERTY_ACTIONS),
  at: Type.String(),
  description: Nullable(Type.String()),
  objectRef: Nullable(Type.String()),
});

export const CaseFilterQuery = {
  q: Type.Optional(Type.String({ maxLength: 200 })),
  category: Type.Optional(CategoryCode),
  status: Type.Optional(Type.String({ pattern: `^(${CASE_STATUSES.join('|')})(,(${CASE_STATUSES.join('|')}))*$` })),
  jurisdiction: Type.Optional(JurisdictionCode),
  dateField: Type.Optional(Type.Enum(DATE_FIELDS)),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  campaign: Type.Optional(CampaignCode),
  supervision: Type.Optional(Type.Enum(['any', 'province', 'ministry'] as const)),
  sort: Type.Optional(Type.Enum(CASE_SORTS)),
};

export function caseFiltersFrom(query: { status?: string | undefined } & Record<string, unknown>) {
  return { ...query, status: query.status ? (query.status.split(',') as CaseStatus[]) : undefined };
}

const optionalDate = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

export function caseRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.addSchema(CaseDetailOut);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const detail = { 200: Type.Ref('CaseDetail'), 400: errorRef, 404: errorRef, 409: errorRef, ...authErrors };
  const tags = ['cases'];

  r.get(
    '/api/case-categories',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'The crime taxonomy (dotted codes, a tree)',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ code: Type.String(), parentCode: Nullable(Type.String()), nameZh: Type.String(), nameEn: Type.String() }),
            ),
          }),
          ...authErrors,
        },
      },
    },
    async () => ({ items: await listCategories(db) }),
  );

  r.post(
    '/api/case-categories',
    {
      preHandler: requireUser('cases.taxonomy.write'),
      schema: {
        tags,
        summary: 'Add a category below an existing one (admins)',
        body: Type.Object(
          { code: CategoryCode, nameZh: Type.String({ minLength: 1, maxLength: 100 }), nameEn: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ code: Type.String(), parentCode: Nullable(Type.String()), nameZh: Type.String(), nameEn: Type.String() }),
          400: errorRef,
          ...authErrors,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await addCategory(db, actorOf(request), request.body)),
  );

  r.get(
    '/api/cases',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'Cases in your scope: filters, full-text search (Chinese without spaces), sort, pages',
        querystring: Type.Object(
          {
            ...CaseFilterQuery,
            page: Type.Integer({ minimum: 1, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(CaseSummaryOut),
            total: Type.Integer(),
            totalIsEstimate: Type.Boolean({
              description: 'true when total is an estimate (more than 10,000 matches, 1,000 with a text search): show it as "about N"',
            }),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          400: errorRef,
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      return asJson(await listCases(db, viewerOf(request), caseFiltersFrom(filters), { page, pageSize }));
    },
  );

  r.post(
    '/api/cases',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags,
        summary: 'Record a reported case (case number generated when omitted)',
        body: Type.Object(
          {
            caseNo: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._/-]+$' })),
            categoryCode: CategoryCode,
            title: Type.String({ minLength: 1, maxLength: 300 }),
            summary: Type.Optional(Type.String({ maxLength: 20_000 })),
            jurisdictionCode: JurisdictionCode,
            occurredAt: Type.Optional(DateTime),
            reportedAt: DateTime,
            lossAmount: Type.Optional(Money),
            campaignCodes: Type.Optional(Type.Array(CampaignCode, { maxItems: 20, uniqueItems: true })),
          },
          { additionalProperties: false },
        ),
        response: { ...detail, 201: Type.Ref('CaseDetail') },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await createCase(db, viewerOf(request), actorOf(request), {
        ...body,
        occurredAt: optionalDate(body.occurredAt) ?? undefined,
        reportedAt: new Date(body.reportedAt),
      });
      return reply.status(201).send(asJson(created));
    },
  );

  r.get(
    '/api/cases/:id',
    {
      preHandler: requireUser('cases.read'),
      schema: { tags, summary: 'One case (404 outside your scope)', params: CaseParams, response: detail },
    },
    async (request) => asJson(await getCase(db, viewerOf(request), request.params.id)),
  );

  r.patch(
    '/api/cases/:id',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags,
        summary: 'Edit a case’s descriptive fields',
        params: CaseParams,
        body: Type.Object(
          {
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
            summary: Type.Optional(Type.String({ maxLength: 20_000 })),
            categoryCode: Type.Optional(CategoryCode),
            occurredAt: Type.Optional(Nullable(DateTime)),
            lossAmount: Type.Optional(Nullable(Money)),
            campaignCodes: Type.Optional(Type.Array(CampaignCode, { maxItems: 20, uniqueItems: true })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: detail,
      },
    },
    async (request) => {
      const { occurredAt, ...rest } = request.body;
      return asJson(await updateCase(db, viewerOf(request), actorOf(request), request.params.id, { ...rest, occurredAt: optionalDate(occurredAt) }));
    },
  );

  r.post(
    '/api/cases/:id/transitions',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags,
        summary: 'Move a case along its lifecycle: file (立案), solve (破案), prosecute (移送起诉), close (结案), dismiss (撤案), reopen',
        params: CaseParams,
        body: Type.Object(
          { action: Type.Enum(CASE_ACTIONS), at: Type.Optional(DateTime), reason: Type.Optional(Reason) },
          { additionalProperties: false },
        ),
        response: detail,
      },
    },
    async (request) => {
      const { action, at, reason } = request.body;
      return asJson(
        await transitionCase(db, viewerOf(request), actorOf(request), request.params.id, action, { at: optionalDate(at) ?? undefined, reason }),
      );
    },
  );

  r.put(
    '/api/cases/:id/supervision',
    {
      preHandler: requireUser('cases.supervise'),
      schema: {
        tags,
        summary: 'Set or clear supervision (督办) with a reason',
        params: CaseParams,
        body: Type.Object({ level: Type.Enum(SUPERVISION_LEVELS), reason: Type.Optional(Reason) }, { additionalProperties: false }),
        response: detail,
      },
    },
    async (request) =>
      asJson(await setSupervision(db, viewerOf(request), actorOf(request), request.params.id, request.body.level, request.body.reason)),
  );

  r.get(
    '/api/cases/:id/timeline',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'The case’s history',
        params: CaseParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                at: Type.String(),
                kind: Type.String(),
                note: Nullable(Type.String()),
                actorUsername: Nullable(Type.String()),
                actorDisplayName: Nullable(Type.String()),
              }),
            ),
          }),
          404: errorRef,
          ...authErrors,
        },
      },
    },
    async (request) => ({ items: asJson(await caseTimeline(db, viewerOf(request), request.params.id)) }),
  );

  r.get(
    '/api/cases/:id/parties',
    {
      config: { personalReadsAudited: 'module' },
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'Suspects, victims and witnesses (masked for roles without need; reads audited)',
        params: CaseParams,
        response: { 200: Type.Object({ items: Type.Array(PartyOut) }), 404: errorRef, ...authErrors },
      },
    },
    async (request) => ({ items: asJson(await listParties(db, viewerOf(request), actorOf(request), request.params.id)) }),
  );

  r.post(
    '/api/cases/:id/parties',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags,
        summary: 'Add a party to a case',
        params: CaseParams,
        body: Type.Object(
          {
            role: Type.Enum(PARTY_ROLES),
            name: Type.String({ minLength: 1, maxLength: 100 }),
            idNumber: Type.Optional(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$|^[A-Za-z0-9]{6,20}$' })),
            phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 -]{5,20}$' })),
            status: Type.Optional(Type.Enum(PARTY_STATUSES)),
            arrestedAt: Type.Optional(DateTime),
          },
          { additionalProperties: false },
        ),
        response: { 201: PartyOut, 400: errorRef, 404: errorRef, ...authErrors },
      },
    },
    async (request, reply) => {
      const { arrestedAt, ...rest } = request.body;
      const party = await addParty(db, viewerOf(request), actorOf(request), request.params.id, {
        ...rest,
        arrestedAt: optionalDate(arrestedAt) ?? undefined,
      });
      return reply.status(201).send(asJson(party));
    },
  );

  r.patch(
    '/api/cases/:id/parties/:personId',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags,
        summary: 'Change a party’s status: at large, arrested (抓获), detained, prosecuted',
        params: Type.Object({ id: Uuid, personId: Uuid }, { additionalProperties: false }),
        body: Type.Object(
          {
            role: Type.Enum(PARTY_ROLES),
            status: Type.Optional(Type.Enum(PARTY_STATUSES)),
            arrestedAt: Type.Optional(DateTime),
            detainedAt: Type.Optional(DateTime),
            prosecutedAt: Type.Optional(DateTime),
          },
          { additionalProperties: false },
        ),
        response: { 200: PartyOut, 400: errorRef, 404: errorRef, ...authErrors },
      },
    },
    async (request) => {
      const { role, status, arrestedAt, detainedAt, prosecutedAt } = request.body;
      return asJson(
        await updateParty(db, viewerOf(request), actorOf(request), request.params.id, request.params.personId, {
          role,
          status,
          arrestedAt: optionalDate(arrestedAt) ?? undefined,
          detainedAt: optionalDate(detainedAt) ?? undefined,
          prosecutedAt: optionalDate(prosecutedAt) ?? undefined,
        }),
      );
    },
  );

  r.get(
    '/api/cases/:id/property',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'Property seized, recovered, stopped, frozen or returned',
        params: CaseParams,
        response: { 200: Type.Object({ items: Type.Array(PropertyOut) }), 404: errorRef, ...authErrors },
      },
    },
    async (request) => ({ items: asJson(await listProperty(db, viewerOf(request), request.params.id)) }),
  );

  r.post(
    '/api/cases/:id/property',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags,
        summary: 'Record property',
        params: CaseParams,
        body: Type.Object(
          {
            kind: Type.Enum(PROPERTY_KINDS),
            quantity: Quantity,
            unit: Type.Enum(PROPERTY_UNITS),
            action: Type.Enum(PROPERTY_ACTIONS),
            at: DateTime,
            description: Type.Optional(Type.String({ maxLength: 2000 })),
            objectRef: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: PropertyOut, 400: errorRef, 404: errorRef, ...authErrors },
      },
    },
    async (request, reply) => {
      const item = await addProperty(db, viewerOf(request), actorOf(request), request.params.id, { ...request.body, at: new Date(request.body.at) });
      return reply.status(201).send(asJson(item));
    },
  );

  const LinkOut = Type.Object({
    caseId: Type.String(),
    caseNo: Type.String(),
    title: Type.String(),
    reason: Type.String(),
    createdAt: Type.String(),
  });
  r.get(
    '/api/cases/:id/links',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'Series-linked cases (串并案)',
        params: CaseParams,
        response: { 200: Type.Object({ items: Type.Array(LinkOut) }), 404: errorRef, ...authErrors },
      },
    },
    async (request) => ({ items: asJson(await listLinks(db, viewerOf(request), request.params.id)) }),
  );

  r.post(
    '/api/cases/:id/links',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags,
        summary: 'Link two cases with a reason',
        params: CaseParams,
        body: Type.Object({ otherCaseId: Uuid, reason: Reason }, { additionalProperties: false }),
        response: { 201: LinkOut, 400: errorRef, 404: errorRef, 409: errorRef, ...authErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(asJson(await linkCases(db, viewerOf(request), actorOf(request), request.params.id, request.body.otherCaseId, request.body.reason))),
  );

  r.delete(
    '/api/cases/:id/links/:otherCaseId',
    {
      preHandler: requireUser('cases.write'),
      schema: {
        tags,
        summary: 'Remove a link',
        params: Type.Object({ id: Uuid, otherCaseId: Uuid }, { additionalProperties: false }),
        response: { 204: Type.Null(), 404: errorRef, ...authErrors },
      },
    },
    async (request, reply) => {
      await unlinkCases(db, viewerOf(request), actorOf(request), request.params.id, request.params.otherCaseId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/cases/:id/link-suggestions',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'Candidate series links: shared identifiers and similar modus operandi, across every case you may see',
        params: CaseParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                caseId: Type.String(),
                caseNo: Type.String(),
                title: Type.String(),
                jurisdictionCode: Type.String(),
                score: Type.Number(),
                shared: Type.Array(Type.Object({ kind: Type.Enum(IDENTIFIER_KINDS), value: Type.String() })),
                textSimilarity: Type.Number(),
              }),
            ),
          }),
          404: errorRef,
          ...authErrors,
        },
      },
    },
    async (request) => ({ items: await suggestLinks(db, viewerOf(request), actorOf(request), request.params.id) }),
  );

  r.get(
    '/api/cases/:id/graph',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'The case’s network: parties, identifiers, linked cases and cases sharing them',
        params: CaseParams,
        response: {
          200: Type.Object({
            nodes: Type.Array(
              Type.Object({
                id: Type.String(),
                type: Type.Enum(['case', 'person', 'identifier'] as const),
                label: Type.String(),
                caseId: Type.Optional(Type.String()),
              }),
            ),
            edges: Type.Array(Type.Object({ source: Type.String(), target: Type.String(), kind: Type.String() })),
          }),
          404: errorRef,
          ...authErrors,
        },
      },
    },
    async (request) => caseGraph(db, viewerOf(request), actorOf(request), request.params.id),
  );

  r.get(
    '/api/cases/:id/audit',
    {
      preHandler: requireUser('audit.read'),
      schema: {
        tags,
        summary: 'The audit trail of one case (admins)',
        params: CaseParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                at: Type.String(),
                actorUsername: Nullable(Type.String()),
                action: Type.String(),
                before: Type.Unknown(),
                after: Type.Unknown(),
              }),
            ),
          }),
          404: errorRef,
          ...authErrors,
        },
      },
    },
    async (request) => ({ items: asJson(await caseAuditTrail(db, viewerOf(request), request.params.id)) }),
  );
}
