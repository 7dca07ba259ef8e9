import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addPerson, type Person } from '../helpers/people.ts';

// Issue 16 items 3 and 8: a complaint's SLAs on the pack's business-hours calendar (Beijing time,
// 9:00–12:00 and 13:30–18:00 on working days): the resolution clock pauses while the complaint waits
// for the customer and escalates to the owner's manager when it runs out. The test moves the app's
// clock and runs the sweep; nothing waits.
//
// By hand (CST = UTC+8): opened Friday 2026-12-04 16:00.
//   first response, 4 h: Fri 16–18 (2 h) + Mon 9–11 → due Mon 12-07 11:00; met at Mon 10:00.
//   resolution of a normal complaint, 16 h: Fri 2 h, Mon 7.5 h, Tue 9–12 and 13:30–17:00 → due Tue
//   12-08 17:00 (an urgent one has 4 h: due Mon 11:00; a high one 8 h: due Mon 16:30).
//   Waiting for the customer from Mon 11:00 (4 h used, 12 h left) to Wed 12-09 10:00:
//   Wed 10–12 and 13:30–18 (6.5 h), Thu 9–12 (3 h), 13:30–16:00 → due Thu 12-10 16:00.

const cst = (text: string) => new Date(`${text}+08:00`);
let clock = cst('2026-12-04T16:00:00');
let t: TestApp;
let staff: Person;
let manager: Person;
let complaint: string;

const slas = async () => Object.fromEntries(((await t.admin.get(`/api/records/complaint/${complaint}/workflow`)).body.slas as { name: string }[]).map((s) => [s.name, s])) as Record<string, Record<string, any>>;
const history = async () => (await t.admin.get(`/api/records/complaint/${complaint}/workflow`)).body.history as { action: string; comment: string | null }[];
async function send(event: string, at: string) {
  clock = cst(at);
  const res = await staff.api.post(`/api/records/complaint/${complaint}/transition`, { event });
  expect(res.status, `${event}: ${JSON.stringify(res.body)}`).toBe(200);
}

