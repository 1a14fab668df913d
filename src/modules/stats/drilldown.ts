import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { DomainError } from '../../core/errors.ts';
import type { Viewer } from '../org/index.ts';
import { metricOrThrow, type FigureRequest } from './figures.ts';
import type { MetricDefinition } from './metrics.ts';
import { checkPeriod, comparisonPeriods, dayStart, shiftDays, type Period } from './period.ts';
import { plainScope } from './facts.ts';
import { resolveScope } from './scope.ts';

export interface DrilldownRequest extends FigureRequest {
  /** Which side of a comparison: the current period (default) or the comparison period. */
  side?: 'current' | 'previous' | undefined;
  /** For rates: the records of the numerator (default) or of the denominator. */
  part?: 'numerator' | 'denominator' | undefined;
  /** Only this breakdown value (gang kind, age band…). */
  dim?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** A record behind a figure. No personal data: a party is its case and role, never a name. */
export interface DrilldownItem {
  recordKind: string;
  recordId: string;
  caseId: string | null;
  caseNo: string | null;
  title: string | null;
  categoryCode: string;
  jurisdictionCode: string;
  at: Date;
  dim: string;
  value: number;
}

export interface Drilldown { metric: string; period: Period; total: number; page: number; pageSize: number; items: DrilldownItem[] }

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

interface Selection { fact: string; dims?: readonly string[] | undefined; stock?: { added: string; removed: string } }

function selectionOf(metric: MetricDefinition, part: 'numerator' | 'denominator'): Selection {
  const rule = metric.rule;
  switch (rule.kind) {
    case 'count': return { fact: rule.fact, dims: rule.dims };
    case 'sum': return { fact: rule.fact, dims: Object.keys(rule.dims) };
    case 'rate': return selectionOf(metricOrThrow(part === 'numerator' ? rule.numerator : rule.denominator), 'numerator');
    case 'stock_rate': {
      if (part === 'numerator') return selectionOf(metricOrThrow(rule.numerator), 'numerator');
      const fact = (code: string) => selectionOf(metricOrThrow(code), 'numerator').fact;
      return { fact: fact(rule.added), stock: { added: fact(rule.added), removed: fact(rule.removed) } };
    }
  }
}

/** The records behind a figure, newest first, a page at a time. */
export async function drilldown(db: Executor, viewer: Viewer, request: DrilldownRequest): Promise<Drilldown> {
  const metric = metricOrThrow(request.metric);
  const asked = checkPeriod({ from: request.from, to: request.to });
  const scope = await resolveScope(db, viewer, request);
  const periods = request.compare ? comparisonPeriods(asked, request.compare) : { current: asked, previous: asked };
  const period = request.side === 'previous' ? periods.previous : periods.current;
  const selection = selectionOf(metric, request.part ?? 'numerator');
  const page = Math.max(1, request.page ?? 1);
  const pageSize = Math.min(500, Math.max(1, request.pageSize ?? 50));
  const start = dayStart(period.from);
  const end = dayStart(shiftDays(period.to, 1));
  if (request.dim !== undefined && metric.breakdown && !(request.dim in metric.breakdown)) {
    throw new DomainError('validation', 'validation_failed', [{ path: '/dim', message: 'enum' }]);
  }
  const conditions: SQL[] = [sql`f.metric = ${selection.fact}`, ...plainScope(scope)];
  if (selection.stock) {
    // Wanted before the period ends and not captured before it starts.
    conditions.push(sql`f.at < ${end}`);
    conditions.push(sql`not exists (select 1 from stats_facts r where r.metric = ${selection.stock.removed} and r.record_id = f.record_id and r.record_kind = f.record_kind and r.at < ${start})`);
  } else {
    conditions.push(sql`f.at >= ${start} and f.at < ${end}`);
  }
  if (selection.dims) conditions.push(sql`f.dim in (${sql.join(selection.dims.map((d) => sql`${d}`), sql`, `)})`);
  if (request.dim !== undefined) conditions.push(sql`f.dim = ${request.dim}`);
  const where = sql.join(conditions, sql` and `);
  const [counted] = rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from stats_facts f where ${where}`));
  const items = rows<{ record_kind: string; record_id: string; case_id: string | null; case_no: string | null; title: string | null; category_code: string; jurisdiction_code: string; at: string | Date; dim: string; value: string }>(await db.execute(sql`
    select f.record_kind, f.record_id, f.case_id, c.case_no, coalesce(c.title, g.name) as title, f.category_code, f.jurisdiction_code, f.at, f.dim, f.value
      from stats_facts f
      left join cases c on c.id = f.case_id
      left join gangs g on f.record_kind = 'gang' and g.id::text = f.record_id
     where ${where}
     order by f.at desc, f.record_id
     limit ${pageSize} offset ${(page - 1) * pageSize}`));
  return {
    metric: metric.code, period, total: counted?.n ?? 0, page, pageSize,
    items: items.map((r) => ({
      recordKind: r.record_kind, recordId: r.record_id, caseId: r.case_id, caseNo: r.case_no, title: r.title,
      categoryCode: r.category_code, jurisdictionCode: r.jurisdiction_code, at: new Date(r.at), dim: r.dim, value: Number(r.value),
    })),
  };
}
