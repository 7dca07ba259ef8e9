import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { addPerson } from '../helpers/people.ts';

// Issue 16, item 2 (R30): regional staff see and edit only their region's subscribers, complaints,
// projects and what hangs off subscribers; executives see everything. Done by role documents
// (criteria scopes on the region), checked here on every records endpoint.

let t: TestApp;
let sichuan: ApiClient;
let executive: ApiClient;
const ids: Record<string, Record<string, string>> = {};
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

async function create(object: string, values: Record<string, unknown>): Promise<string> {
  const res = await t.admin.post(`/api/records/${object}`, values);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return String(res.body.id);
}

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'telecom' }] });
  sichuan = (await addPerson(t, 'sc.staff', ['telecom_region_sichuan'])).api;
  executive = (await addPerson(t, 'tel.exec', ['telecom_executive'])).api;
  const plan = await create('tariff_plan', { name: 'Plan A', code: 'A', segment: 'individual' });
  await create('tariff_version', { title: 'Plan A v1', plan, version: 1, status: 'published', monthly_fee: 38 });
  for (const [region, digit] of [['Sichuan', '1'], ['Chongqing', '2'], ['Yunnan', '3']]) {
    const subscriber = await create('subscriber', { number: `1380000000${digit}`, name: `Subscriber ${region}`, region, tariff_plan: plan });
    ids[region] = {
      subscriber,
      usage_summary: await create('usage_summary', { subscriber, month: '2026-10-01', minutes: 100, data_mb: 500 }),
      service_subscription: await create('service_subscription', { subscriber, service: 'data' }),
      complaint: await create('complaint', { subject: `Signal complaint ${region}`, subscriber, region, category: 'network' }),
      enterprise_project: await create('enterprise_project', { name: `Fibre project ${region}`, region, business_unit: 'TND', value: 100000 }),
    };
  }
}, 300_000);
afterAll(() => t?.close());

const OBJECTS = ['subscriber', 'usage_summary', 'service_subscription', 'complaint', 'enterprise_project'] as const;

