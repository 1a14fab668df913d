// Statistics: dashboard, figures, the records behind them, monthly series, forecasts.
import { api } from './client';

export interface LocalText { zh: string; en: string }
export type Comparison = 'prev' | 'yoy' | 'mom' | 'ytd' | 'd28';
export const COMPARISONS: Comparison[] = ['yoy', 'prev', 'mom', 'ytd', 'd28'];

export interface StatsScope { from: string; to: string; jurisdiction?: string; category?: string; campaign?: string }

export interface Figure {
  metric: string; version: number; name: LocalText; unit: string; unitName: LocalText; definition: LocalText; source: string;
  scope: { jurisdiction: string; jurisdictionName: LocalText; category: string | null; categoryName: LocalText | null; campaign: string | null; from: string; to: string };
  value: number | null; numerator: number | null; denominator: number | null;
  breakdown: Array<{ dim: string; name: LocalText; value: number; previous: number | null }>;
  comparison: null | {
    kind: Comparison; period: { from: string; to: string }; previous: number | null; difference: number | null; changePct: number | null;
    significance: { significant: boolean | null; pValue: number | null; test: string };
  };
  fromRollup: boolean;
}

export interface Breakdown { code: string; name: LocalText; value: number | null }
export interface Dashboard { figures: Figure[]; breakdownMetric: string; byJurisdiction: Breakdown[]; byCategory: Breakdown[] }

export interface GroupFigure { code: string; name: LocalText; value: number | null; numerator: number | null; denominator: number | null; comparison: Figure['comparison'] }
export interface GroupFigures {
  metric: string; version: number; name: LocalText; unit: string; unitName: LocalText; grouping: 'children' | 'campaigns';
  scope: { jurisdiction: string; jurisdictionName: LocalText; level: string; category: string | null; campaign: string | null; from: string; to: string };
  items: GroupFigure[];
}

export interface DrilldownQuery extends StatsScope {
  metric: string; compare?: Comparison; side?: 'current' | 'previous'; part?: 'numerator' | 'denominator'; dim?: string; page?: number; pageSize?: number;
}
export interface DrilldownItem {
  recordKind: string; recordId: string; caseId: string | null; caseNo: string | null; title: string | null;
  categoryCode: string; jurisdictionCode: string; at: string; dim: string; value: number;
}
export interface Drilldown { metric: string; period: { from: string; to: string }; total: number; page: number; pageSize: number; items: DrilldownItem[] }

export interface Series { metric: string; points: Array<{ month: string; from: string; to: string; value: number | null }> }
export interface Forecast {
  metric: string; horizon: number; level: number; model: string;
  history: Array<{ month: string; value: number | null }>;
  points: Array<{ month: string; value: number; lower: number; upper: number; baseline: number }>;
  backtest: null | { months: number; etsBeatsBaseline: boolean; ets: { mae: number; mape: number | null }; seasonalNaive: { mae: number; mape: number | null } };
}

type Query = Record<string, string | number | undefined>;
const q = (value: object): Query => value as Query;

export const getDashboard = (query: StatsScope & { compare?: Comparison; breakdownMetric?: string }, signal?: AbortSignal) =>
  api.get<Dashboard>('/api/stats/dashboard', { query: q(query), signal });
export const getLatestMonth = (signal?: AbortSignal) => api.get<{ month: string | null }>('/api/stats/latest', { signal });
export const getDrilldown = (query: DrilldownQuery, signal?: AbortSignal) => api.get<Drilldown>('/api/stats/drilldown', { query: q(query), signal });
export const getSeries = (query: StatsScope & { metric: string }, signal?: AbortSignal) => api.get<Series>('/api/stats/series', { query: q(query), signal });
export const getForecast = (query: { metric: string; to: string; horizon: number; jurisdiction?: string; category?: string }, signal?: AbortSignal) =>
  api.get<Forecast>('/api/stats/forecast', { query: q(query), signal });
export const getByJurisdiction = (query: StatsScope & { metric: string; compare?: Comparison }, signal?: AbortSignal) =>
  api.get<GroupFigures>('/api/stats/by-jurisdiction', { query: q(query), signal });
export interface MetricInfo { code: string; version: number; name: LocalText; counts: LocalText; source: string; unit: string; unitName: LocalText; kind: string; key: boolean }
export const getMetrics = () => api.get<{ items: MetricInfo[] }>('/api/stats/metrics');
export const getByCampaign = (query: StatsScope & { metric: string; compare?: Comparison }, signal?: AbortSignal) =>
  api.get<GroupFigures>('/api/stats/by-campaign', { query: q(query), signal });
