// The case list's filters, sort and page, mirrored in the URL query string so a view can be shared:
//   /cases?q=盗墓&category=relic&status=filed,solved&jurisdiction=150100&dateField=filed_at
//         &from=2020-01-01&to=2020-12-31&campaign=C2020&supervision=any&sort=-filed_at&page=2&pageSize=50
// /cases/supervised is the same list with supervision=any unless the URL names a level.
import {
  CASE_DATE_FIELDS,
  CASE_SORTS,
  CASE_STATUSES,
  type CaseDateField,
  type CaseQuery,
  type CaseSort,
  type CaseStatus,
  SUPERVISION_FILTERS,
  type SupervisionFilter,
} from '../../api/types';

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZES = [20, 50, 100, 200] as const;
export const DEFAULT_SORT: CaseSort = '-reported_at';

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

function positiveInt(value: string | null, max: number): number | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= max ? n : undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseCaseQuery(params: URLSearchParams, supervised: boolean): CaseQuery {
  const statuses = (params.get('status') ?? '')
    .split(',')
    .map((s) => oneOf(CASE_STATUSES, s.trim()))
    .filter((s): s is CaseStatus => Boolean(s));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const jurisdiction = params.get('jurisdiction') ?? '';
  const supervision = oneOf<SupervisionFilter>(SUPERVISION_FILTERS, params.get('supervision'));
  return {
    q: params.get('q')?.trim() || undefined,
    category: params.get('category') || undefined,
    status: statuses.length ? statuses : undefined,
    jurisdiction: /^\d{6}$/.test(jurisdiction) ? jurisdiction : undefined,
    dateField: oneOf<CaseDateField>(CASE_DATE_FIELDS, params.get('dateField')),
    from: DAY.test(from) ? from : undefined,
    to: DAY.test(to) ? to : undefined,
    campaign: params.get('campaign')?.trim() || undefined,
    supervision: supervision ?? (supervised ? 'any' : undefined),
    sort: oneOf<CaseSort>(CASE_SORTS, params.get('sort')),
    page: positiveInt(params.get('page'), 1_000_000),
    pageSize: positiveInt(params.get('pageSize'), 200),
  };
}

/** The URL query for a CaseQuery (defaults left out; in the supervised view `supervision=any` is implied). */
export function caseQueryToParams(query: CaseQuery, supervised: boolean): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') params.set(key, String(value));
  };
  set('q', query.q);
  set('category', query.category);
  set('status', query.status?.join(','));
  set('jurisdiction', query.jurisdiction);
  if (query.dateField !== 'reported_at') set('dateField', query.dateField); // kept even before a range is picked
  set('from', query.from);
  set('to', query.to);
  set('campaign', query.campaign);
  if (!(supervised && query.supervision === 'any')) set('supervision', query.supervision);
  if (query.sort !== DEFAULT_SORT) set('sort', query.sort);
  if (query.page && query.page > 1) set('page', query.page);
  if (query.pageSize && query.pageSize !== DEFAULT_PAGE_SIZE) set('pageSize', query.pageSize);
  return params;
}