describe('a Sichuan user', () => {
  it('lists, counts and gets only Sichuan records', async () => {
    for (const object of OBJECTS) {
      const list = await sichuan.get(`/api/records/${object}?count=true`);
      expect(list.status, object).toBe(200);
      expect(list.body.data.map((r: { id: string }) => r.id), object).toEqual([ids.Sichuan[object]]);
      expect(list.body.total).toBe(1);
      expect((await sichuan.get(`/api/records/${object}/${ids.Sichuan[object]}`)).status).toBe(200);
      expect((await sichuan.get(`/api/records/${object}/${ids.Chongqing[object]}`)).status, object).toBe(404);
      expect((await sichuan.get(`/api/records/${object}/${ids.Yunnan[object]}/history`)).status, object).toBe(404);
    }
  });

  it('finds nothing of other regions by search, filter or export', async () => {
    const search = await sichuan.get('/api/search?q=Subscriber&limit=50');
    expect(search.status).toBe(200);
    const titles = search.body.data.flatMap((group: { records: { title: string }[] }) => group.records.map((r) => r.title));
    expect(titles).toContain('13800000001');
    expect(titles.filter((title: string) => title === '13800000002' || title === '13800000003')).toEqual([]);
    const projects = await sichuan.get(`/api/search?q=${encodeURIComponent('Fibre project')}`);
    expect(projects.body.data.flatMap((g: { records: { title: string }[] }) => g.records.map((r) => r.title))).toEqual(['Fibre project Sichuan']);
    const filtered = await sichuan.get(`/api/records/enterprise_project?filter=${q({ region: { $eq: 'Yunnan' } })}`);
    expect(filtered.body.data).toEqual([]);
    for (const object of OBJECTS) {
      const exported = await sichuan.get(`/api/records/${object}/export?format=json`);
      expect(exported.status, object).toBe(200);
      expect(exported.body.map((r: { id: string }) => String(r.id)), object).toEqual([ids.Sichuan[object]]);
    }
  });

  it('aggregates and runs reports and dashboards over Sichuan only', async () => {
    const aggregate = await sichuan.post('/api/records/enterprise_project/aggregate', { groupBy: [{ field: 'region' }], measures: [{ fn: 'count' }, { fn: 'sum', field: 'value' }] });
    expect(aggregate.status, JSON.stringify(aggregate.body)).toBe(200);
    expect(aggregate.body.rows).toEqual([expect.objectContaining({ region: 'Sichuan', count: 1 })]);
    const usage = await sichuan.post('/api/records/usage_summary/aggregate', { groupBy: [{ field: 'subscriber.region' }], measures: [{ fn: 'sum', field: 'minutes' }] });
    expect(usage.body.rows).toHaveLength(1);
    const report = await sichuan.get('/api/reports/projects_by_region/run');
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.rows).toEqual([expect.objectContaining({ region: 'Sichuan', count: 1 })]);
    const dashboard = await sichuan.get('/api/dashboards/telecom_projects/run');
    expect(dashboard.status).toBe(200);
    const rows = dashboard.body.widgets.flatMap((w: { result: { rows: Record<string, unknown>[] } }) => w.result.rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row: Record<string, unknown>) => 'region' in row).map((row: { region: string }) => row.region)).toEqual(expect.arrayContaining(['Sichuan']));
    expect(rows.filter((row: Record<string, unknown>) => 'region' in row && row.region !== 'Sichuan')).toEqual([]);
    expect(rows.every((row: { count?: number }) => row.count === undefined || row.count === 1)).toBe(true);
  });

  it('cannot update or delete records of other regions', async () => {
    for (const object of ['subscriber', 'complaint', 'enterprise_project'] as const) {
      const other = ids.Chongqing[object];
      expect((await sichuan.patch(`/api/records/${object}/${other}`, { _version: 1, notes: 'x' })).status, object).toBe(404);
    }
    expect((await sichuan.delete(`/api/records/enterprise_project/${ids.Yunnan.enterprise_project}`)).status).toBe(404);
    expect((await t.admin.get(`/api/records/enterprise_project/${ids.Yunnan.enterprise_project}`)).status).toBe(200);
  });

  it('may not move a record of its region to another region', async () => {
    for (const object of ['subscriber', 'complaint', 'enterprise_project'] as const) {
      const id = ids.Sichuan[object];
      const before = (await sichuan.get(`/api/records/${object}/${id}`)).body;
      const moved = await sichuan.patch(`/api/records/${object}/${id}`, { _version: before._version, region: 'Chongqing' });
      expect(moved.status, object).toBe(403);
      expect(moved.body.error.code).toBe('FORBIDDEN');
      expect((await t.admin.get(`/api/records/${object}/${id}`)).body.region).toBe('Sichuan');
    }
    // A service moved to another region's subscriber: that subscriber is not theirs to point at.
    const service = (await sichuan.get(`/api/records/service_subscription/${ids.Sichuan.service_subscription}`)).body;
    const repointed = await sichuan.patch(`/api/records/service_subscription/${service.id}`, { _version: service._version, subscriber: ids.Yunnan.subscriber });
    expect(repointed.status).toBe(422);
  });

  it('may not create a record in another region', async () => {
    const plan = (await t.admin.get(`/api/records/subscriber/${ids.Sichuan.subscriber}`)).body.tariff_plan;
    const planId = typeof plan === 'object' && plan ? plan.id : plan;
    const others: [string, Record<string, unknown>][] = [
      ['subscriber', { number: '13800000099', name: 'Chongqing newcomer', region: 'Chongqing', tariff_plan: planId }],
      ['complaint', { subject: 'Complaint filed for Yunnan', subscriber: ids.Sichuan.subscriber, region: 'Yunnan', category: 'network' }],
      ['enterprise_project', { name: 'Chongqing campus', region: 'Chongqing', business_unit: 'VND' }],
    ];
    for (const [object, values] of others) {
      const before = (await t.admin.get(`/api/records/${object}?count=true&limit=1`)).body.total;
      const refused = await sichuan.post(`/api/records/${object}`, values);
      expect(refused.status, `${object}: ${JSON.stringify(refused.body)}`).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      expect((await t.admin.get(`/api/records/${object}?count=true&limit=1`)).body.total, object).toBe(before);
    }
  });

  it('edits and deletes its own region\'s records', async () => {
    const project = (await sichuan.get(`/api/records/enterprise_project/${ids.Sichuan.enterprise_project}`)).body;
    const edited = await sichuan.patch(`/api/records/enterprise_project/${project.id}`, { _version: project._version, status: 'active', stage: 'survey' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const history = (await sichuan.get(`/api/records/enterprise_project/${project.id}/history`)).body.data;
    expect(history.map((h: { field: string }) => h.field)).toEqual(expect.arrayContaining(['status', 'stage']));
    const created = await sichuan.post('/api/records/enterprise_project', { name: 'Campus Wi-Fi', region: 'Sichuan', business_unit: 'VND' });
    expect(created.status).toBe(201);
    expect((await sichuan.delete(`/api/records/enterprise_project/${created.body.id}`)).status).toBe(204);
  });
});

describe('an executive', () => {
  it('sees every region', async () => {
    for (const object of OBJECTS) {
      const list = await executive.get(`/api/records/${object}?count=true`);
      expect(list.body.total, object).toBeGreaterThanOrEqual(3);
    }
    const report = await executive.get('/api/reports/projects_by_region/run');
    expect(report.body.rows.map((r: { region: string }) => r.region).sort()).toEqual(['Chongqing', 'Sichuan', 'Yunnan']);
  });

  it('reads but does not edit', async () => {
    const project = (await executive.get(`/api/records/enterprise_project/${ids.Yunnan.enterprise_project}`)).body;
    expect((await executive.patch(`/api/records/enterprise_project/${project.id}`, { _version: project._version, value: 1 })).status).toBe(403);
  });
});
