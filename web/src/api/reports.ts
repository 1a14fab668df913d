// Reports: preview in both languages, files to download, publication, and the public list.
import { api, postForDownload } from './client';
import type { Comparison, LocalText } from './stats';

export type ReportLang = 'zh' | 'en';
export type ReportFormat = 'text' | 'html' | 'xlsx' | 'pdf';
export interface ReportScope { jurisdiction?: string; from: string; to: string; definition?: ReportDefinition }

/** A report definition (src/modules/reports/definition.ts): figures and sentence templates in zh and en. */
export interface ReportFigureDef { metric: string; category?: string; campaign?: string; compare?: Comparison; years?: number }
export interface ReportDefinition {
  version: 1; title: LocalText; compare: Comparison; rounding?: { changePct?: number; rate?: number };
  figures: Record<string, ReportFigureDef>;
  sections: Array<{ id: string; heading: LocalText; paragraphs: LocalText[] }>;
}

export interface ReportSection { id: string; heading: string; paragraphs: string[] }
export interface ReportPreview {
  title: LocalText; subtitle: LocalText; jurisdiction: string; from: string; to: string;
  sections: { zh: ReportSection[]; en: ReportSection[] };
  figures: Array<{ key: string; metric: string; name: LocalText; unitName: LocalText; value: number | null; category: string | null; from: string; to: string; previous: number | null; changePct: number | null; significant: boolean | null }>;
}

export interface PublishedReport {
  id: string; jurisdictionCode: string; periodFrom: string; periodTo: string; titleZh: string; titleEn: string; textZh: string; textEn: string;
  figures: Array<{ key: string; metric: string; name: LocalText; unit: LocalText; value: number | null; previous: number | null; changePct: number | null }>;
  publishedAt: string;
}

export const previewReport = (scope: ReportScope) => api.post<ReportPreview>('/api/reports/preview', scope);
export const publishReport = (scope: ReportScope) => api.post<PublishedReport>('/api/reports/publish', scope);
export const listPublishedReports = () => api.get<{ items: PublishedReport[] }>('/api/public/reports');
/** A download link for the report with the shipped definition. */
/** Downloads the report as a file, built from the definition in `scope` when there is one (POST /api/reports/render). */
export const downloadReport = (scope: ReportScope & { lang: ReportLang; format: ReportFormat }) => postForDownload('/api/reports/render', scope);
export const getDefaultDefinition = () => api.get<ReportDefinition>('/api/reports/default-definition');
export interface StoredDefinition { id: string; jurisdictionCode: string; name: string; definition: ReportDefinition; createdAt: string; updatedAt: string }
export const listDefinitions = () => api.get<{ items: StoredDefinition[] }>('/api/reports/definitions');
export const deleteDefinition = (id: string) => api.delete<void>(`/api/reports/definitions/${id}`);
export const saveDefinition = (body: { name: string; definition: ReportDefinition }, id?: string) =>
  (id ? api.put<StoredDefinition>(`/api/reports/definitions/${id}`, body) : api.post<StoredDefinition>('/api/reports/definitions', body));
