import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  CAMPAIGN_AGENCY_ROLES,
  CAMPAIGN_KINDS,
  CAMPAIGN_STATUSES,
  createCampaign,
  extendCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from '../../modules/campaigns/index.ts';
import { actorOf, requireUser, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { asJson } from '../present.ts';
import { authErrors, DateTime, Day, errorRef, JurisdictionCode, Uuid } from '../schemas.ts';

/** The code cases carry (`cases.campaign_codes`): letters, digits, dot, dash, underscore. */
const CampaignCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' });
const Named = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });
const AgencyOut = Type.Object({
  agencyId: Type.String(),
  role: Type.Enum(CAMPAIGN_AGENCY_ROLES),
  nameZh: Type.String(),
  nameEn: Type.String(),
  kind: Type.String(),
});
const CampaignSummaryOut = Type.Object({
  id: Type.String(),
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  kind: Type.Enum(CAMPAIGN_KINDS),
  startsOn: Type.String(),
  endsOn: Type.String(),
  originalEndsOn: Type.String(),
  status: Type.Enum(CAMPAIGN_STATUSES),
  jurisdictionCodes: Type.Array(Type.String()),
  categoryCodes: Type.Array(Type.String()),
  jurisdictions: Type.Array(Named),
  agencies: Type.Array(AgencyOut),
});
const CampaignDetailOut = Type.Object({
  ...CampaignSummaryOut.properties,
  descriptionZh: Type.String(),
  descriptionEn: Type.String(),
  categories: Type.Array(Named),
  extensions: Type.Array(
    Type.Object({ decidedOn: Type.String(), previousEndsOn: Type.String(), newEndsOn: Type.String(), reason: Type.String(), recordedAt: DateTime }),
  ),
  memberCases: Type.Integer({ description: 'cases carrying the code that you may see' }),
  editable: Type.Boolean({ description: 'whether you may change it' }),
});

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const CampaignFields = {
  nameZh: Text(200),
  nameEn: Text(200),
  kind: Type.Enum(CAMPAIGN_KINDS),
  startsOn: Day,
  descriptionZh: Type.Optional(Type.String({ maxLength: 10_000 })),
  descriptionEn: Type.Optional(Type.String({ maxLength: 10_000 })),
  jurisdictionCodes: Type.Array(JurisdictionCode, { minItems: 1, maxItems: 100, description: 'roots of the jurisdiction subtrees in scope' }),
  categoryCodes: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200, description: 'case categories in scope; none = all' }),
  ),
  agencies: Type.Array(Type.Object({ agencyId: Uuid, role: Type.Enum(CAMPAIGN_AGENCY_ROLES) }, { additionalProperties: false }), {
    minItems: 1,
    maxItems: 100,
  }),
};
const CodeParams = Type.Object({ code: CampaignCode }, { additionalProperties: false });

/** Special campaigns (专项行动): list, page, organise, extend. */
export function campaignRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const tags = ['campaigns'];

  r.get(
    '/api/campaigns',
    {
      preHandler: requireUser('campaigns.read'),
      schema: {
        tags,
        summary: 'Campaigns you take part in or whose scope overlaps your jurisdiction, newest first',
        querystring: Type.Object(
          { status: Type.Optional(Type.Enum(CAMPAIGN_STATUSES)), q: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(CampaignSummaryOut) }), 400: errorRef, ...authErrors },
      },
    },
    async (request) => ({ items: asJson(await listCampaigns(db, viewerOf(request), request.query)) }),
  );

  r.get(
    '/api/campaigns/:code',
    {
      preHandler: requireUser('campaigns.read'),
      schema: {
        tags,
        summary: 'A campaign: period and its extensions, agencies, scope, member cases',
        params: CodeParams,
        response: { 200: CampaignDetailOut, 404: errorRef, ...authErrors },
      },
    },
    async (request) => asJson(await getCampaign(db, viewerOf(request), request.params.code)),
  );

  r.post(
    '/api/campaigns',
    {
      preHandler: requireUser('campaigns.write'),
      schema: {
        tags,
        summary: 'Organise a campaign within your jurisdiction',
        body: Type.Object({ code: CampaignCode, ...CampaignFields, endsOn: Day }, { additionalProperties: false }),
        response: { 201: CampaignDetailOut, 400: errorRef, ...authErrors },
      },
    },
    async (request, reply) => {
      return reply.status(201).send(asJson(await createCampaign(db, viewerOf(request), actorOf(request), request.body)));
    },
  );

  r.patch(
    '/api/campaigns/:code',
    {
      preHandler: requireUser('campaigns.write'),
      schema: {
        tags,
        summary: 'Change a campaign (its end moves only by an extension)',
        params: CodeParams,
        body: Type.Partial(Type.Object(CampaignFields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: CampaignDetailOut, 400: errorRef, 404: errorRef, ...authErrors },
      },
    },
    async (request) => asJson(await updateCampaign(db, viewerOf(request), actorOf(request), request.params.code, request.body)),
  );

  r.post(
    '/api/campaigns/:code/extensions',
    {
      preHandler: requireUser('campaigns.write'),
      schema: {
        tags,
        summary: 'Extend a campaign: the new end, the day it was decided and why (kept as history)',
        params: CodeParams,
        body: Type.Object({ newEndsOn: Day, decidedOn: Day, reason: Text(2000) }, { additionalProperties: false }),
        response: { 200: CampaignDetailOut, 400: errorRef, 404: errorRef, ...authErrors },
      },
    },
    async (request) => asJson(await extendCampaign(db, viewerOf(request), actorOf(request), request.params.code, request.body)),
  );
}
