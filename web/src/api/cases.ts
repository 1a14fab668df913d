// Cases: list/search/export, one case and its tabs, lifecycle transitions, supervision.
import { api, urlWithQuery } from './client';
import type { ResponseOf } from './schema';
import type {
  CaseDetail,
  CaseGraph,
  CaseLink,
  CasePage,
  CaseParty,
  CasePatch,
  CaseQuery,
  CaseTransition,
  NewCase,
  NewCaseLink,
  NewParty,
  NewPropertyItem,
  PartyPatch,
  PropertyItem,
  SupervisionChange,
} from './types';

type CategoryList = ResponseOf<'/api/case-categories'>;

type Query = Record<string, string | number | undefined>;

/** CaseQuery as URL query parameters (statuses comma-separated, empty values dropped). */
export function caseQueryParams(query: CaseQuery): Query {
  return {
    q: query.q || undefined,
    category: query.category || undefined,
    status: query.status && query.status.length ? query.status.join(',') : undefined,
    jurisdiction: query.jurisdiction || undefined,
    dateField: query.from || query.to ? query.dateField : undefined,
    from: query.from || undefined,
    to: query.to || undefined,
    campaign: query.campaign || undefined,
    supervision: query.supervision || undefined,
    sort: query.sort || undefined,
    page: query.page,
    pageSize: query.pageSize,
  };
}

let categoriesPromise: Promise<CategoryList> | undefined;

/** The category tree (flat, with parentCode). Loaded once per page load; a failure is retried next time. */
export function listCaseCategories(): Promise<CategoryList> {
  categoriesPromise ??= api.get<CategoryList>('/api/case-categories').catch((err: unknown) => {
    categoriesPromise = undefined;
    throw err;
  });
  return categoriesPromise;
}

export const listCases = (query: CaseQuery, signal?: AbortSignal) => api.get<CasePage>('/api/cases', { query: caseQueryParams(query), signal });

/** Download link for the filtered list (no paging). */
export const caseExportUrl = (format: 'csv' | 'xlsx', query: CaseQuery) =>
  urlWithQuery('/api/cases/export', { format, ...caseQueryParams({ ...query, page: undefined, pageSize: undefined }) });

export const createCase = (body: NewCase) => api.post<CaseDetail>('/api/cases', body);

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

export const getCase = (id: string, signal?: AbortSignal) => api.get<CaseDetail>(casePath(id), { signal });

export const updateCase = (id: string, body: CasePatch) => api.patch<CaseDetail>(casePath(id), body);

export const transitionCase = (id: string, body: CaseTransition) => api.post<CaseDetail>(`${casePath(id)}/transitions`, body);

export const setSupervision = (id: string, body: SupervisionChange) => api.put<CaseDetail>(`${casePath(id)}/supervision`, body);

export const getTimeline = (id: string, signal?: AbortSignal) =>
  api.get<ResponseOf<'/api/cases/{id}/timeline'>>(`${casePath(id)}/timeline`, { signal });

export const listParties = (id: string, signal?: AbortSignal) =>
  api.get<ResponseOf<'/api/cases/{id}/parties'>>(`${casePath(id)}/parties`, { signal });

export const addParty = (id: string, body: NewParty) => api.post<CaseParty>(`${casePath(id)}/parties`, body);

export const updateParty = (id: string, personId: string, body: PartyPatch) =>
  api.patch<CaseParty>(`${casePath(id)}/parties/${encodeURIComponent(personId)}`, body);

export const listProperty = (id: string, signal?: AbortSignal) =>
  api.get<ResponseOf<'/api/cases/{id}/property'>>(`${casePath(id)}/property`, { signal });

export const addProperty = (id: string, body: NewPropertyItem) => api.post<PropertyItem>(`${casePath(id)}/property`, body);

export const listLinks = (id: string, signal?: AbortSignal) => api.get<ResponseOf<'/api/cases/{id}/links'>>(`${casePath(id)}/links`, { signal });

export const addLink = (id: string, body: NewCaseLink) => api.post<CaseLink>(`${casePath(id)}/links`, body);

export const removeLink = (id: string, otherCaseId: string) => api.delete<void>(`${casePath(id)}/links/${encodeURIComponent(otherCaseId)}`);

export const listLinkSuggestions = (id: string, signal?: AbortSignal) =>
  api.get<ResponseOf<'/api/cases/{id}/link-suggestions'>>(`${casePath(id)}/link-suggestions`, { signal });

export const getCaseGraph = (id: string, signal?: AbortSignal) => api.get<CaseGraph>(`${casePath(id)}/graph`, { signal });

/** Admins only (403 otherwise). */
export const getCaseAudit = (id: string, signal?: AbortSignal) => api.get<ResponseOf<'/api/cases/{id}/audit'>>(`${casePath(id)}/audit`, { signal });
