// The one way the SPA talks to the server.
// - same-origin cookies carry the session;
// - every request sends the UI language as Accept-Language (the server localises its messages);
// - every non-GET request sends x-csrf-token (the token comes from login or /api/auth/me and is
//   only kept in memory);
// - a non-2xx answer throws ApiError(status, code, message, fields).
import { currentLanguage } from '../i18n';
import type { ErrorBody, FieldError } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** Codes the client makes up itself when there is no error body to read. */
export const CLIENT_ERROR = {
  network: 'network', // fetch failed: server down, offline, CORS…
  http: 'http', // non-2xx without the agreed error body (e.g. a proxy's HTML page)
} as const;

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthenticatedListener = () => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/** Called whenever the server says the session is gone (401 auth.unauthenticated). */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export const UNAUTHENTICATED = 'auth.unauthenticated';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The ApiError for a failed answer; a 401 auth.unauthenticated also signs the user out locally. */
function failure(status: number, statusText: string, data: unknown): ApiError {
  const error = isErrorBody(data)
    ? new ApiError(status, data.error.code, data.error.message ?? '', data.error.fields ?? [])
    : new ApiError(status, CLIENT_ERROR.http, statusText);
  if (error.code === UNAUTHENTICATED) {
    csrfToken = null;
    unauthenticatedListeners.forEach((listener) => listener());
  }
  return error;
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: accept,
    'Accept-Language': currentLanguage(),
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  try {
    return await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, CLIENT_ERROR.network, err instanceof Error ? err.message : String(err));
  }
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const data = await readJson(response);
  if (response.ok) return data as T;

  throw failure(response.status, response.statusText, data);
}

/**
 * POSTs `body` and saves the answer as a file under the name the server gives: a download a plain
 * link cannot make because it needs a body (e.g. a report built from a definition being edited).
 */
export async function postForDownload(path: string, body: unknown): Promise<void> {
  const response = await send(path, { method: 'POST', body }, '*/*');
  if (!response.ok) throw failure(response.status, response.statusText, await readJson(response));
  const blob = await response.blob();
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type BodyOptions = Omit<RequestOptions, 'method' | 'body'>;

export const api = {
  get: <T>(path: string, options?: BodyOptions) => request<T>(path, options),
  post: <T>(path: string, body?: unknown, options?: BodyOptions) => request<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options?: BodyOptions) => request<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options?: BodyOptions) => request<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T>(path: string, options?: BodyOptions) => request<T>(path, { ...options, method: 'DELETE' }),
};

/** A URL with its query string (empty values left out), e.g. for download links. */
export function urlWithQuery(path: string, query: RequestOptions['query']): string {
  return withQuery(path, query);
}

export interface UploadOptions {
  query?: RequestOptions['query'];
  /** Called with 0–100 while the file is being sent. */
  onUploadProgress?: (percent: number) => void;
  /** Called once the whole file is sent and the server is working on it. */
  onUploaded?: () => void;
  signal?: AbortSignal;
}

/**
 * POSTs multipart form data with XMLHttpRequest (fetch cannot report upload progress).
 * Same rules as request(): Accept-Language, x-csrf-token, ApiError on a non-2xx answer.
 */
export function upload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery(path, options.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onUploadProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.upload.onload = () => {
      options.onUploadProgress?.(100);
      options.onUploaded?.();
    };
    xhr.onerror = () => reject(new ApiError(0, CLIENT_ERROR.network, xhr.statusText || 'network error'));
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as T);
        return;
      }
      reject(failure(xhr.status, xhr.statusText, data));
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
