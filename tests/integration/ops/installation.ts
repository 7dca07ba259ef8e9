import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Knex } from 'knex';
import { WORKFLOW_TIMEOUT_JOB } from '../../../platform/src/workflow/transition-step.ts';
import type { ServerProcess } from '../helpers/server-process.ts';

// An installation with something of everything a backup or move must carry, made through the HTTP
// API: users, an object with records and their history, a workflow instance waiting on a timer.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const ADMIN_PASSWORD = 'Backup-admin-2026';
export const USER_PASSWORD = 'Backup-user-2026';

type Headers = Record<string, string>;

export async function call(base: string, method: string, path: string, headers: Headers, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, { method, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function login(base: string, username: string, password: string): Promise<Headers> {
  const res = await call(base, 'POST', '/api/auth/login', {}, { username, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { authorization: `Bearer ${res.body.token}` };
}

/** Fills a fresh installation; returns the id of the record that waits in the workflow. */
export async function fillInstallation(base: string): Promise<string> {
  const admin = await login(base, 'admin', ADMIN_PASSWORD);
  const dora = await call(base, 'POST', '/api/admin/users', admin, { username: 'dora', password: USER_PASSWORD, name: 'Dora', roles: ['admin'] });
  expect(dora.status, JSON.stringify(dora.body)).toBe(201);
  const parcel = { name: 'parcel', titleField: 'code', fields: [{ name: 'code', type: 'text' }, { name: 'weight', type: 'number' }, { name: 'sent', type: 'date' }] };
  expect((await call(base, 'PUT', '/api/meta/objects/parcel', admin, parcel)).status).toBe(201);
  const workflow = {
    name: 'shipping', object: 'parcel', initial: 'review',
    states: {
      review: { approval: { approvers: { user: String(dora.body.id) } }, on: { approve: 'sent', reject: 'held' }, timeout: { after: 'P3D', remind: true } },
      held: { type: 'final' },
      sent: { type: 'final' },
    },
  };
  const put = await call(base, 'PUT', '/api/meta/workflows/shipping', admin, workflow);
  expect(put.status, JSON.stringify(put.body)).toBe(201);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const created = await call(base, 'POST', '/api/records/parcel', admin, { code: `P-${i}`, weight: 1.25 * i, sent: '2026-12-0' + (i + 1) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids.push(String(created.body.id));
  }
  const changed = await call(base, 'PATCH', `/api/records/parcel/${ids[1]}`, admin, { _version: 1, weight: 99.5 });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  const submitted = await call(base, 'POST', `/api/records/parcel/${ids[2]}/submit`, admin, { workflow: 'shipping' });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return ids[2];
}

export interface Fingerprint {
  parcels: string[];
  users: string[];
  recordHistory: string[];
  workflowInstances: string[];
  workflowHistory: string[];
  timers: { name: string; data: unknown; start_after: string; state: string }[];
}

const rowsOf = async (db: Knex, sql: string) => (await db.raw(sql)).rows.map((r: { row: string }) => r.row);

/** Everything the installation holds that a copy must keep, read straight from its database. */
export async function fingerprint(db: Knex): Promise<Fingerprint> {
  return {
    parcels: await rowsOf(db, 'SELECT row_to_json(t)::text AS row FROM records.parcel t ORDER BY id'),
    users: await rowsOf(db, 'SELECT row_to_json(t)::text AS row FROM users t ORDER BY id'),
    recordHistory: await rowsOf(db, 'SELECT row_to_json(t)::text AS row FROM record_history t ORDER BY id'),
    workflowInstances: await rowsOf(db, 'SELECT row_to_json(t)::text AS row FROM workflow_instances t ORDER BY id'),
    workflowHistory: await rowsOf(db, 'SELECT row_to_json(t)::text AS row FROM workflow_history t ORDER BY id'),
    timers: (await db.raw(`SELECT name, data, start_after, state::text FROM pgboss.job WHERE name = ? ORDER BY start_after`, [WORKFLOW_TIMEOUT_JOB])).rows,
  };
}

/** What an installation must show: 5 parcels, history, one instance in review, its timer three days ahead. */
export function expectFilled(print: Fingerprint): void {
  expect(print.parcels).toHaveLength(5);
  expect(print.recordHistory.length).toBeGreaterThan(0);
  expect(print.workflowInstances).toHaveLength(1);
  expect(print.workflowHistory.length).toBeGreaterThanOrEqual(1);
  expect(print.timers).toHaveLength(1);
  expect(print.timers[0].state).toBe('created');
  expect(Date.parse(print.timers[0].start_after) - Date.now()).toBeGreaterThan(2 * 24 * 3600 * 1000);
}

/** Through a server on the copy: people log in, the records, history and workflow are there, and new ids continue after the old ones. */
export async function expectServedCopy(server: ServerProcess, waitingId: string, before: Fingerprint): Promise<void> {
  const dora = await login(server.base, 'dora', USER_PASSWORD);
  const list = await call(server.base, 'GET', '/api/records/parcel?limit=50', dora);
  expect(list.status, JSON.stringify(list.body)).toBe(200);
  expect(list.body.data).toHaveLength(5);
  const view = await call(server.base, 'GET', `/api/records/parcel/${waitingId}/workflow`, dora);
  expect(view.status, JSON.stringify(view.body)).toBe(200);
  expect(JSON.stringify(view.body)).toContain('review');
  const created = await call(server.base, 'POST', '/api/records/parcel', dora, { code: 'P-new', weight: 1 });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const highest = Math.max(...before.parcels.map((row) => Number(JSON.parse(row).id)));
  expect(Number(created.body.id)).toBeGreaterThan(highest);
}

export async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await server.exited;
}

export interface ScriptResult {
  code: number | null;
  output: string;
}

/** Runs one of the operations scripts (platform/scripts/<name>.ts) as `npm run` would. */
export function runScript(name: 'backup' | 'restore' | 'move-to-postgres', args: string[], env: NodeJS.ProcessEnv): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `platform/scripts/${name}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}
