import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  buildReport,
  DEFAULT_REPORT,
  deleteDefinition,
  formatAmount,
  getPublishedReport,
  listDefinitions,
  listPublishedReports,
  publishReport,
  REPORT_FORMATS,
  renderReport,
  reportHeading,
  saveDefinition,
} from '../../modules/reports/index.ts';
import { actorOf, requireUser, viewerOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { holdPdfRendererWhileOpen, withPdf } from '../pdf.ts';
import { asJson } from '../present.ts';
import { authErrors, Day, errorRef, IdParams, JurisdictionCode, Nullable } from '../schemas.ts';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Lang = Type.Union([Type.Literal('zh'), Type.Literal('en')]);
const ReportBody = {
  jurisdiction: Type.Optional(JurisdictionCode),
  from: Day,
  to: Day,
  definition: Type.Optional(
    Type.Object(
      {},
      { additionalProperties: true, description: 'a report definition (GET /api/reports/default-definition shows the shape); checked by the server' },
    ),
  ),
};
const Section = Type.Object({ id: Type.String(), heading: Type.String(), paragraphs: Type.Array(Type.String()) });
const PublishedFigure = Type.Object({
  key: Type.String(),
  metric: Type.String(),
  name: Text,
  unit: Text,
  value: Nullable(Type.Number()),
  previous: Nullable(Type.Number()),
  changePct: Nullable(Type.Number()),
});
const PublishedOut = Type.Object({
  id: Type.String(),
  jurisdictionCode: Type.String(),
  periodFrom: Type.String(),
  periodTo: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  textZh: Type.String(),
  textEn: Type.String(),
  figures: Type.Array(PublishedFigure),
  publishedAt: Type.String(),
});
const errors = { 400: errorRef, 404: errorRef, ...authErrors };

/** Reports written from the figures: preview, files in four formats, and publication on the public portal. */
export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const tags = ['reports'];
  holdPdfRendererWhileOpen(app);

  r.get(
    '/api/reports/default-definition',
    {
      preHandler: requireUser('cases.read'),
      schema: { tags, summary: 'The shipped report definition', response: { 200: Type.Object({}, { additionalProperties: true }), ...authErrors } },
    },
    async () => DEFAULT_REPORT as unknown as Record<string, unknown>,
  );

  const StoredDefinitionOut = Type.Object({
    id: Type.String(),
    jurisdictionCode: Type.String(),
    name: Type.String(),
    definition: Type.Object({}, { additionalProperties: true }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  });
  const SaveBody = Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 100 }),
      definition: Type.Object({}, { additionalProperties: true, description: 'a report definition; checked like one given to preview' }),
    },
    { additionalProperties: false },
  );

  r.get(
    '/api/reports/definitions',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'Saved report definitions of your jurisdiction and those below it',
        response: { 200: Type.Object({ items: Type.Array(StoredDefinitionOut) }), ...authErrors },
      },
    },
    async (request) => ({ items: asJson(await listDefinitions(db, viewerOf(request))) }),
  );

  r.post(
    '/api/reports/definitions',
    {
      preHandler: requireUser('cases.supervise'),
      schema: {
        tags,
        summary: 'Save a report definition (checked; audited)',
        body: SaveBody,
        response: { 201: StoredDefinitionOut, 409: errorRef, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(asJson(await saveDefinition(db, viewerOf(request), actorOf(request), request.body))),
  );

  r.put(
    '/api/reports/definitions/:id',
    {
      preHandler: requireUser('cases.supervise'),
      schema: {
        tags,
        summary: 'Replace a saved report definition (checked; audited)',
        params: IdParams,
        body: SaveBody,
        response: { 200: StoredDefinitionOut, 409: errorRef, ...errors },
      },
    },
    async (request) => asJson(await saveDefinition(db, viewerOf(request), actorOf(request), request.body, request.params.id)),
  );

  r.delete(
    '/api/reports/definitions/:id',
    {
      preHandler: requireUser('cases.supervise'),
      schema: {
        tags,
        summary: 'Delete a saved report definition (audited with what it held)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteDefinition(db, viewerOf(request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/reports/preview',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'The report as text sections in both languages, with its figures',
        body: Type.Object(ReportBody, { additionalProperties: false }),
        response: {
          200: Type.Object({
            title: Text,
            subtitle: Text,
            jurisdiction: Type.String(),
            from: Type.String(),
            to: Type.String(),
            sections: Type.Object({ zh: Type.Array(Section), en: Type.Array(Section) }),
            figures: Type.Array(
              Type.Object({
                key: Type.String(),
                metric: Type.String(),
                name: Text,
                unitName: Text,
                value: Nullable(Type.Number()),
                valueText: Type.Object(
                  { zh: Type.String(), en: Type.String() },
                  { description: 'the value with its unit as the report writes it (1 gang, 3,181 cases)' },
                ),
                category: Nullable(Type.String()),
                categoryName: Nullable(Text),
                from: Type.String(),
                to: Type.String(),
                previous: Nullable(Type.Number()),
                changePct: Nullable(Type.Number()),
                significant: Nullable(Type.Boolean()),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const report = await buildReport(db, viewerOf(request), request.body);
      const zh = reportHeading(report, 'zh');
      const en = reportHeading(report, 'en');
      return {
        title: { zh: zh.title, en: en.title },
        subtitle: { zh: zh.subtitle, en: en.subtitle },
        jurisdiction: report.jurisdiction,
        from: report.period.from,
        to: report.period.to,
        sections: report.sections,
        figures: report.figures.map(({ key, figure: f }) => ({
          key,
          metric: f.metric,
          name: f.name,
          unitName: f.unitName,
          value: f.value,
          valueText: { zh: formatAmount(f.value, f.unit, f.unitName, 'zh'), en: formatAmount(f.value, f.unit, f.unitName, 'en') },
          category: f.scope.category,
          categoryName: f.scope.categoryName,
          from: f.scope.from,
          to: f.scope.to,
          previous: f.comparison?.previous ?? null,
          changePct: f.comparison?.changePct ?? null,
          significant: f.comparison?.significance.significant ?? null,
        })),
      };
    },
  );

  r.post(
    '/api/reports/render',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'The report as a file: text, HTML, XLSX (every figure with its definition) or PDF',
        body: Type.Object({ ...ReportBody, lang: Lang, format: Type.Enum(REPORT_FORMATS) }, { additionalProperties: false }),
        response: { 200: Type.String({ description: 'the file', contentMediaType: 'application/octet-stream' }), ...errors, 503: errorRef },
      },
    },
    async (request, reply) => {
      const { lang, format, ...rest } = request.body;
      const report = await buildReport(db, viewerOf(request), rest);
      return withPdf(request, reply, async () => {
        const file = await renderReport(report, lang, format);
        const name = `report-${report.jurisdiction}-${report.period.from}-${report.period.to}-${lang}.${file.extension}`;
        return reply.type(file.contentType).header('content-disposition', `attachment; filename="${name}"`).send(file.body);
      });
    },
  );

  r.get(
    '/api/reports/file',
    {
      preHandler: requireUser('cases.read'),
      schema: {
        tags,
        summary: 'The report with the shipped definition as a file (a download link)',
        querystring: Type.Object(
          { jurisdiction: Type.Optional(JurisdictionCode), from: Day, to: Day, lang: Lang, format: Type.Enum(REPORT_FORMATS) },
          { additionalProperties: false },
        ),
        response: { 200: Type.String({ description: 'the file', contentMediaType: 'application/octet-stream' }), ...errors, 503: errorRef },
      },
    },
    async (request, reply) => {
      const { lang, format, ...rest } = request.query;
      const report = await buildReport(db, viewerOf(request), rest);
      return withPdf(request, reply, async () => {
        const file = await renderReport(report, lang, format);
        const name = `report-${report.jurisdiction}-${report.period.from}-${report.period.to}-${lang}.${file.extension}`;
        return reply.type(file.contentType).header('content-disposition', `attachment; filename="${name}"`).send(file.body);
      });
    },
  );

  r.post(
    '/api/reports/publish',
    {
      preHandler: requireUser('cases.supervise'),
      schema: {
        tags,
        summary: 'Publish the report (text and aggregate figures only) on the public portal',
        body: Type.Object(ReportBody, { additionalProperties: false }),
        response: { 201: PublishedOut, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(asJson(await publishReport(db, viewerOf(request), actorOf(request), request.body))),
  );

  r.get(
    '/api/public/reports',
    {
      schema: {
        tags: ['public'],
        summary: 'Published reports (public, no sign-in)',
        security: [],
        response: { 200: Type.Object({ items: Type.Array(PublishedOut) }) },
      },
    },
    async () => ({ items: asJson(await listPublishedReports(db)) }),
  );

  r.get(
    '/api/public/reports/:id',
    {
      schema: {
        tags: ['public'],
        summary: 'A published report (public, no sign-in)',
        security: [],
        params: IdParams,
        response: { 200: PublishedOut, 404: errorRef },
      },
    },
    async (request) => asJson(await getPublishedReport(db, request.params.id)),
  );
}
