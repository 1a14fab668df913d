// Statistics: dashboard, figures, the records behind them, monthly series, forecasts.
import { api } from './client';
import type { ItemOf, QueryOf, ResponseOf } from './schema';

export type Dashboard = ResponseOf<'/api/stats/dashboard'>;
export type Figure = Dashboard['figures'][number];
export type LocalText = Figure['name'];
export type Comparison = QueryOf<'/api/stats/by-jurisdiction'>['compare'] & string;
export const COMPARISONS: Comparison[] = ['yoy', 'prev', 'mom', 'ytd', 'd28'];

/** Period and filters every figure is asked for with. */
export type StatsScope = Omit<QueryOf<'/api/stats/series'>, 'metric'>;
export type Breakdown = Dashboard['byJurisdiction'][number];
export type GroupFigures = ResponseOf<'/api/stats/by-jurisdiction'>;
export type GroupFigure = GroupFigures['items'][number];
export type DrilldownQuery = QueryOf<'/api/stats/drilldown'>;
export type Drilldown = ResponseOf<'/api/stats/drilldown'>;
export type DrilldownItem = Drilldown['items'][number];
export type Series = ResponseOf<'/api/stats/series'>;
export type Forecast = ResponseOf<'/api/stats/forecast'>;
type MetricList = ResponseOf<'/api/stats/metrics'>;
export type MetricInfo = ItemOf<MetricList>;

type Query = Record<string, string | number | undefined>;
const q = (value: object): Query => value as Query;

export const getDashboard = (query: QueryOf<'/api/stats/dashboard'>, signal?: AbortSignal) =>
  api.get<Dashboard>('/api/stats/dashboard', { query: q(query), signal });
export const getLatestMonth = (signal?: AbortSignal) => api.get<ResponseOf<'/api/stats/latest'>>('/api/stats/latest', { signal });
export const getDrilldown = (query: DrilldownQuery, signal?: AbortSignal) => api.get<Drilldown>('/api/stats/drilldown', { query: q(query), signal });
export const getSeries = (query: QueryOf<'/api/stats/series'>, signal?: AbortSignal) =>
  api.get<Series>('/api/stats/series', { query: q(query), signal });
export const getForecast = (query: QueryOf<'/api/stats/forecast'>, signal?: AbortSignal) =>
  api.get<Forecast>('/api/stats/forecast', { query: q(query), signal });
export const getByJurisdiction = (query: QueryOf<'/api/stats/by-jurisdiction'>, signal?: AbortSignal) =>
  api.get<GroupFigures>('/api/stats/by-jurisdiction', { query: q(query), signal });
export const getMetrics = () => api.get<MetricList>('/api/stats/metrics');
export const getByCampaign = (query: QueryOf<'/api/stats/by-campaign'>, signal?: AbortSignal) =>
  api.get<ResponseOf<'/api/stats/by-campaign'>>('/api/stats/by-campaign', { query: q(query), signal });
