import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import knexFactory from 'knex';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { eventually } from '../helpers/eventually.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { announceChange, listenForChanges, type Change, type ChangeListener } from '../../../platform/src/core/change-bus.ts';

// Changes made through one server process reach the others at once: PostgreSQL NOTIFY, sent in the
// changing transaction, wakes each process's listener. On PostgreSQL three real processes share one
// database; the embedded PGlite database has one process, and there the same notices are checked.

const PASSWORD = 'Cross-process-2026';
const WITHIN_MS = 200;
const POLL_MS = 20;

// On PostgreSQL the server processes get the database's address; the in-process app makes its own.
const database: TestDatabase | null = process.env.TESSERA_TEST_DB === 'postgres' ? await createTestDatabase() : null;
afterAll(async () => {
  await database?.drop();
});

type Headers = Record<string, string>;

/** A connection of the test's own to the servers' database. */
const connectToServersDatabase = () => knexFactory({ client: 'pg', connection: database!.url, pool: { min: 0, max: 1 } });

async function call(base: string, method: string, path: string, headers: Headers, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, { method, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function login(base: string, username: string, password: string): Promise<Headers> {
  const res = await call(base, 'POST', '/api/auth/login', {}, { username, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { authorization: `Bearer ${res.body.token}` };
}

/** Milliseconds from now until `accepted` says yes, asking every POLL_MS; fails after a few seconds. */
async function msUntil(accepted: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (!(await accepted())) {
    if (performance.now() - start > 5_000) throw new Error('not seen within 5 s');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return performance.now() - start;
}

if (database?.url) describe('three server processes on one PostgreSQL database', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let c: ServerProcess;
  let adminA: Headers;
  let adminB: Headers;

  beforeAll(async () => {
    const env = { DATABASE_URL: database!.url, ADMIN_PASSWORD: PASSWORD, JOB_POLLING_SECONDS: '0.5', SHUTDOWN_DRAIN_SECONDS: '0' };
    a = await startServerProcess(env);
    b = await startServerProcess(env);
    c = await startServerProcess(env);
    adminA = await login(a.base, 'admin', PASSWORD);
    adminB = await login(b.base, 'admin', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    for (const server of [a, b, c]) server?.child.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited, c?.exited]);
  });

  it('a field added through one process is accepted by the other within 200 ms', async () => {
    const parcel = { name: 'parcel', titleField: 'code', fields: [{ name: 'code', type: 'text' }] };
    expect((await call(a.base, 'PUT', '/api/meta/objects/parcel', adminA, parcel)).status).toBe(201);
    expect(await msUntil(async () => (await call(b.base, 'GET', '/api/records/parcel?limit=1', adminB)).status === 200)).toBeLessThan(WITHIN_MS);

    const refused = await call(b.base, 'POST', '/api/records/parcel', adminB, { code: 'P-0', weight: 1 });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    const changed = await call(a.base, 'PUT', '/api/meta/objects/parcel', adminA, { ...parcel, fields: [...parcel.fields, { name: 'weight', type: 'number' }] });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    let n = 0;
    const ms = await msUntil(async () => (await call(b.base, 'POST', '/api/records/parcel', adminB, { code: `P-${++n}`, weight: 1 })).status === 201);
    console.log(`field added on A, accepted by B after ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(WITHIN_MS);
  });

  it('a user deactivated through one process is refused by both others within 200 ms', async () => {
    const created = await call(a.base, 'POST', '/api/admin/users', adminA, { username: 'ada', password: PASSWORD, name: 'Ada', roles: ['admin'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const others = [b, c];
    const sessions = await Promise.all(others.map((server) => login(server.base, 'ada', PASSWORD)));
    const answers = () => Promise.all(others.map(async (server, i) => (await call(server.base, 'GET', '/api/records/parcel?limit=1', sessions[i])).status));
    expect(await answers()).toEqual([200, 200]);

    expect((await call(a.base, 'DELETE', `/api/admin/users/${created.body.id}`, adminA)).status).toBe(204);
    const ms = await msUntil(async () => (await answers()).every((status) => status === 401));
    console.log(`user deactivated on A, refused by B and C after ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(WITHIN_MS);
  });

  it("a user's role taken away through one process is refused by the other within 200 ms", async () => {
    const created = await call(a.base, 'POST', '/api/admin/users', adminA, { username: 'bob', password: PASSWORD, name: 'Bob', roles: ['admin'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const bob = await login(b.base, 'bob', PASSWORD);
    expect((await call(b.base, 'GET', '/api/admin/users', bob)).status).toBe(200);

    expect((await call(a.base, 'PATCH', `/api/admin/users/${created.body.id}`, adminA, { roles: [] })).status).toBe(200);
    const ms = await msUntil(async () => (await call(b.base, 'GET', '/api/admin/users', bob)).status === 403);
    console.log(`role taken away on A, refused by B after ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(WITHIN_MS);
  });

  it('a logout on one process ends the session on the other within 200 ms', async () => {
    const session = await login(a.base, 'admin', PASSWORD);
    expect((await call(b.base, 'GET', '/api/records/parcel?limit=1', session)).status).toBe(200);
    expect((await call(a.base, 'POST', '/api/auth/logout', session)).status).toBe(204);
    expect(await msUntil(async () => (await call(b.base, 'GET', '/api/records/parcel?limit=1', session)).status === 401)).toBeLessThan(WITHIN_MS);
  });

  it('a workflow timeout fires once with three processes running', async () => {
    const approver = await call(a.base, 'POST', '/api/admin/users', adminA, { username: 'clara', password: PASSWORD, name: 'Clara', roles: ['admin'] });
    expect(approver.status, JSON.stringify(approver.body)).toBe(201);
    expect((await call(a.base, 'PUT', '/api/meta/objects/claim', adminA, { name: 'claim', titleField: 'title', fields: [{ name: 'title', type: 'text' }] })).status).toBe(201);
    const workflow = {
      name: 'reminding', object: 'claim', initial: 'review',
      states: {
        review: { approval: { approvers: { user: String(approver.body.id) } }, on: { approve: 'paid', reject: 'refused' }, timeout: { after: 'PT1S', remind: true } },
        refused: { type: 'final' },
        paid: { type: 'final' },
      },
    };
    const put = await call(a.base, 'PUT', '/api/meta/workflows/reminding', adminA, workflow);
    expect(put.status, JSON.stringify(put.body)).toBe(201);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const created = await call(a.base, 'POST', '/api/records/claim', adminA, { title: `claim ${i}` });
      const id = String(created.body.id);
      const submitted = await call(i % 2 ? a.base : b.base, 'POST', `/api/records/claim/${id}/submit`, i % 2 ? adminA : adminB, { workflow: 'reminding' });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      ids.push(id);
    }
    const reminders = async () => Promise.all(ids.map(async (id) => {
      const view = await call(b.base, 'GET', `/api/records/claim/${id}/workflow`, adminB);
      return view.body.history.filter((h: { action: string }) => h.action === 'remind').length;
    }));
    await eventually(reminders, (counts) => counts.every((n) => n > 0));
    // Every process polls the queue every 0.5 s: a second run would show within a few polls.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await reminders()).toEqual(ids.map(() => 1));
  });

  it('a process whose listening connection was cut reconnects and catches up', async () => {
    const pg = await connectToServersDatabase();
    try {
      const cut = await pg.raw("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tessera changes' AND datname = current_database()");
      expect(cut.rows.length).toBe(3);
      const changed = await call(a.base, 'PUT', '/api/meta/objects/crate', adminA, { name: 'crate', titleField: 'code', fields: [{ name: 'code', type: 'text' }] });
      expect(changed.status).toBe(201);
      expect(await msUntil(async () => (await call(b.base, 'GET', '/api/records/crate?limit=1', adminB)).status === 200)).toBeLessThan(2_000);
      const listening = await pg.raw("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'tessera changes' AND datname = current_database()");
      expect(listening.rows[0].n).toBe(3);
    } finally {
      await pg.destroy();
    }
  });
});

else describe('the change notices of the embedded database (one process)', () => {
  let t: TestApp;
  let listener: ChangeListener;
  const seen: Change[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    listener = await listenForChanges(t.database.db, { onChange: (change) => seen.push(change), onResync: () => undefined }, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await listener.close();
    await t.close();
  });

  const arrived = async (wanted: (change: Change) => boolean) => {
    const ms = await msUntil(async () => seen.some(wanted));
    expect(ms).toBeLessThan(WITHIN_MS);
  };

  it('are sent when the change commits, and never for one rolled back', async () => {
    await t.database.db.transaction(async (trx) => {
      await announceChange(trx, { kind: 'user', id: 'rolled-back' });
      throw new Error('roll back');
    }).catch(() => undefined);
    await t.database.db.transaction((trx) => announceChange(trx, { kind: 'user', id: 'committed' }));
    await arrived((c) => c.kind === 'user' && c.id === 'committed');
    expect(seen.some((c) => c.kind === 'user' && c.id === 'rolled-back')).toBe(false);
  });

  it('announce a metadata change with its new version, a deactivation, a role change and a logout', async () => {
    expect((await t.admin.put('/api/meta/objects/parcel', { name: 'parcel', titleField: 'code', fields: [{ name: 'code', type: 'text' }] })).status).toBe(201);
    const version = t.tessera.services.holder.snapshot.version;
    await arrived((c) => c.kind === 'metadata' && c.version === version);

    const ada = await t.admin.post('/api/admin/users', { username: 'ada', password: PASSWORD, name: 'Ada', roles: ['admin'] });
    expect(ada.status).toBe(201);
    const adaApi = await t.login('ada', PASSWORD);
    expect((await t.admin.patch(`/api/admin/users/${ada.body.id}`, { roles: [] })).status).toBe(200);
    await arrived((c) => c.kind === 'user' && c.id === String(ada.body.id));
    seen.length = 0;
    expect((await t.admin.delete(`/api/admin/users/${ada.body.id}`)).status).toBe(204);
    await arrived((c) => c.kind === 'user' && c.id === String(ada.body.id));
    expect((await adaApi.get('/api/records/parcel')).status).toBe(401);

    const session = await t.login('admin', ADMIN_PASSWORD);
    expect((await session.post('/api/auth/logout')).status).toBe(204);
    await arrived((c) => c.kind === 'session');
  });
});
