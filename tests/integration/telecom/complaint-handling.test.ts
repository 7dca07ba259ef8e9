import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { addPerson } from '../helpers/people.ts';

// Issue 16, item 3: a complaint runs through complaint_handling (open → in progress ⇄ waiting for
// the customer → resolved → closed); the status follows the workflow, and only staff of the
// complaint's region move it. Its SLAs are in complaint-sla.test.ts.

let t: TestApp;
let sichuan: ApiClient;
let yunnan: ApiClient;
let complaint: string;

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'telecom' }] });
  sichuan = (await addPerson(t, 'sc.staff', ['telecom_region_sichuan'])).api;
  yunnan = (await addPerson(t, 'yn.staff', ['telecom_region_yunnan'])).api;
  const plan = (await t.admin.post('/api/records/tariff_plan', { name: 'Plan', code: 'P', segment: 'individual' })).body.id;
  await t.admin.post('/api/records/tariff_version', { title: 'Plan v1', plan, version: 1, status: 'published', monthly_fee: 18 });
  const subscriber = await sichuan.post('/api/records/subscriber', { number: '13700000001', name: 'Li', region: 'Sichuan', tariff_plan: plan });
  expect(subscriber.status, JSON.stringify(subscriber.body)).toBe(201);
  const created = await sichuan.post('/api/records/complaint', {
    subject: 'No signal at home', subscriber: subscriber.body.id, region: 'Sichuan', category: 'network', priority: 'high',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.opened_at).toBeTruthy();
  complaint = String(created.body.id);
}, 300_000);
afterAll(() => t?.close());

const state = async () => (await t.admin.get(`/api/records/complaint/${complaint}`)).body;
const send = (api: ApiClient, event: string) => api.post(`/api/records/complaint/${complaint}/transition`, { event });

describe('complaint handling', () => {
  it('runs from open to closed, the status following, with a wait for the customer on the way', async () => {
    const submitted = await sichuan.post(`/api/records/complaint/${complaint}/submit`, {});
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(await state()).toMatchObject({ _state: 'open', status: 'open' });
    for (const [event, status] of [['start', 'in_progress'], ['wait_customer', 'waiting_customer'], ['resume', 'in_progress'], ['resolve', 'resolved'], ['reopen', 'in_progress'], ['resolve', 'resolved'], ['close', 'closed']]) {
      const res = await send(sichuan, event);
      expect(res.status, `${event}: ${JSON.stringify(res.body)}`).toBe(200);
      expect((await state()).status, event).toBe(status);
    }
    // The resolution SLA wrote its due moment while it ran and keeps it once met (tests/integration/telecom/complaint-sla.test.ts).
    expect((await state()).sla_due).not.toBeNull();
    const history = (await t.admin.get(`/api/records/complaint/${complaint}/history`)).body.data.filter((h: { field: string }) => h.field === 'status');
    expect(history.length).toBeGreaterThanOrEqual(7);
  });

  it('refuses an event the state does not take, and staff of another region', async () => {
    const other = await sichuan.post('/api/records/complaint', { subject: 'Billing', subscriber: (await state()).subscriber, region: 'Sichuan', category: 'billing' });
    const id = String(other.body.id);
    expect((await sichuan.post(`/api/records/complaint/${id}/submit`, {})).status).toBe(200);
    expect((await sichuan.post(`/api/records/complaint/${id}/transition`, { event: 'close' })).status).toBe(409);
    expect((await yunnan.post(`/api/records/complaint/${id}/transition`, { event: 'start' })).status).toBe(404);
    expect((await t.admin.get(`/api/records/complaint/${id}`)).body.status).toBe('open');
  });
});
