import { type SQL, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import type { Viewer } from '../org/index.ts';
import { factTotals, plainScope } from './facts.ts';
import { type FigureRequest, metricOrThrow } from './figures.ts';
import type { MetricDefinition } from './metrics.ts';
import { checkPeriod, comparisonPeriods, dayStart, type Period, shiftDays } from './period.ts';
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

export interface Drilldown {
  metric: string;
  period: Period;
  total: number;
  page: number;
  pageSize: number;
  items: DrilldownItem[];
}

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

interface Selection {
  fact: string;
  dims?: readonly string[] | undefined;
  stock?: { added: string; removed: string };
}

function selectionOf(metric: MetricDefinition, part: 'numerator' | 'denominator'): Selection {
  const rule = metric.rule;
  switch (rule.kind) {
    case 'count':
      return { fact: rule.fact, dims: rule.dims };
    case 'sum':
      return { fact: rule.fact, dims: Object.keys(rule.dims) };
    case 'rate':
      return selectionOf(metricOrThrow(part === 'numerator' ? rule.numerator : rule.denominator), 'numerator');
    case 'stock_rate': {
      if (part === 'numerator') return selectionOf(metricOrThrow(rule.numerator), 'numerator');
      const fact = (code: string) => selectionOf(metricOrThrow(code), 'numerator').fact;
      return { fact: fact(rule.added), stock: { added: fact(rule.added), removed: fact(rule.removed) } };
    }
  }
}

const COLUMNS = sql`metric, at, jurisdiction_code, category_code, agency_id, campaign_codes, dim, value, record_kind, record_id, case_id`;

/**
 * The facts of one kind dated in [start, end), written against the source table's own date column
 * so its index answers (the same facts as the view stats_facts, which the tests compare).
 */
function factSource(fact: string, start: Date | null, end: Date): SQL {
  const range = (column: SQL) => (start ? sql`${column} >= ${start} and ${column} < ${end}` : sql`${column} < ${end}`);
  const caseCols = sql`c.jurisdiction_code, c.category_code, c.agency_id, c.campaign_codes`;
  switch (fact) {
    case 'cases_filed':
    case 'cases_solved': {
      const column = fact === 'cases_filed' ? sql`c.filed_at` : sql`c.solved_at`;
      return sql`select ${fact}::text as metric, ${column} as at, ${caseCols}, ''::text as dim, 1::numeric as value, 'case'::text as record_kind, c.id::text as record_id, c.id as case_id
        from cases c where ${range(column)}`;
    }
    case 'cold_cases_solved':
      return sql`select 'cold_cases_solved'::text as metric, c.solved_at as at, ${caseCols}, stats_age_band(c.occurred_at, c.solved_at) as dim, 1::numeric as value, 'case'::text as record_kind, c.id::text as record_id, c.id as case_id
        from cases c where ${range(sql`c.solved_at`)} and (c.category_code = 'violent.homicide' or c.category_code like 'violent.homicide.%')
          and c.occurred_at is not null and c.occurred_at <= c.solved_at - interval '1 year'`;
    case 'suspects_arrested':
    case 'persons_prosecuted': {
      const column = fact === 'suspects_arrested' ? sql`p.arrested_at` : sql`p.prosecuted_at`;
      return sql`select ${fact}::text as metric, ${column} as at, ${caseCols}, ''::text as dim, 1::numeric as value, 'party'::text as record_kind, p.person_id::text as record_id, c.id as case_id
        from case_parties p join cases c on c.id = p.case_id where p.role = 'suspect' and ${range(column)}`;
    }
    case 'fugitives_wanted':
    case 'fugitives_captured': {
      const column = fact === 'fugitives_wanted' ? sql`x.wanted_since` : sql`x.captured_at`;
      return sql`select ${fact}::text as metric, ${column} as at, ${caseCols}, ''::text as dim, 1::numeric as value, 'fugitive'::text as record_kind, x.id::text as record_id, c.id as case_id
        from fugitives x join cases c on c.id = x.case_id where ${range(column)}`;
    }
    case 'gangs_dismantled':
      return sql`select 'gangs_dismantled'::text as metric, g.dismantled_at as at, g.jurisdiction_code, ''::text as category_code, g.agency_id, '{}'::text[] as campaign_codes, g.kind as dim, 1::numeric as value, 'gang'::text as record_kind, g.id::text as record_id, null::uuid as case_id
        from gangs g where ${range(sql`g.dismantled_at`)}`;
    case 'property':
      return sql`select 'property'::text as metric, i.at, ${caseCols}, i.kind || ':' || i.unit || ':' || i.action as dim, i.quantity as value, 'property'::text as record_kind, i.id::text as record_id, c.id as case_id
        from property_items i join cases c on c.id = i.case_id where ${range(sql`i.at`)}`;
    default:
      // A fact of a source added later without an indexed path: the view answers.
      return sql`select ${COLUMNS} from stats_facts where metric = ${fact} and ${range(sql`at`)}`;
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
  const conditions: SQL[] = [...plainScope(scope)];
  let source: SQL;
  if (selection.stock) {
    // Wanted before the period ends and not captured before it starts.
    source = factSource(selection.fact, null, end);
    conditions.push(sql`not exists (select 1 from fugitives r where r.id = f.record_id::uuid and r.captured_at < ${start})`);
  } else {
    source = factSource(selection.fact, start, end);
  }
  if (selection.dims)
    conditions.push(
      sql`f.dim in (${sql.join(
        selection.dims.map((d) => sql`${d}`),
        sql`, `,
      )})`,
    );
  if (request.dim !== undefined) conditions.push(sql`f.dim = ${request.dim}`);
  const where = conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
  // The total is the figure's own count when the rollup can give it; otherwise counted here.
  let total: number;
  if (!selection.stock && scope.useRollup) {
    const dims = request.dim !== undefined ? [request.dim] : selection.dims;
    const [byDim] = await factTotals(db, scope, selection.fact, dims, [{ from: period.from, to: period.to }]);
    total = [...byDim!.values()].reduce((sum, v) => sum + v.n, 0);
  } else {
    const [counted] = rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${source}) f where ${where}`));
    total = counted?.n ?? 0;
  }
  const items = rows<{
    record_kind: string;
    record_id: string;
    case_id: string | null;
    case_no: string | null;
    title: string | null;
    category_code: string;
    jurisdiction_code: string;
    at: string | Date;
    dim: string;
    value: string;
  }>(
    await db.execute(sql`
    select f.record_kind, f.record_id, f.case_id, c.case_no, coalesce(c.title, g.name) as title, f.category_code, f.jurisdiction_code, f.at, f.dim, f.value
      from (${source}) f
      left join cases c on c.id = f.case_id
      left join gangs g on f.record_kind = 'gang' and g.id::text = f.record_id
     where ${where}
     order by f.at desc, f.record_id
     limit ${pageSize} offset ${(page - 1) * pageSize}`),
  );
  return {
    metric: metric.code,
    period,
    total,
    page,
    pageSize,
    items: items.map((r) => ({
      recordKind: r.record_kind,
      recordId: r.record_id,
      caseId: r.case_id,
      caseNo: r.case_no,
      title: r.title,
      categoryCode: r.category_code,
      jurisdictionCode: r.jurisdiction_code,
      at: new Date(r.at),
      dim: r.dim,
      value: Number(r.value),
    })),
  };
}
