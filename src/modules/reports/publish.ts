import { desc, eq } from 'drizzle-orm';
import { notFound } from '../../core/errors.ts';
import type { Db, Executor } from '../../db/client.ts';
import { type Actor, appendAudit } from '../audit/index.ts';
import type { Viewer } from '../org/index.ts';
import { figureName } from './render.ts';
import { buildReport, type ReportRequest, reportHeading, reportText } from './report.ts';
import { publishedReports } from './schema.ts';

/** What the public sees of a figure: an aggregate, never a record. */
export interface PublishedFigure {
  key: string;
  metric: string;
  name: { zh: string; en: string };
  unit: { zh: string; en: string };
  value: number | null;
  previous: number | null;
  changePct: number | null;
}

export interface PublishedReport {
  id: string;
  jurisdictionCode: string;
  periodFrom: string;
  periodTo: string;
  titleZh: string;
  titleEn: string;
  textZh: string;
  textEn: string;
  figures: PublishedFigure[];
  publishedAt: Date;
}

/** Writes the report and publishes its text and figures to the public portal, audited in the same transaction. */
export async function publishReport(db: Db, viewer: Viewer, actor: Actor, request: ReportRequest): Promise<PublishedReport> {
  const report = await buildReport(db, viewer, request);
  const figures: PublishedFigure[] = report.figures.map(({ key, figure: f }) => ({
    key,
    metric: f.metric,
    name: { zh: figureName(f, 'zh'), en: figureName(f, 'en') },
    unit: f.unitName,
    value: f.value,
    previous: f.comparison?.previous ?? null,
    changePct: f.comparison?.changePct ?? null,
  }));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(publishedReports)
      .values({
        jurisdictionCode: report.jurisdiction,
        periodFrom: report.period.from,
        periodTo: report.period.to,
        titleZh: reportHeading(report, 'zh').title,
        titleEn: reportHeading(report, 'en').title,
        textZh: reportText(report, 'zh'),
        textEn: reportText(report, 'en'),
        figures,
        publishedBy: viewer.userId,
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'report.publish',
      entityType: 'published_report',
      entityId: row!.id,
      jurisdictionCode: report.jurisdiction,
      after: { jurisdiction: report.jurisdiction, period: report.period },
    });
    return present(row!);
  });
}

function present(row: typeof publishedReports.$inferSelect): PublishedReport {
  return {
    id: row.id,
    jurisdictionCode: row.jurisdictionCode,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    textZh: row.textZh,
    textEn: row.textEn,
    figures: row.figures as PublishedFigure[],
    publishedAt: row.publishedAt,
  };
}

export async function listPublishedReports(db: Executor): Promise<PublishedReport[]> {
  return (await db.select().from(publishedReports).orderBy(desc(publishedReports.publishedAt)).limit(100)).map(present);
}

export async function getPublishedReport(db: Executor, id: string): Promise<PublishedReport> {
  const [row] = await db.select().from(publishedReports).where(eq(publishedReports.id, id)).limit(1);
  if (!row) throw notFound('reports.not_found');
  return present(row);
}
