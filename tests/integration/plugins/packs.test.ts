import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { addUser, type Person } from '../permissions/permission-helpers.ts';

// The plugin host (docs/plugins.md): pack discovery, transactional idempotent install with demo data,
// hooks, routes, workflow actions and jobs, all through the public plugin interface.

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/packs');
let t: TestApp;
let outsider: Person;

beforeAll(async () => {
  t = await startTestApp({ config: { packDirs: [fixtures], jobPollingSeconds: 0.5 }, env: { TESSERA_DEMO_SHOP_GREETING: 'hello' } });
  outsider = await addUser(t, { roles: [] });
});
afterAll(() => t?.close());

const packNamed = async (api: ApiClient, name: string) => (await api.get('/api/packs')).body.data.find((p: { name: string }) => p.name === name);
const count = async (object: string, api: ApiClient = t.admin) => (await api.get(`/api/records/${object}?count=true&limit=1`)).body.total;

describe('catalog', () => {
  it('lists every available pack to any logged-in user, none installed on a fresh database', async () => {
    const res = await outsider.api.get('/api/packs');
    expect(res.status).toBe(200);
    const names = res.body.data.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['reporting', 'demo_shop', 'broken_pack', 'broken_menu', 'broken_code']));
    const shop = res.body.data.find((p: { name: string }) => p.name === 'demo_shop');
    expect(shop).toMatchObject({ version: '1.2.0', label: { en: 'Demo shop', 'zh-CN': '演示商店' }, requires: ['reporting'], installed: false, ui: {} });
  });

  it('lets only administrators install', async () => {
    const res = await outsider.api.post('/api/packs/demo_shop/install');
    expect(res.status).toBe(403);
    expect((await packNamed(t.admin, 'demo_shop')).installed).toBe(false);
  });

  it('answers 404 for an unknown pack and 400 for a bad demo flag', async () => {
    expect((await t.admin.post('/api/packs/no_such_pack/install')).status).toBe(404);
    const bad = await t.admin.post('/api/packs/demo_shop/install?demo=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('/demo');
  });
});