beforeAll(async () => {
  t = await startTestApp({ now: () => clock, packs: [{ name: 'telecom' }] });
  manager = await addPerson(t, 'sc.manager', ['telecom_region_sichuan']);
  staff = await addPerson(t, 'sc.agent', ['telecom_region_sichuan'], manager.id);
  const plan = (await t.admin.post('/api/records/tariff_plan', { name: 'Plan', code: 'P', segment: 'individual' })).body.id;
  await t.admin.post('/api/records/tariff_version', { title: 'Plan v1', plan, version: 1, status: 'published', monthly_fee: 18 });
  const subscriber = await staff.api.post('/api/records/subscriber', { number: '13700000002', name: 'Wang', region: 'Sichuan', tariff_plan: plan });
  expect(subscriber.status, JSON.stringify(subscriber.body)).toBe(201);
  const created = await staff.api.post('/api/records/complaint', { subject: 'Dropped calls', subscriber: subscriber.body.id, region: 'Sichuan', category: 'network', priority: 'normal' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  complaint = String(created.body.id);
}, 300_000);
afterAll(() => t?.close());

describe('a complaint\'s SLAs on business hours', () => {
  it('start on submit with due moments counted in working hours, the resolution\'s written to sla_due', async () => {
    expect((await staff.api.post(`/api/records/complaint/${complaint}/submit`, {})).status).toBe(200);
    const clocks = await slas();
    expect(clocks.first_response).toMatchObject({ status: 'running', calendar: 'cn_business_hours', dueAt: cst('2026-12-07T11:00:00').toISOString() });
    expect(clocks.resolution).toMatchObject({ status: 'running', dueAt: cst('2026-12-08T17:00:00').toISOString() });
    expect((await t.admin.get(`/api/records/complaint/${complaint}`)).body.sla_due).toBe(cst('2026-12-08T17:00:00').toISOString());
  });

  it('gives an urgent and a high complaint their own, shorter resolution time', async () => {
    for (const [priority, due] of [['urgent', '2026-12-07T11:00:00'], ['high', '2026-12-07T16:30:00']]) {
      const other = await staff.api.post('/api/records/complaint', { subject: `Outage (${priority})`, subscriber: (await t.admin.get(`/api/records/complaint/${complaint}`)).body.subscriber, region: 'Sichuan', category: 'network', priority });
      expect(other.status, JSON.stringify(other.body)).toBe(201);
      expect((await staff.api.post(`/api/records/complaint/${other.body.id}/submit`, {})).status).toBe(200);
      const clocks = ((await t.admin.get(`/api/records/complaint/${other.body.id}/workflow`)).body.slas as { name: string; dueAt: string }[]).map((c) => [c.name, c.dueAt]);
      expect(clocks).toEqual([['first_response', cst('2026-12-07T11:00:00').toISOString()], [`resolution_${priority}`, cst(due).toISOString()]]);
      expect((await t.admin.get(`/api/records/complaint/${other.body.id}`)).body.sla_due).toBe(cst(due).toISOString());
      // Handled at once, so its clocks end met and leave the sweeps below to the first complaint.
      for (const event of ['start', 'resolve']) expect((await staff.api.post(`/api/records/complaint/${other.body.id}/transition`, { event })).status).toBe(200);
      const ended = ((await t.admin.get(`/api/records/complaint/${other.body.id}/workflow`)).body.slas as { status: string }[]).map((c) => c.status);
      expect(ended).toEqual(['met', 'met']);
    }
  });

  it('meets the first response when handling starts in time', async () => {
    await send('start', '2026-12-07T10:00:00');
    expect((await slas()).first_response.status).toBe('met');
    expect((await history()).filter((h) => h.action === 'sla_met').map((h) => h.comment)).toEqual([expect.stringContaining('first_response')]);
  });

  it('pauses the resolution while waiting for the customer and counts the rest from the reply', async () => {
    await send('wait_customer', '2026-12-07T11:00:00');
    const paused = await slas();
    expect(paused.resolution).toMatchObject({ status: 'paused', usedMs: 4 * 3_600_000, remainingMs: 12 * 3_600_000 });
    expect((await t.admin.get(`/api/records/complaint/${complaint}`)).body.sla_due).toBeNull();
    clock = cst('2026-12-08T18:00:00');
    expect(await t.tessera.sweepSlas()).toBe(0);
    await send('resume', '2026-12-09T10:00:00');
    expect((await slas()).resolution).toMatchObject({ status: 'running', dueAt: cst('2026-12-10T16:00:00').toISOString() });
    expect((await t.admin.get(`/api/records/complaint/${complaint}`)).body.sla_due).toBe(cst('2026-12-10T16:00:00').toISOString());
    const actions = (await history()).map((h) => h.action);
    expect(actions.filter((a) => a === 'sla_pause')).toHaveLength(1);
    expect(actions.filter((a) => a === 'sla_resume')).toHaveLength(1);
  });

  it('escalates once to the owner\'s manager when the clock runs out', async () => {
    clock = cst('2026-12-10T15:59:00');
    expect(await t.tessera.sweepSlas()).toBe(0);
    clock = cst('2026-12-10T16:01:00');
    expect(await t.tessera.sweepSlas()).toBe(1);
    expect(await t.tessera.sweepSlas()).toBe(0);
    expect((await slas()).resolution.status).toBe('breached');
    expect((await history()).filter((h) => h.action === 'sla_breach')).toHaveLength(1);
    const notes = (await manager.api.get('/api/notifications')).body.data.filter((n: { recordId: string }) => n.recordId === complaint);
    expect(notes).toHaveLength(1);
    await send('resolve', '2026-12-10T17:00:00');
    expect((await slas()).resolution.status).toBe('breached');
  });
});
