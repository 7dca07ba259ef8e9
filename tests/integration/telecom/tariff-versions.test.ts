import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { addPerson } from '../helpers/people.ts';

// Issue 16, item 1: versioned tariffs. A new version applies to new subscriptions once approved;
// existing subscriptions keep theirs (grandfathering) until migrated, and the migration is in the
// subscriber's history.

let t: TestApp;
let product: ApiClient;
let executive: ApiClient;
let sichuan: ApiClient;
let plan: string;
let v1: string;
let v2: string;
const API = '/api/plugins/telecom';

async function published(values: Record<string, unknown>): Promise<string> {
  const draft = await product.post('/api/records/tariff_version', values);
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  expect(draft.body.status).toBe('draft');
  expect((await product.post(`/api/records/tariff_version/${draft.body.id}/submit`, {})).status).toBe(200);
  const tasks = (await executive.get('/api/tasks')).body.data.filter((task: { recordId: string }) => String(task.recordId) === String(draft.body.id));
  expect(tasks).toHaveLength(1);
  const approved = await executive.post(`/api/tasks/${tasks[0].id}/approve`, { comment: 'ok' });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  expect((await product.get(`/api/records/tariff_version/${draft.body.id}`)).body.status).toBe('published');
  return String(draft.body.id);
}

const subscriber = async (api: ApiClient, number: string, values: Record<string, unknown> = {}) =>
  api.post('/api/records/subscriber', { number, name: number, region: 'Sichuan', tariff_plan: plan, ...values });
const versionOf = async (id: string) => String((await t.admin.get(`/api/records/subscriber/${id}`)).body.tariff_version);

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'telecom' }] });
  product = (await addPerson(t, 'tariff.pm', ['telecom_product_manager'])).api;
  executive = (await addPerson(t, 'tel.exec', ['telecom_executive'])).api;
  sichuan = (await addPerson(t, 'sc.staff', ['telecom_region_sichuan'])).api;
  const created = await product.post('/api/records/tariff_plan', { name: '全球通 88', code: 'GT-88', segment: 'individual' });
  expect(created.status).toBe(201);
  plan = String(created.body.id);
}, 300_000);
afterAll(() => t?.close());

describe('tariff versions', () => {
  it('refuse a subscription while the plan has no published version', async () => {
    const res = await subscriber(sichuan, '13900000000');
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe('/tariff_plan');
  });

  it('give a new subscription the current version, and keep it when a new one is published', async () => {
    v1 = await published({ title: 'GT-88 v1', plan, version: 1, monthly_fee: 88, effective_from: '2024-01-01' });
    const early = await subscriber(sichuan, '13900000001');
    expect(early.status, JSON.stringify(early.body)).toBe(201);
    expect(String(early.body.tariff_version)).toBe(v1);

    v2 = await published({ title: 'GT-88 v2', plan, version: 2, monthly_fee: 98, effective_from: '2026-06-01' });
    expect(await versionOf(early.body.id)).toBe(v1);
    const late = await subscriber(sichuan, '13900000002');
    expect(String(late.body.tariff_version)).toBe(v2);
    expect((await t.admin.get(`${API}/tariff-plans/${plan}/current-version`)).body.version.id).toBe(v2);
    // An edit of something else leaves the version alone.
    const edited = await sichuan.patch(`/api/records/subscriber/${early.body.id}`, { _version: early.body._version, handset: 'Mate 60' });
    expect(edited.status).toBe(200);
    expect(String(edited.body.tariff_version)).toBe(v1);
  });

  it('refuse a version of another plan or one not published', async () => {
    const other = await product.post('/api/records/tariff_plan', { name: '动感地带', code: 'MZ', segment: 'individual' });
    const draft = await product.post('/api/records/tariff_version', { title: 'MZ v1', plan: other.body.id, version: 1, monthly_fee: 38 });
    const wrongPlan = await subscriber(sichuan, '13900000003', { tariff_version: draft.body.id });
    expect(wrongPlan.status).toBe(422);
    expect(wrongPlan.body.error.details[0].path).toBe('/tariff_version');
    const own = await product.post('/api/records/tariff_version', { title: 'GT-88 v3', plan, version: 3, monthly_fee: 108 });
    const notPublished = await subscriber(sichuan, '13900000004', { tariff_version: own.body.id });
    expect(notPublished.status).toBe(422);
    expect(await t.admin.get('/api/records/subscriber?count=true').then((r) => r.body.total)).toBe(2);
  });

  it('migrate chosen subscriptions to the current version, in their history', async () => {
    const keep = await subscriber(sichuan, '13900000005', { tariff_version: v1 });
    expect(String(keep.body.tariff_version)).toBe(v1);
    const before = (await t.admin.get(`/api/records/subscriber?filter=${encodeURIComponent(JSON.stringify({ number: { $eq: '13900000001' } }))}`)).body.data[0];
    // Each move is the caller's own update: regional staff cannot migrate another region's subscriber.
    const chongqing = await subscriber(t.admin, '13900000006', { region: 'Chongqing', tariff_version: v1 });
    const refused = await sichuan.post(`${API}/tariff-plans/${plan}/migrate`, { subscribers: [before.id, chongqing.body.id] });
    expect(refused.status).toBe(404);
    expect(await versionOf(before.id)).toBe(v1);
    expect(await versionOf(chongqing.body.id)).toBe(v1);
    await t.admin.delete(`/api/records/subscriber/${chongqing.body.id}`);

    const moved = await product.post(`${API}/tariff-plans/${plan}/migrate`, { subscribers: [before.id] });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ to: { id: v2 }, migrated: [String(before.id)], unchanged: [] });
    expect(await versionOf(before.id)).toBe(v2);
    expect(await versionOf(keep.body.id)).toBe(v1);
    const history = (await t.admin.get(`/api/records/subscriber/${before.id}/history`)).body.data;
    expect(history.find((h: { field: string }) => h.field === 'tariff_version')).toMatchObject({ old: v1, new: v2 });

    const rest = await product.post(`${API}/tariff-plans/${plan}/migrate`, { from: v1 });
    expect(rest.body.migrated).toEqual([String(keep.body.id)]);
    expect((await product.post(`${API}/tariff-plans/${plan}/migrate`, { from: v1 })).body.migrated).toEqual([]);
  });

  it('answer bad migration requests in the error shape, changing nothing', async () => {
    expect((await product.post(`${API}/tariff-plans/${plan}/migrate`, {})).status).toBe(400);
    expect((await product.post(`${API}/tariff-plans/${plan}/migrate`, { subscribers: 'all' })).body.error.details[0].path).toBe('/subscribers');
    expect((await product.post(`${API}/tariff-plans/${plan}/migrate`, { from: v1, extra: 1 })).status).toBe(400);
    expect((await product.post(`${API}/tariff-plans/999999/migrate`, { from: v1 })).status).toBe(404);
    const zh = await product.raw(`${API}/tariff-plans/${plan}/migrate`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' }, body: '{}' });
    expect(((await zh.json()) as { error: { message: string } }).error.message).toMatch(/请指明/);
  });
});