describe('install', () => {
  it('installs nothing when one definition of a pack is invalid, naming the file', async () => {
    const res = await t.admin.post('/api/packs/broken_pack/install');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('broken_pack/roles/broken_role.json');
    expect(res.body.error.details.map((d: { path: string }) => d.path).join(' ')).toContain('/broken_pack/roles/broken_role.json');
    expect((await t.admin.get('/api/meta/objects/broken_thing')).status).toBe(404);
    expect((await packNamed(t.admin, 'broken_pack')).installed).toBe(false);
  });

  it('takes down the routes of a pack whose install failed', async () => {
    const res = await t.admin.post('/api/packs/broken_code/install');
    expect(res.status).toBe(422);
    expect((await t.admin.get('/api/plugins/broken_code/ping')).status).toBe(404);
  });

  it('refuses a menu naming an object that does not exist, undoing the objects it had made', async () => {
    const res = await t.admin.post('/api/packs/broken_menu/install');
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: '/broken_menu/pack.json/ui/navigation/0/objects/1', message: "there is no object named 'no_such_object'" }]);
    expect((await t.admin.get('/api/meta/objects/menu_thing')).status).toBe(404);
  });

  it('refuses hidden objects and record panels naming an object that does not exist or a component the pack does not ship, in the caller\'s language', async () => {
    const res = await t.admin.post('/api/packs/broken_panel/install');
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      { path: '/broken_panel/pack.json/ui/hiddenObjects/1', message: "there is no object named 'no_hidden_thing'" },
      { path: '/broken_panel/pack.json/ui/recordPanels/1/object', message: "there is no object named 'no_such_object'" },
      { path: '/broken_panel/pack.json/ui/recordPanels/2/component', message: 'the pack ships no ui/panels/Absent.vue' },
    ]);
    expect((await t.admin.get('/api/meta/objects/panel_thing')).status).toBe(404);
    const zh = await t.admin.post('/api/packs/broken_panel/install', undefined, { 'accept-language': 'zh-CN' });
    expect(zh.body.error.message).toBe('扩展包“broken_panel”的界面引用了不存在的对象或组件。');
    expect(zh.body.error.details.map((d: { message: string }) => d.message)).toEqual(['没有名为“no_hidden_thing”的对象', '没有名为“no_such_object”的对象', '扩展包中没有 ui/panels/Absent.vue']);
    expect((await packNamed(t.admin, 'broken_panel')).installed).toBe(false);
  });

  it('installs a pack after the packs it requires, in one go, with objects that point at each other, roles, workflows, reports and demo data', async () => {
    const res = await t.admin.post('/api/packs/demo_shop/install?demo=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.packs.map((p: { name: string }) => p.name)).toEqual(['reporting', 'demo_shop']);
    expect(res.body).toMatchObject({ name: 'demo_shop', version: '1.2.0', changed: true, demoLoaded: true });
    expect(res.body.changes).toEqual(expect.arrayContaining([
      'pack demo_shop 1.2.0 installed', 'object shop_customer created', 'object shop_order created', 'role shop_clerk created',
      'workflow shop_order_approval created', 'report orders_by_customer created', 'dashboard shop_overview created', 'demo data loaded',
    ]));
    const customer = (await t.admin.get('/api/meta/objects/shop_customer')).body;
    expect(customer.fields.map((f: { name: string }) => f.name)).toEqual(['name', 'region', 'last_order', 'order_count']);
    expect(customer.history).toEqual(['region']);
    const order = (await t.admin.get('/api/meta/objects/shop_order')).body;
    expect(order.fields.find((f: { name: string }) => f.name === 'customer')).toMatchObject({ type: 'lookup', target: 'shop_customer' });
    expect((await t.admin.get('/api/admin/roles/shop_clerk')).status).toBe(200);
    expect((await t.admin.get('/api/meta/workflows/shop_order_approval')).status).toBe(200);
    expect((await t.admin.get('/api/meta/reports/orders_by_customer')).body).toMatchObject({ object: 'shop_order', version: 1 });
    expect(await count('shop_customer')).toBe(2);
    expect(await count('shop_order')).toBe(3);
    const shop = await packNamed(t.admin, 'demo_shop');
    expect(shop).toMatchObject({ installed: true, installedVersion: '1.2.0', demoLoaded: true, ui: { menu: [{ path: '/shop' }], navigation: [{ key: 'shop', objects: ['shop_customer', 'shop_order'] }] } });
    // The record panels reach every logged-in user's app, which shows them by the record's access answer.
    expect((await packNamed(outsider.api, 'demo_shop')).ui.recordPanels).toEqual([
      { object: 'shop_customer', component: 'CustomerOrders.vue', title: { en: 'Orders', 'zh-CN': '订单' }, order: 10, operation: 'update' },
    ]);
    expect((await packNamed(t.admin, 'reporting')).installed).toBe(true);
  });

  it('gives demo records their owners and resolves lookups between them', async () => {
    const wang = await t.login('clerk.wang', 'Demo-password-1');
    const own = await wang.get('/api/records/shop_order?sort=code');
    expect(own.status).toBe(200);
    expect(own.body.data.map((o: { code: string }) => o.code)).toEqual(['A-1', 'G-1']);
    expect(own.body.data[0]).not.toHaveProperty('margin');
    const acme = (await t.admin.get(`/api/records/shop_customer?filter=${encodeURIComponent(JSON.stringify({ name: { $eq: 'Acme' } }))}`)).body.data[0];
    expect(own.body.data[0].customer).toBe(acme.id);
    const first = own.body.data[0];
    const li = (await t.admin.get('/api/admin/users?search=clerk.li')).body.data.find((u: { username: string }) => u.username === 'clerk.li');
    const shop = (await t.admin.get('/api/admin/departments')).body.data.find((d: { name: string }) => d.name === 'Shop floor');
    expect(first).toMatchObject({ handler: li.id, team: shop.id, _created_at: '2025-06-01T08:00:00.000Z' });
    const wangUser = (await t.admin.get('/api/admin/users?search=clerk.wang')).body.data.find((u: { username: string }) => u.username === 'clerk.wang');
    expect(shop.head).toBe(wangUser.id);
  });

  it('changes nothing when installed again', async () => {
    const res = await t.admin.post('/api/packs/demo_shop/install?demo=true');
    expect(res.status).toBe(200);
    expect(res.body.packs.map((p: { changed: boolean }) => p.changed)).toEqual([false, false]);
    expect(res.body.changes).toEqual([]);
    expect(await count('shop_order')).toBe(3);
    // shop_order was created without its lookup to shop_customer, which points back at it, then completed.
    expect((await t.admin.get('/api/meta/objects/shop_order')).body.version).toBe(2);
    expect((await t.admin.get('/api/meta/objects/shop_customer')).body.version).toBe(1);
    expect((await t.admin.get('/api/meta/reports/orders_by_customer')).body.version).toBe(1);
  });
});

