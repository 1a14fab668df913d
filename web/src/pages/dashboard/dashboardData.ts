// The dashboard's first data, asked for before its code has arrived: the staff shell starts
// `prefetchDashboard` when it starts loading on `/`, so the latest month and the figures are on their
// way while the page's chunk downloads, and CompStat takes the answer instead of asking again.
// Kept tiny and free of antd/echarts: it runs from the entry chunk.
import dayjs from 'dayjs';
import { COMPARISONS, type Comparison, type Dashboard, getDashboard, getLatestMonth } from '../../api/stats';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A prefetched answer older than this is not used: the page asks afresh. */
const FRESH_MS = 10_000;

export interface DashboardQuery {
  from: string;
  to: string;
  compare: Comparison;
}

/**
 * The last full calendar year, or, when the records stop earlier, the last year they run to the
 * end of (records that stop in January 2021 open the dashboard on 2020, not on one month of 2021).
 */
export function defaultPeriod(latestMonth: string | null): { from: string; to: string } {
  const lastYear = dayjs().year() - 1;
  const latestFullYear = latestMonth ? Number(latestMonth.slice(0, 4)) - (latestMonth.slice(5, 7) === '12' ? 0 : 1) : lastYear;
  const year = Math.min(lastYear, latestFullYear);
  const start = dayjs(`${year}-01-01`);
  return { from: start.format('YYYY-MM-DD'), to: start.endOf('year').format('YYYY-MM-DD') };
}

/** The period and comparison in the address, when it names a whole period. */
export function queryFromSearch(params: URLSearchParams): { period: { from: string; to: string } | null; compare: Comparison } {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const compare = (COMPARISONS as string[]).includes(params.get('compare') ?? '') ? (params.get('compare') as Comparison) : 'yoy';
  return { period: DAY.test(from) && DAY.test(to) ? { from, to } : null, compare };
}

interface Pending<T> {
  at: number;
  promise: Promise<T>;
}
let latest: Pending<string | null> | null = null;
let figures: (Pending<Dashboard> & { key: string }) | null = null;

const fresh = (p: Pending<unknown> | null) => !!p && performance.now() - p.at < FRESH_MS;
const keyOf = (q: DashboardQuery) => `${q.from}|${q.to}|${q.compare}`;

/** The month the records run to (null when unknown); one request shared by the prefetch and the page. */
export function latestMonth(signal?: AbortSignal): Promise<string | null> {
  if (!fresh(latest))
    latest = {
      at: performance.now(),
      promise: getLatestMonth().then(
        (r) => r.month,
        () => null,
      ),
    };
  const promise = latest!.promise;
  return signal ? abortable(promise, signal) : promise;
}

/** The dashboard's figures; a prefetched answer for the same query is taken once, otherwise asked for now. */
export function dashboardFigures(query: DashboardQuery, signal: AbortSignal): Promise<Dashboard> {
  if (figures && figures.key === keyOf(query) && fresh(figures)) {
    const { promise } = figures;
    figures = null;
    return abortable(promise, signal);
  }
  return getDashboard(query, signal);
}

/** Starts the requests the dashboard at `search` will make first. */
export function prefetchDashboard(search: string): void {
  const { period, compare } = queryFromSearch(new URLSearchParams(search));
  const start = (p: { from: string; to: string }) => {
    const query = { ...p, compare };
    const promise = getDashboard(query);
    promise.catch(() => undefined); // the page asks again and shows the error itself
    figures = { key: keyOf(query), at: performance.now(), promise };
  };
  if (period) start(period);
  else void latestMonth().then((month) => start(defaultPeriod(month)));
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('aborted', 'AbortError'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
