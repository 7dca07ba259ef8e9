import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { connectDatabase } from '../../../platform/src/core/database.ts';
import { freePort, startChildServer, type ChildServer } from '../../bench/child-server.ts';

// Tessera as a separate node process (as `npm start` runs it) on a database that outlives it, so a
// test can SIGKILL the process and start it again on the same files or PostgreSQL database.

const root = path.resolve(import.meta.dirname, '../../..');
export const ADMIN_PASSWORD = 'crash-admin-password-1';

export interface DurableDatabase {
  kind: 'pglite' | 'postgres';
  /** What the child process needs to find the database (DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
  /** A direct connection; for PGlite only while no server has the data directory open. */
  connect(): Knex;
  drop(): Promise<void>;
}

/** A fresh database: a new PostgreSQL database on TEST_DATABASE_URL's server, or an empty PGlite data directory. */
export async function createDurableDatabase(): Promise<DurableDatabase> {
  if (process.env.TESSERA_TEST_DB !== 'postgres') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-crash-'));
    return {
      kind: 'pglite',
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      connect: () => connectDatabase({ dataDir }),
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is required for the PostgreSQL integration project');
  const name = `tessera_crash_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: target.toString() },
    connect: () => connectDatabase({ url: target.toString(), poolMax: 4 }),
    async drop() {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

export interface Reply {
  status: number;
  body: any;
}

export interface Client {
  get(path: string): Promise<Reply>;
  post(path: string, body?: unknown): Promise<Reply>;
  put(path: string, body?: unknown): Promise<Reply>;
}

export function client(baseUrl: string, token: string): Client {
  const call = async (method: string, p: string, body?: unknown): Promise<Reply> => {
    const res = await fetch(baseUrl + p, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
  };
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b), put: (p, b) => call('PUT', p, b) };
}

export async function login(baseUrl: string, username: string, password: string): Promise<Client> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { token: string };
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(body)}`);
  return client(baseUrl, body.token);
}

/** Starts `node --import tsx platform/src/main.ts` on the database and waits until it answers. */
export async function startTessera(database: DurableDatabase): Promise<ChildServer> {
  return startChildServer({
    name: 'Tessera',
    nodeArgs: ['--import', 'tsx', path.join(root, 'platform/src/main.ts')],
    env: { ...database.env, ADMIN_PASSWORD, LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT: '10000', PACKS: '' },
    port: await freePort(),
    readyPath: '/api/auth/me',
    timeoutMs: 90_000,
  });
}

const hasExited = (server: ChildServer) => server.process.exitCode !== null || server.process.signalCode !== null;

/** SIGKILL: no shutdown hook runs, open transactions and unflushed work die with the process. */
export async function killHard(server: ChildServer): Promise<void> {
  if (hasExited(server)) return;
  const exited = new Promise<void>((resolve) => server.process.once('exit', () => resolve()));
  server.process.kill('SIGKILL');
  await exited;
}

/** SIGTERM (main.ts closes the database) with SIGKILL after 10 s. */
export async function stopGracefully(server: ChildServer): Promise<void> {
  if (!hasExited(server)) await server.stop();
}
