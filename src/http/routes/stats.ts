import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  COMPARISONS,
  computeFigure,
  dashboard,
  drilldown,
  forecastMetric,
  groupFigures,
  latestRecordedMonth,
  METRICS,
  monthlySeries,
  UNITS,
} from '../../modules/stats/index.ts';
import { requireUser, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { asJson } from '../present.ts';
import { authErrors, Day, errorRef, JurisdictionCode, Nullable } from '../schemas.ts';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const MetricCode = Type.String({ minLength: 1, maxLength: 64, description: 'a metric code (GET /api/stats/metrics)' });
const CategoryCode = Type.String({ minLength: 1, maxLength: 100 });
const CampaignCode = Type.String({ minLength: 1, maxLength: 64 });
const Compare = Type.Enum(COMPARISONS);
const UnitName = Type.Enum(Object.keys(UNITS));

const ScopeQuery = {
  from: Day,
  to: Day,
  jurisdiction: Type.Optional(JurisdictionCode),
  category: Type.Optional(CategoryCode),
  campaign: Type.Optional(CampaignCode),
};

const Significance = Type.Object({ significant: Nullable(Type.Boolean()), pValue: Nullable(Type.Number()), test: Type.String() });
const FigureOut = Type.Object({
  metric: Type.String(),
  version: Type.Integer(),
  name: Text,
  unit: UnitName,
  unitName: Text,
  definition: Text,
  source: Type.String(),
  scope: Type.Object({
    jurisdiction: Type.String(),
    jurisdictionName: Text,
    category: Nullable(Type.String()),
    categoryName: Nullable(Text),
    campaign: Nullable(Type.String()),
    from: Type.String(),
    to: Type.String(),
  }),
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  breakdown: Type.Array(Type.Object({ dim: Type.String(), name: Text, value: Type.Number(), previous: Nullable(Type.Number()) })),
  comparison: Nullable(
    Type.Object({
      kind: Compare,
      period: Type.Object({ from: Type.String(), to: Type.String() }),
      previous: Nullable(Type.Number()),
      difference: Nullable(Type.Number()),
      changePct: Nullable(Type.Number()),
      significance: Significance,
    }),
  ),
  fromRollup: Type.Boolean(),
});
const Breakdown = Type.Object({ code: Type.String(), name: Text, value: Nullable(Type.Number()) });
const ComparisonOut = FigureOut.properties.comparison;
const GroupFiguresOut = Type.Object({
  metric: Type.String(),
  version: Type.Integer(),
  name: Text,
  unit: UnitName,
  unitName: Text,
  grouping: Type.Union([Type.Literal('children'), Type.Literal('campaigns')]),
  scope: Type.Object({
    jurisdiction: Type.String(),
    jurisdictionName: Text,
    level: Type.String(),
    category: Nullable(Type.String()),
    campaign: Nullable(Type.String()),
    from: Type.String(),
    to: Type.String(),
  }),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Text,
      value: Nullable(Type.Number()),
      numerator: Nullable(Type.Number()),
      denominator: Nullable(Type.Number()),
      comparison: ComparisonOut,
    }),
  ),
});
const statusErrors = { 400: errorRef, 404: errorRef, ...authErrors };

