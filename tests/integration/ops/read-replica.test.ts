import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import knexFactory, { type Knex } from 'knex';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTessera } from '../../../platform/src/app.ts';
import { loadConfig } from '../../../platform/src/core/config.ts';
import { connectDatabase } from '../../../platform/src/core/database.ts';
import { eventually } from '../helpers/eventually.ts';
import { destroyEveryReplicatedPostgres, startReplicatedPostgres, type ReplicatedPostgres } from '../helpers/replicated-postgres.ts';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.ts';

// Issue 18, item 5: with DATABASE_READ_URL, reports, dashboards and exports read from a streaming
// replica; the record page and every write stay on the primary. On PostgreSQL the test starts a
// primary and a real replica of it (helpers/replicated-postgres.ts: initdb, pg_basebackup, pg_ctl as
// the postgres user), proves where each read is served by pausing the replica's replay, stops the
// replica (reports answer from the primary) and starts it again (reads go back to it). On the
// embedded database there is no replica: DATABASE_READ_URL is refused, and heavy reads read the one
// database.

const onPostgres = process.env.TESSERA_TEST_DB === 'postgres';
const METRICS_TOKEN = 'read-replica-metrics-token';

const deal = {
  label: { en: 'Deal', 'zh-CN': '商机' },
  titleField: 'name',
  fields: [
    { name: 'name', type: 'text' },
    { name: 'region', type: 'enum', options: ['north', 'south'] },
    { name: 'amount', type: 'number' },
  ],
};
const dealsByRegion = { label: { en: 'Deals by region', 'zh-CN': '各区域商机' }, object: 'deal', groupBy: [{ field: 'region' }], measures: [{ fn: 'count' }] };

/** The report's count of deals, the dashboard's and the export's, as the admin reads them. */
async function heavyCounts(t: TestApp) {
  const report = await t.admin.get('/api/reports/deals_by_region/run');
  expect(report.status, JSON.stringify(report.body)).toBe(200);
  const dashboard = await t.admin.get('/api/dashboards/deals/run');
  expect(dashboard.status, JSON.stringify(dashboard.body)).toBe(200);
  const exported = await t.admin.get('/api/records/deal/export?format=json');
  expect(exported.status).toBe(200);
  const sum = (rows: { count: number }[]) => rows.reduce((total, row) => total + row.count, 0);
  return { report: sum(report.body.rows), dashboard: sum(dashboard.body.widgets[0].result.rows), exported: (exported.body as unknown[]).length };
}

async function setUpDeals(t: TestApp): Promise<void> {
  expect((await t.admin.post('/api/packs/reporting/install')).status).toBe(200);
  expect((await t.admin.put('/api/meta/objects/deal', deal)).status).toBe(201);
  expect((await t.admin.put('/api/meta/reports/deals_by_region', dealsByRegion)).status).toBe(201);
  expect((await t.admin.put('/api/meta/dashboards/deals', { widgets: [{ report: 'deals_by_region' }] })).status).toBe(201);
  for (const [name, region, amount] of [['Alpha', 'north', 10], ['Beta', 'south', 900]]) expect((await t.admin.post('/api/records/deal', { name, region, amount })).status).toBe(201);
}

async function addDeal(t: TestApp, name: string): Promise<string> {
  const created = await t.admin.post('/api/records/deal', { name, region: 'north', amount: 50 });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

/** The number of deals a k-means analysis run read (run as a background job, as the admin). */
async function analysedRows(t: TestApp): Promise<number> {
  const started = await t.admin.post('/api/analyses/deal_groups/run');
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const run = await eventually(() => t.admin.get(`/api/analyses/deal_groups/runs/${started.body.runId}`), (r) => r.body.status === 'succeeded' || r.body.status === 'failed', 30_000);
  expect(run.body.status, JSON.stringify(run.body)).toBe('succeeded');
  return run.body.rows;
}

async function metric(t: TestApp, line: RegExp): Promise<number | undefined> {
  const res = await t.client().raw('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const found = (await res.text()).split('\n').find((l) => line.test(l));
  return found === undefined ? undefined : Number(found.split(' ').pop());
}

describe('DATABASE_READ_URL on the embedded database', () => {
  it('is refused at start with a message that says what to set, before anything is made', async () => {
    const dataDir = path.join(os.tmpdir(), `tessera-refused-${process.pid}`);
    const config = { ...loadConfig({}), adminPassword: ADMIN_PASSWORD, logLevel: 'silent', dataDir, databaseReadUrl: 'postgres://postgres@127.0.0.1:55401/postgres' };
    await expect(createTessera({ config, log: pino({ level: 'silent' }), env: {} })).rejects.toThrow(/DATABASE_READ_URL .*embedded.*set DATABASE_URL/);
    expect(fs.existsSync(dataDir)).toBe(false);
    const db = connectDatabase({});
    try {
      await expect(createTessera({ config, db, log: pino({ level: 'silent' }), env: {} })).rejects.toThrow(/DATABASE_READ_URL/);
    } finally {
      await db.destroy();
    }
  });
});

if (!onPostgres) describe('heavy reads without a replica', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { metricsToken: METRICS_TOKEN } });
    await setUpDeals(t);
  });
  afterAll(() => t?.close());

  it('read the one database: a report, a dashboard and an export see a record the moment it is written', async () => {
    expect(await heavyCounts(t)).toEqual({ report: 2, dashboard: 2, exported: 2 });
    await addDeal(t, 'Gamma');
    expect(await heavyCounts(t)).toEqual({ report: 3, dashboard: 3, exported: 3 });
    expect(await metric(t, /^tessera_read_replica_up /)).toBeUndefined();
  });
});

