import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino, type Logger } from 'pino';
import { createTessera, type Tessera } from '../../../platform/src/app.ts';
import { loadConfig, type Config } from '../../../platform/src/core/config.ts';
import { inject } from 'vitest';
import { preparedDatabase, type PackToInstall } from './prepared-database.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const ADMIN_PASSWORD = 'admin-password-1';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiClient {
  token: string | undefined;
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = any>(path: string): Promise<ApiResponse<T>>;
  raw(path: string, init?: RequestInit): Promise<Response>;
}

export interface TestApp {
  baseUrl: string;
  tessera: Tessera;
  database: TestDatabase;
  /** A client logged in as the bootstrap admin. */
  admin: ApiClient;
  client(token?: string): ApiClient;
  login(username: string, password: string): Promise<ApiClient>;
  close(): Promise<void>;
}

const resetByPeer = (error: unknown) => (error as { cause?: { code?: string } })?.cause?.code === 'ECONNRESET';

/**
 * fetch, sending a GET once more when the kept-alive connection it reused was reset, as browsers do
 * for idempotent requests. On the embedded database a long statement holds the server's event loop;
 * when it lets go, the idle connection's keep-alive timer may close it under a request already sent.
 */
async function fetchRetryingReset(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (init.method !== 'GET' || !resetByPeer(error)) throw error;
    return fetch(url, init);
  }
}

function makeClient(baseUrl: string, token?: string): ApiClient {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (client.token) (init.headers as Record<string, string>).authorization = `Bearer ${client.token}`;
    if (body !== undefined) {
      if (typeof body === 'string') init.body = body;
      else {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] = 'application/json';
      }
    }
    const res = await fetchRetryingReset(baseUrl + path, init);
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  const client: ApiClient = {
    token,
    get: (path) => call('GET', path),
    post: (path, body, headers) => call('POST', path, body, headers),
    put: (path, body, headers) => call('PUT', path, body, headers),
    patch: (path, body) => call('PATCH', path, body),
    delete: (path) => call('DELETE', path),
    raw: (path, init = {}) =>
      fetch(baseUrl + path, { ...init, headers: { ...(client.token ? { authorization: `Bearer ${client.token}` } : {}), ...(init.headers as Record<string, string>) } }),
  };
  return client;
}

export interface TestAppOptions {
  /** Configuration that differs from the defaults. */
  config?: Partial<Config>;
  /** The wall clock of the login level. */
  now?: () => Date;
  /** Environment the packs read their settings from. */
  env?: NodeJS.ProcessEnv;
  /** The database to boot on instead of a fresh one (it is dropped on close as its `drop` says). */
  database?: TestDatabase;
  /**
   * Packs installed by the admin through the API before the app is handed over, in this order. The run
   * does it once and each file starts on a copy (`prepared-database.ts`); with `now`, `env` or
   * `config.packDirs`, which the install would see, on the file's own app instead.
   */
  packs?: PackToInstall[];
  /** The logger instead of a silent one. */
  log?: Logger;
}

// What the first start of an empty database writes depends on these; a copy would not show it.
const FIRST_START = ['adminPassword', 'initialPacks', 'demoData'] as const;

/**
 * A database as the admin's first start leaves it, with `packs` installed: a copy of the run's prepared
 * one, or outside a run (no global set-up) a fresh one on which the caller installs them.
 */
async function startingDatabase(packs: PackToInstall[]): Promise<{ database: TestDatabase; install: PackToInstall[] }> {
  const run = inject('testRun');
  if (!run) return { database: await createTestDatabase(), install: packs };
  return { database: await preparedDatabase(run, packs), install: [] };
}

/** The database a file's app boots on, and the packs still to install on it. */
async function databaseFor(options: TestAppOptions): Promise<{ database: TestDatabase; install: PackToInstall[] }> {
  const packs = options.packs ?? [];
  if (options.database) return { database: options.database, install: packs };
  if (FIRST_START.some((key) => options.config?.[key] !== undefined)) return { database: await createTestDatabase(), install: packs };
  // The install would see the file's clock, environment or packs: it happens on the file's own app.
  if (options.now !== undefined || options.env !== undefined || options.config?.packDirs !== undefined) return { database: (await startingDatabase([])).database, install: packs };
  return startingDatabase(packs);
}

/** Boots the whole product on a fresh database and listens on a random loopback port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { database, install } = await databaseFor(options);
  // Test files log in far more often than a person would, so the login rate limit is only low where a test sets it.
  const config: Config = { ...loadConfig({}), adminPassword: ADMIN_PASSWORD, logLevel: 'silent', loginRateLimit: 10_000, initialPacks: [], ...options.config };
  const tessera = await createTessera({ config, db: database.db, log: options.log ?? pino({ level: process.env.TESSERA_TEST_LOG ?? 'silent' }), now: options.now, env: options.env ?? {} });
  const server: Server = await tessera.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = async (username: string, password: string) => {
    const anonymous = makeClient(baseUrl);
    const res = await anonymous.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login failed for ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return makeClient(baseUrl, res.body.token);
  };
  const admin = await login('admin', ADMIN_PASSWORD);
  for (const { name, demo } of install) {
    const res = await admin.post(`/api/packs/${name}/install?demo=${demo ?? false}`);
    if (res.status !== 200) throw new Error(`installing ${name} failed: ${res.status} ${JSON.stringify(res.body).slice(0, 2000)}`);
  }
  return {
    baseUrl,
    tessera,
    database,
    admin,
    client: (token) => makeClient(baseUrl, token),
    login,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tessera.close();
      await database.drop();
    },
  };
}