/** Statistics: metric definitions, figures with comparisons, the records behind them, trends, forecasts, the CompStat dashboard. */
export function statsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const tags = ['stats'];

  r.get(
    '/api/stats/metrics',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'The metric definitions (what each counts, from where, in which unit)',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                code: Type.String(),
                version: Type.Integer(),
                name: Text,
                counts: Text,
                source: Type.String(),
                unit: UnitName,
                unitName: Text,
                kind: Type.String(),
                key: Type.Boolean(),
                breakdown: Nullable(Type.Array(Type.Object({ dim: Type.String(), name: Text }))),
              }),
            ),
          }),
          ...authErrors,
        },
      },
    },
    async () => ({
      items: METRICS.map((m) => ({
        code: m.code,
        version: m.version,
        name: m.name,
        counts: m.counts,
        source: m.source,
        unit: m.unit,
        unitName: UNITS[m.unit],
        kind: m.rule.kind,
        key: Boolean(m.key),
        breakdown: m.breakdown ? Object.entries(m.breakdown).map(([dim, name]) => ({ dim, name })) : null,
      })),
    }),
  );

  r.get(
    '/api/stats/figures',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'A metric for a scope and period, with a comparison (prev, yoy, mom, ytd, d28)',
        querystring: Type.Object({ metric: MetricCode, ...ScopeQuery, compare: Type.Optional(Compare) }, { additionalProperties: false }),
        response: { 200: FigureOut, ...statusErrors },
      },
    },
    async (request) => asJson(await computeFigure(db, viewerOf(request), request.query)),
  );

  r.get(
    '/api/stats/by-jurisdiction',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'A metric for every child jurisdiction of the scope, with comparison (the choropleth map); one query per fact, not one per child',
        querystring: Type.Object({ metric: MetricCode, ...ScopeQuery, compare: Type.Optional(Compare) }, { additionalProperties: false }),
        response: { 200: GroupFiguresOut, ...statusErrors },
      },
    },
    async (request) => asJson(await groupFigures(db, viewerOf(request), request.query, 'children')),
  );

  r.get(
    '/api/stats/by-campaign',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'A metric for every campaign with records in the scope (cases.campaign_codes), largest first, with comparison',
        querystring: Type.Object({ metric: MetricCode, ...ScopeQuery, compare: Type.Optional(Compare) }, { additionalProperties: false }),
        response: { 200: GroupFiguresOut, ...statusErrors },
      },
    },
    async (request) => asJson(await groupFigures(db, viewerOf(request), request.query, 'campaigns')),
  );

  r.get(
    '/api/stats/drilldown',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'The records behind a figure, a page at a time (no personal data)',
        querystring: Type.Object(
          {
            metric: MetricCode,
            ...ScopeQuery,
            compare: Type.Optional(Compare),
            side: Type.Optional(Type.Union([Type.Literal('current'), Type.Literal('previous')])),
            part: Type.Optional(Type.Union([Type.Literal('numerator'), Type.Literal('denominator')])),
            dim: Type.Optional(Type.String({ maxLength: 100 })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            metric: Type.String(),
            period: Type.Object({ from: Type.String(), to: Type.String() }),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            items: Type.Array(
              Type.Object({
                recordKind: Type.String(),
                recordId: Type.String(),
                caseId: Nullable(Type.String()),
                caseNo: Nullable(Type.String()),
                title: Nullable(Type.String()),
                categoryCode: Type.String(),
                jurisdictionCode: Type.String(),
                at: Type.String(),
                dim: Type.String(),
                value: Type.Number(),
              }),
            ),
          }),
          ...statusErrors,
        },
      },
    },
    async (request) => asJson(await drilldown(db, viewerOf(request), request.query)),
  );

  r.get(
    '/api/stats/series',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'A metric month by month',
        querystring: Type.Object({ metric: MetricCode, ...ScopeQuery }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            metric: Type.String(),
            points: Type.Array(Type.Object({ month: Type.String(), from: Type.String(), to: Type.String(), value: Nullable(Type.Number()) })),
          }),
          ...statusErrors,
        },
      },
    },
    async (request) => monthlySeries(db, viewerOf(request), request.query),
  );

  r.get(
    '/api/stats/forecast',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'Forecast of a metric for 3–12 months (ETS), with its backtest error and the seasonal-naive baseline',
        querystring: Type.Object(
          {
            metric: MetricCode,
            to: Day,
            horizon: Type.Integer({ minimum: 3, maximum: 12 }),
            jurisdiction: Type.Optional(JurisdictionCode),
            category: Type.Optional(CategoryCode),
            campaign: Type.Optional(CampaignCode),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            metric: Type.String(),
            horizon: Type.Integer(),
            level: Type.Number(),
            model: Type.String(),
            history: Type.Array(Type.Object({ month: Type.String(), value: Nullable(Type.Number()) })),
            points: Type.Array(
              Type.Object({ month: Type.String(), value: Type.Number(), lower: Type.Number(), upper: Type.Number(), baseline: Type.Number() }),
            ),
            backtest: Nullable(
              Type.Object({
                months: Type.Integer(),
                etsBeatsBaseline: Type.Boolean(),
                ets: Type.Object({ mae: Type.Number(), mape: Nullable(Type.Number()) }),
                seasonalNaive: Type.Object({ mae: Type.Number(), mape: Nullable(Type.Number()) }),
              }),
            ),
          }),
          ...statusErrors,
        },
      },
    },
    async (request) => forecastMetric(db, viewerOf(request), request.query),
  );

  r.get(
    '/api/stats/latest',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'The latest month with a case filed in your jurisdiction (where the dashboard opens)',
        response: { 200: Type.Object({ month: Nullable(Type.String({ format: 'date' })) }), ...statusErrors },
      },
    },
    async (request) => ({ month: await latestRecordedMonth(db, viewerOf(request)) }),
  );

  r.get(
    '/api/stats/dashboard',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'CompStat: key metrics with comparison and significance, and a metric by child jurisdiction and category',
        querystring: Type.Object(
          { ...ScopeQuery, compare: Type.Optional(Compare), breakdownMetric: Type.Optional(MetricCode) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            figures: Type.Array(FigureOut),
            breakdownMetric: Type.String(),
            byJurisdiction: Type.Array(Breakdown),
            byCategory: Type.Array(Breakdown),
          }),
          ...statusErrors,
        },
      },
    },
    async (request) => asJson(await dashboard(db, viewerOf(request), request.query)),
  );
}