if (onPostgres) describe('heavy reads on a streaming replica', () => {
  let cluster: ReplicatedPostgres | undefined;
  let t: TestApp;
  let replica: Knex;
  const logged: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(line, _encoding, done) {
      logged.push(JSON.parse(String(line)));
      done();
    },
  });
  const warnings = () => logged.filter((l) => l.msg.startsWith('read replica unreachable'));

  beforeAll(async () => {
    cluster = await startReplicatedPostgres();
    const db = connectDatabase({ url: cluster.primaryUrl, poolMax: 8 });
    t = await startTestApp({
      database: { db, kind: 'postgres', url: cluster.primaryUrl, drop: () => db.destroy() },
      config: { databaseReadUrl: cluster.replicaUrl, databaseReadRetrySeconds: 0.3, metricsToken: METRICS_TOKEN, jobPollingSeconds: 0.5 },
      log: pino({ level: 'info' }, sink),
    });
    // The test's own connection to the replica, which it stops: knex's notes on the dropped connection stay quiet.
    const quiet = () => {};
    replica = knexFactory({ client: 'pg', connection: cluster.replicaUrl, pool: { min: 0, max: 1 }, log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet } });
    await setUpDeals(t);
    // The analytics pack brings the crm pack with it.
    expect((await t.admin.post('/api/packs/analytics/install')).status).toBe(200);
    const analysis = await t.admin.put('/api/meta/analyses/deal_groups', { kind: 'kmeans', source: { object: 'deal' }, features: ['amount'], params: { k: 2 } });
    expect(analysis.status, JSON.stringify(analysis.body)).toBe(201);
    expect(await eventually(() => heavyCounts(t), (c) => c.report === 2)).toEqual({ report: 2, dashboard: 2, exported: 2 });
  });
  afterAll(async () => {
    await replica?.destroy();
    await t?.close();
    await destroyEveryReplicatedPostgres();
  });

  const pauseReplay = () => replica.raw('SELECT pg_wal_replay_pause()');
  const resumeReplay = () => replica.raw('SELECT pg_wal_replay_resume()');

  it('serves reports, dashboards, exports and analyses from the replica, and the record page from the primary', async () => {
    const sessions = await replica('pg_stat_activity').where({ application_name: 'tessera heavy reads' }).count({ n: '*' });
    expect(Number(sessions[0].n)).toBeGreaterThan(0);

    await pauseReplay();
    try {
      const id = await addDeal(t, 'Gamma');
      // The record page reads the primary: the user sees what they just wrote.
      const page = await t.admin.get(`/api/records/deal/${id}`);
      expect(page.status).toBe(200);
      expect(page.body.name).toBe('Gamma');
      // The heavy reads come from the replica, whose replay stands still.
      expect(await heavyCounts(t)).toEqual({ report: 2, dashboard: 2, exported: 2 });
      // An analysis run reads its source rows there too (its own bookkeeping is written on the primary).
      expect(await analysedRows(t)).toBe(2);
    } finally {
      await resumeReplay();
    }
    expect(await eventually(() => heavyCounts(t), (c) => c.report === 3 && c.exported === 3)).toEqual({ report: 3, dashboard: 3, exported: 3 });
    expect(await analysedRows(t)).toBe(3);
    expect(await metric(t, /^tessera_read_replica_up /)).toBe(1);
    expect(await metric(t, /^tessera_read_replica_lag_seconds /)).toBeGreaterThanOrEqual(0);
  });

  it('answers from the primary while the replica is down, warning once, and goes back to the replica when it is up again', async () => {
    await cluster!.stopReplica();
    await addDeal(t, 'Delta');
    // Served by the primary: the new deal is counted at once.
    expect(await heavyCounts(t)).toEqual({ report: 4, dashboard: 4, exported: 4 });
    expect(await heavyCounts(t)).toEqual({ report: 4, dashboard: 4, exported: 4 });
    expect(await metric(t, /^tessera_read_replica_up /)).toBe(0);
    expect(await metric(t, /^tessera_read_replica_lag_seconds /)).toBeNaN();
    expect(await metric(t, /^tessera_read_replica_fallbacks_total\{reason="down"\} /)).toBeGreaterThanOrEqual(6);
    expect(warnings()).toHaveLength(1);
    // /ready is about the primary.
    expect((await t.client().get('/ready')).status).toBe(200);

    await cluster!.startReplica();
    expect(await eventually(() => metric(t, /^tessera_read_replica_up /), (up) => up === 1, 10_000)).toBe(1);
    expect(logged.some((l) => l.msg.startsWith('read replica answers again'))).toBe(true);
    expect(await eventually(() => heavyCounts(t), (c) => c.report === 4)).toEqual({ report: 4, dashboard: 4, exported: 4 });

    await pauseReplay();
    try {
      await addDeal(t, 'Epsilon');
      expect(await heavyCounts(t)).toEqual({ report: 4, dashboard: 4, exported: 4 });
    } finally {
      await resumeReplay();
    }
    expect(await eventually(() => heavyCounts(t), (c) => c.report === 5)).toEqual({ report: 5, dashboard: 5, exported: 5 });
    expect(warnings()).toHaveLength(1);
  });
});