describe('code of an installed pack', () => {
  it('runs before- and after-create hooks inside the write, and the job the hook sends', async () => {
    const res = await t.admin.post('/api/records/shop_order', { amount: 42 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.code).toBe('AUTO-42');
    const logs = (await t.admin.get(`/api/records/shop_log?filter=${encodeURIComponent(JSON.stringify({ order_code: { $eq: 'AUTO-42' } }))}&sort=id`)).body.data;
    expect(logs.map((l: { message: string }) => l.message)).toContain('order created');
    const withJob = await eventually(
      async () => (await t.admin.get(`/api/records/shop_log?filter=${encodeURIComponent(JSON.stringify({ order_code: { $eq: 'AUTO-42' }, message: { $eq: 'job ran' } }))}`)).body.data,
      (rows: unknown[]) => rows.length > 0,
    );
    expect(withJob).toHaveLength(1);
    const notes = (await t.admin.get('/api/notifications')).body.data;
    expect(notes.find((n: { object: string; message: { en: string } }) => n.object === 'shop_log' && n.message.en === 'Order AUTO-42 logged')).toBeDefined();
  });

  it('lets a before hook refuse a write, which then changes nothing', async () => {
    const created = (await t.admin.post('/api/records/shop_order', { code: 'L-1', amount: 5, locked: true })).body;
    const refused = await t.admin.delete(`/api/records/shop_order/${created.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('L-1 is locked');
    expect((await t.admin.get(`/api/records/shop_order/${created.id}`)).status).toBe(200);
    const negative = await t.admin.patch(`/api/records/shop_order/${created.id}`, { _version: created._version, amount: -1 });
    expect(negative.status).toBe(422);
    expect(negative.body.error.details).toEqual([{ path: '/amount', message: 'must not be negative' }]);
    expect((await t.admin.get(`/api/records/shop_order/${created.id}`)).body.amount).toBe(5);
  });

  it('undoes the whole write when an after hook fails', async () => {
    const before = await count('shop_customer');
    const res = await t.admin.post('/api/records/shop_customer', { name: 'Explode' });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: '/name', message: 'is not allowed here' }]);
    expect(await count('shop_customer')).toBe(before);
    const logs = (await t.admin.get(`/api/records/shop_log?filter=${encodeURIComponent(JSON.stringify({ message: { $eq: 'customer Explode' } }))}`)).body.data;
    expect(logs).toEqual([]);
  });

  it('serves its routes under /api/plugins/<pack> as the caller, with its settings', async () => {
    const wang = await t.login('clerk.wang', 'Demo-password-1');
    const res = await wang.get('/api/plugins/demo_shop/summary');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ user: 'clerk.wang', orders: 2, setting: 'hello' });
    expect((await outsider.api.get('/api/plugins/demo_shop/summary')).status).toBe(403);
    expect((await wang.get('/api/plugins/demo_shop/nothing')).status).toBe(404);
    expect((await wang.get('/api/plugins/no_pack/summary')).status).toBe(404);
  });

  it('runs its workflow actions inside the transition', async () => {
    const order = (await t.admin.post('/api/records/shop_order', { code: 'W-1', amount: 9 })).body;
    const res = await t.admin.post(`/api/records/shop_order/${order.id}/submit`, {});
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    const logs = (await t.admin.get(`/api/records/shop_log?filter=${encodeURIComponent(JSON.stringify({ message: { $eq: `stamped shop_order ${order.id} ok` } }))}`)).body.data;
    expect(logs).toHaveLength(1);
  });

  it('runs the reports it ships', async () => {
    const res = await t.admin.get('/api/reports/orders_by_customer/run');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byTitle = Object.fromEntries(res.body.rows.map((r: Record<string, unknown>) => [r.customer__title, r.sum_amount]));
    expect(byTitle).toMatchObject({ Acme: 350, Globex: 75 });
  });
});

describe('field types and schedules of a pack', () => {
  it('checks every value of a field of a pack field type, and refuses a definition naming an unknown one', async () => {
    expect((await t.admin.post('/api/records/shop_log', { message: 'ok', ticket: 'AB-12' })).status).toBe(201);
    const bad = await t.admin.post('/api/records/shop_log', { message: 'bad', ticket: 'nope' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([{ path: '/ticket', message: 'ticket must look like ABC-123' }]);
    const unknown = await t.admin.put('/api/meta/objects/odd', { fields: [{ name: 'x', type: 'text', fieldType: 'demo_shop.no_such' }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details[0].path).toBe('/fields/0/fieldType');
    const wrongBase = await t.admin.put('/api/meta/objects/odd', { fields: [{ name: 'x', type: 'number', fieldType: 'demo_shop.order_code' }] });
    expect(wrongBase.status).toBe(422);
    expect(wrongBase.body.error.details[0].path).toBe('/fields/0/type');
  });

  it('schedules its jobs with pg-boss when it boots', async () => {
    const schedules = await t.tessera.db('pgboss.schedule').where({ name: 'demo_shop.log_order' }).select('cron', 'data');
    expect(schedules).toEqual([{ cron: '0 7 * * *', data: { code: 'daily' } }]);
  });
});
