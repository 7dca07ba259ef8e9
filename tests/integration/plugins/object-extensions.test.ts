import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// A pack adds fields to another pack's object (metadata/extensions/<object>.json), docs/plugins.md.
const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ config: { packDirs: [path.join(fixtures, 'packs'), path.join(fixtures, 'extension-packs')] } });
});
afterAll(() => t?.close());

const fieldsOf = async (object: string) => (await t.admin.get(`/api/meta/objects/${object}`)).body.fields.map((f: { name: string }) => f.name);

describe('object extensions from packs', () => {
  it('refuses an extension of an object nobody defined, naming the file, and installs nothing', async () => {
    const res = await t.admin.post('/api/packs/stray_extension/install');
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['/stray_extension/extensions/nowhere.json/label']));
  });

  it('adds the fields to the other pack\'s object, in one install with the pack\'s own objects', async () => {
    const res = await t.admin.post('/api/packs/shop_loyalty/install?demo=false');
    expect(res.status).toBe(200);
    expect(res.body.changes).toEqual(expect.arrayContaining(['object loyalty_scheme created', 'object shop_customer extended']));
    expect(await fieldsOf('shop_customer')).toEqual(['name', 'region', 'last_order', 'order_count', 'loyalty_tier', 'scheme', 'tags', 'member_code']);
    const meta = (await t.admin.get('/api/meta/objects/shop_customer')).body;
    expect(meta.searchFields).toEqual(['member_code']);
    expect(meta.history).toEqual(['region', 'loyalty_tier']);
    const scheme = await t.admin.post('/api/records/loyalty_scheme', { name: 'Gold club' });
    const customer = await t.admin.post('/api/records/shop_customer', { name: 'Lin', loyalty_tier: 'gold', scheme: scheme.body.id, tags: ['wine fair'], member_code: 'M-7' });
    expect(customer.status).toBe(201);
    expect(customer.body).toMatchObject({ loyalty_tier: 'gold', scheme: scheme.body.id, tags: ['wine fair'] });
    const found = (await t.admin.get('/api/search?q=M-7')).body.data.find((g: { object: string }) => g.object === 'shop_customer');
    expect(found.records.map((r: { id: string }) => r.id)).toEqual([customer.body.id]);
  });

  it('keeps the extension and the administrator\'s own fields when the extended pack is installed again', async () => {
    const current = (await t.admin.get('/api/meta/objects/shop_customer')).body;
    const { _version, ...definition } = current;
    const withOwn = { ...definition, fields: [...definition.fields, { name: 'vip_note', type: 'text' }] };
    expect((await t.admin.put('/api/meta/objects/shop_customer', withOwn)).status).toBe(200);
    const again = await t.admin.post('/api/packs/demo_shop/install?demo=false');
    expect(again.status).toBe(200);
    expect(again.body.changes).toEqual([]);
    expect(await fieldsOf('shop_customer')).toEqual(['name', 'region', 'last_order', 'order_count', 'loyalty_tier', 'scheme', 'tags', 'member_code', 'vip_note']);
    const lin = (await t.admin.get(`/api/records/shop_customer?filter=${encodeURIComponent(JSON.stringify({ name: 'Lin' }))}`)).body.data[0];
    expect(lin).toMatchObject({ loyalty_tier: 'gold', tags: ['wine fair'] });
    expect((await t.admin.post('/api/packs/shop_loyalty/install')).body.changes).toEqual([]);
  });

  it('points a problem in an extension at the extension\'s own field, and changes nothing', async () => {
    const before = await fieldsOf('shop_customer');
    const res = await t.admin.post('/api/packs/broken_extension/install');
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('/broken_extension/extensions/shop_customer.json/fields/1/options');
    expect(await fieldsOf('shop_customer')).toEqual(before);
  });
});
