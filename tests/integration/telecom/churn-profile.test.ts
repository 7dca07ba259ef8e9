import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/src/core/ctx.ts';
import { systemRecordsIn } from '../../../platform/src/plugins/record-service.ts';
import { recordWorkflowPort } from '../../../platform/src/workflow/record-workflow-port.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { demoFile, everyRecord } from '../helpers/pack-demo.ts';
import { eventually } from '../helpers/eventually.ts';

// The churn profile kept from complaints and usage: complaint_count by the complaint hooks,
// usage_trend and monthly_spend by the usage hooks and, for imports and new rows, by the
// churn_profiles job; recomputed over the demo they are what the demo's generator wrote.

const packDir = path.resolve(import.meta.dirname, '../../../plugins/telecom');
const PROFILE = ['complaint_count', 'usage_trend', 'monthly_spend'] as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, 11 + i, 1)).toISOString().slice(0, 10));

let t: TestApp;
let plan: string;

const subscriber = async (id: string) => {
  const res = await t.admin.get(`/api/records/subscriber/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Record<string, any>;
};
const profileOf = async (id: string) => {
  const s = await subscriber(id);
  return { complaint_count: s.complaint_count ?? null, usage_trend: s.usage_trend ?? null, monthly_spend: s.monthly_spend ?? null };
};
const created = async (object: string, values: Record<string, unknown>) => {
  const res = await t.admin.post(`/api/records/${object}`, values);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Record<string, any>;
};
const updated = async (object: string, id: string, values: Record<string, unknown>) => {
  const current = await t.admin.get(`/api/records/${object}/${id}`);
  const res = await t.admin.patch(`/api/records/${object}/${id}`, { _version: current.body._version, ...values });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
const deleted = async (object: string, id: string) => expect((await t.admin.delete(`/api/records/${object}/${id}`)).status).toBe(204);
let serial = 0;
const newSubscriber = async () => (await created('subscriber', { number: `1370000${String(++serial).padStart(4, '0')}`, name: `Test ${serial}`, region: 'Sichuan', tariff_plan: plan })).id as string;
const complaintOf = (id: string) => created('complaint', { subject: 'Dropped calls', subscriber: id, region: 'Sichuan', category: 'network', priority: 'normal', status: 'open' });

/** Sends one of the pack's jobs and waits until a run of it has finished. */
async function runJob(name: 'churn_profiles' | 'churn_profiles_all'): Promise<void> {
  const job = `telecom.${name}`;
  const finished = async () => Number((await t.tessera.db('pgboss.job').where({ name: job, state: 'completed' }).count({ n: '*' }))[0].n);
  const pending = async () => Number((await t.tessera.db('pgboss.job').where({ name: job }).whereIn('state', ['created', 'retry', 'active']).count({ n: '*' }))[0].n);
  const before = await finished();
  await t.tessera.services.jobs.send(job, {});
  // Each poll also asks the API something, so the client's keep-alive connection is not left idle (and reset) while the job runs.
  const poll = async () => ({ finished: await finished(), pending: await pending(), api: (await t.admin.get('/api/records/churn_profile_sync?limit=1')).status });
  const done = await eventually(poll, (s) => s.finished > before && s.pending === 0, 300_000);
  expect(done.finished).toBeGreaterThan(before);
  expect(await t.tessera.db('pgboss.job').where({ name: job, state: 'failed' }).pluck('output')).toEqual([]);
}

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'telecom', demo: true }] });
  plan = (await t.admin.get('/api/records/tariff_plan?limit=1')).body.data[0].id;
}, 900_000);
afterAll(() => t?.close());

describe('the churn profile over the demo', () => {
  it('is recomputed to exactly what the demo generator wrote, without a single write', async () => {
    const fields = ['number', '_version', ...PROFILE];
    const before = await everyRecord(t.admin, 'subscriber', undefined, fields);
    await runJob('churn_profiles_all');
    const after = new Map((await everyRecord(t.admin, 'subscriber', undefined, fields)).map((s) => [s.number, s]));
    const demo = demoFile(packDir, 'subscriber');
    expect(after.size).toBe(demo.length);
    const differing = demo.filter((d) => PROFILE.some((f) => (after.get(d.number)?.[f] ?? null) !== (d[f] ?? null)));
    expect(differing.map((d) => ({ number: d.number, demo: PROFILE.map((f) => d[f]), now: PROFILE.map((f) => after.get(d.number)?.[f]) }))).toEqual([]);
    expect(before.filter((s) => after.get(s.number)?._version !== s._version).map((s) => s.number)).toEqual([]);
  });
});

describe('complaint_count', () => {
  it('counts a complaint created, moved to another subscriber, deleted and restored', async () => {
    const [a, b] = [await newSubscriber(), await newSubscriber()];
    await complaintOf(a);
    const complaint = await complaintOf(a);
    expect((await profileOf(a)).complaint_count).toBe(2);

    await updated('complaint', complaint.id, { subscriber: b });
    expect([(await profileOf(a)).complaint_count, (await profileOf(b)).complaint_count]).toEqual([1, 1]);

    await updated('complaint', complaint.id, { status: 'in_progress' });
    expect([(await profileOf(a)).complaint_count, (await profileOf(b)).complaint_count]).toEqual([1, 1]);

    await deleted('complaint', complaint.id);
    expect((await profileOf(b)).complaint_count).toBe(0);

    // A restore from the recycle bin runs no hooks: the 5-minute job counts it.
    expect((await t.admin.post(`/api/recycle-bin/complaint/${complaint.id}/restore`)).status).toBe(204);
    await runJob('churn_profiles');
    expect((await profileOf(b)).complaint_count).toBe(1);
  });


  it('counts complaints created at the same moment for one subscriber, each once and without a deadlock', async () => {
    const s = await newSubscriber();
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.admin.post('/api/records/complaint', { subject: 'No signal', subscriber: s, region: 'Sichuan', category: 'network', priority: 'high', status: 'open' })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect((await profileOf(s)).complaint_count).toBe(8);
  });

  it("is recounted by the job after a complaint being written commits, never overwritten by a count read before it", async () => {
    const s = await newSubscriber();
    await complaintOf(s);
    const services = t.tessera.services;
    // A second complaint written by the system in a transaction kept open until the job, started
    // meanwhile, waits for the subscriber's lock: a job counting first and locking later would read 1,
    // wait, and write 1 over the 2 this transaction commits. (The embedded database has one
    // connection: there the job simply runs after the transaction.)
    const writing = services.db.transaction(async (trx) => {
      const system = systemRecordsIn(systemContext({ ...services, schema: services.holder.snapshot, workflow: recordWorkflowPort, hooks: services.plugins, registry: services.plugins!.registrations }), trx);
      await system.create('complaint', { subject: 'Slow data', subscriber: s, region: 'Sichuan', category: 'network', priority: 'normal', status: 'open' });
      if (t.database.kind === 'pglite') return;
      const jobWaits = async () => Number((await trx.raw("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rows[0].n) > 0;
      expect(await eventually(jobWaits, (waits) => waits, 60_000)).toBe(true);
    });
    await Promise.all([writing, runJob('churn_profiles')]);
    expect((await profileOf(s)).complaint_count).toBe(2);
  });
});

describe('usage_trend and monthly_spend', () => {
  const usage = (id: string, month: string, minutes: number, amount: number) => created('usage_summary', { subscriber: id, month, minutes, data_mb: 100, amount });

  it('follow usage rows created one by one (through the job), changed, moved and deleted (at once)', async () => {
    const [s, other] = [await newSubscriber(), await newSubscriber()];
    const rows = [];
    for (const [i, month] of MONTHS.entries()) rows.push(await usage(s, month, i < 9 ? 100 : 40, i < 9 ? 50 : 20));
    expect(await profileOf(s)).toEqual({ complaint_count: 0, usage_trend: null, monthly_spend: null });
    await runJob('churn_profiles');
    // The last three months (40 minutes) against the nine before (100): -60 %; bills (9 × 50 + 3 × 20) / 12.
    expect(await profileOf(s)).toMatchObject({ usage_trend: -0.6, monthly_spend: 42.5 });

    await updated('usage_summary', rows[11].id, { minutes: 100, amount: 80 });
    // (40 + 40 + 100) / 3 = 60 against 100; (450 + 20 + 20 + 80) / 12 = 47.5.
    expect(await profileOf(s)).toMatchObject({ usage_trend: -0.4, monthly_spend: 47.5 });

    // November moves to another subscriber: October is the latest month left, August to October (100, 40, 40) against the 8 before.
    await updated('usage_summary', rows[11].id, { subscriber: other });
    expect(await profileOf(s)).toMatchObject({ usage_trend: -0.4, monthly_spend: 44.55 });
    expect(await profileOf(other)).toMatchObject({ usage_trend: null, monthly_spend: 80 });

    // Without October: July to September (100, 100, 40) against the 7 before; (9 × 50 + 20) / 10.
    await deleted('usage_summary', rows[10].id);
    expect(await profileOf(s)).toMatchObject({ usage_trend: -0.2, monthly_spend: 47 });
  });

  it('follow a CSV import of usage rows, through the job', async () => {
    const [s, t2] = [await newSubscriber(), await newSubscriber()];
    const lines = MONTHS.flatMap((month, i) => [`${s},${month},${i < 9 ? 200 : 300},500,10,${i < 9 ? 60 : 90}`, `${t2},${month},${i < 9 ? 80 : 20},100,0,30`]);
    const job = await t.admin.post('/api/records/usage_summary/import?wait=true', ['subscriber,month,minutes,data_mb,sms,amount', ...lines].join('\n'), { 'content-type': 'text/csv' });
    expect(job.status, JSON.stringify(job.body)).toBe(200);
    expect(job.body).toMatchObject({ status: 'done', inserted: 24, failed: 0 });
    expect((await profileOf(s)).usage_trend).toBeNull();
    await runJob('churn_profiles');
    expect(await profileOf(s)).toMatchObject({ usage_trend: 0.5, monthly_spend: 67.5 });
    expect(await profileOf(t2)).toMatchObject({ usage_trend: -0.75, monthly_spend: 30 });
  });
});
