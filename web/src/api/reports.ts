// Reports: preview in both languages, files to download, publication, and the public list.
import { api, postForDownload } from './client';
import type { BodyOf, ItemOf, ResponseOf } from './schema';
import type { Comparison, LocalText } from './stats';

type RenderBody = BodyOf<'/api/reports/render', 'post'>;
export type ReportLang = RenderBody['lang'];
export type ReportFormat = RenderBody['format'];

/**
 * A report definition (src/modules/reports/definition.ts): figures and sentence templates in zh and en. Typed here by
 * hand because the route schemas declare it as an open object (the server checks it with checkDefinition).
 */
export interface ReportFigureDef {
  metric: string;
  category?: string;
  campaign?: string;
  compare?: Comparison;
  years?: number;
}
export interface ReportDefinition {
  version: 1;
  title: LocalText;
  compare: Comparison;
  rounding?: { changePct?: number; rate?: number };
  figures: Record<string, ReportFigureDef>;
  sections: Array<{ id: string; heading: LocalText; paragraphs: LocalText[] }>;
}
/** With the definition's shape filled in where the schema has an open object. */
type WithDefinition<T extends { definition?: unknown }> = Omit<T, 'definition'> &
  (undefined extends T['definition'] ? { definition?: ReportDefinition } : { definition: ReportDefinition });

export type ReportScope = WithDefinition<BodyOf<'/api/reports/preview', 'post'>>;
export type ReportPreview = ResponseOf<'/api/reports/preview', 'post'>;
export type ReportSection = ReportPreview['sections']['zh'][number];
export type PublishedReport = ResponseOf<'/api/reports/publish', 'post'>;
export type StoredDefinition = WithDefinition<ItemOf<ResponseOf<'/api/reports/definitions'>>>;
type SaveDefinition = WithDefinition<BodyOf<'/api/reports/definitions', 'post'>>;

export const previewReport = (scope: ReportScope) => api.post<ReportPreview>('/api/reports/preview', scope);
export const publishReport = (scope: ReportScope) => api.post<PublishedReport>('/api/reports/publish', scope);
export const listPublishedReports = () => api.get<ResponseOf<'/api/public/reports'>>('/api/public/reports');
/** Downloads the report as a file, built from the definition in `scope` when there is one (POST /api/reports/render). */
export const downloadReport = (scope: ReportScope & Omit<RenderBody, keyof ReportScope | 'definition'>) =>
  postForDownload('/api/reports/render', scope);
export const getDefaultDefinition = () => api.get<ReportDefinition>('/api/reports/default-definition');
export const listDefinitions = () => api.get<{ items: StoredDefinition[] }>('/api/reports/definitions');
export const deleteDefinition = (id: string) => api.delete<void>(`/api/reports/definitions/${id}`);
export const saveDefinition = (body: SaveDefinition, id?: string) =>
  id ? api.put<StoredDefinition>(`/api/reports/definitions/${id}`, body) : api.post<StoredDefinition>('/api/reports/definitions', body);
