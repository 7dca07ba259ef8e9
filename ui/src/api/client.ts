import { ApiError } from './api-error';

type Query = Record<string, string | number | boolean | undefined | null>;

interface ClientState {
  csrfToken: string | null;
  language: string;
  onUnauthenticated: () => void;
}

const state: ClientState = { csrfToken: null, language: 'en', onUnauthenticated: () => undefined };

/** The session's CSRF token is sent with every write (docs/authentication.md); the session itself is an httpOnly cookie. */
export function configureClient(next: Partial<ClientState>): void {
  Object.assign(state, next);
}

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A raw body (CSV text, an uploaded file) with its content type. */
  raw?: { text: string | Blob; type: string };
  /** 401 is the caller's business (the login page), not a reason to leave the page. */
  quietUnauthenticated?: boolean;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': state.language };
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.type;
    body = options.raw.text;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api${path}${queryString(options.query)}`, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: [] } } | null)?.error;
    if (res.status === 401 && !options.quietUnauthenticated) state.onUnauthenticated();
    throw new ApiError(res.status, error?.code ?? 'HTTP_' + res.status, error?.message ?? res.statusText, error?.details ?? [], (error ?? {}) as Record<string, unknown>);
  }
  return parsed as T;
}

/** The browser's client of the Tessera API (`/api`): JSON in, JSON out, errors as ApiError. */
export const api = {
  get: <T>(path: string, query?: Query, options: RequestOptions = {}) => request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options: RequestOptions = {}) => request<T>('DELETE', path, options),
  send: request,
};

/** A URL of the API for the browser to open itself (downloads); the session cookie goes along. */
export function apiUrl(path: string, query?: Query): string {
  return `/api${path}${queryString(query)}`;
}
