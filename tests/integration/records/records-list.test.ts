import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));
const names = (res: { body: { data: { name: string }[] } }) => res.body.data.map((r) => r.name);

const regions = ['Chongqing', 'Sichuan', 'Yunnan'];

beforeAll(async () => {
  t = await startTestApp();
  await t.admin.put('/api/meta/objects/region', { titleField: 'name', fields: [{ name: 'name', type: 'text' }, { name: 'tier', type: 'integer' }] });
  await t.admin.put('/api/meta/objects/account', {
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text' },
      { name: 'region', type: 'lookup', target: 'region' },
      { name: 'parent', type: 'lookup', target: 'account' },
      { name: 'revenue', type: 'number' },
      { name: 'status', type: 'enum', options: ['lead', 'customer', 'lost'] },
      { name: 'tags', type: 'multienum', options: ['vip', 'new'] },
      { name: 'signed', type: 'date' },
      { name: 'double_revenue', type: 'formula', returns: 'number', expression: { $multiply: [{ $field: 'revenue' }, 2] } },
    ],
  });
  const regionIds: string[] = [];
  for (const [i, name] of regions.entries()) regionIds.push((await t.admin.post('/api/records/region', { name, tier: i + 1 })).body.id);
  const group = (await t.admin.post('/api/records/account', { name: 'Group', region: regionIds[0], revenue: 1000, status: 'customer' })).body.id;
  for (let i = 0; i < 30; i++) {
    const res = await t.admin.post('/api/records/account', {
      name: `Acc ${String(i).padStart(2, '0')}`,
      region: regionIds[i % 3],
      parent: i % 2 === 0 ? group : null,
      revenue: i % 5 === 0 ? null : i * 10,
      status: ['lead', 'customer', 'lost'][i % 3],
      tags: i % 4 === 0 ? ['vip'] : [],
      signed: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
    });
    expect(res.status).toBe(201);
  }
});
afterAll(() => t?.close());

describe('GET /api/records/:object', () => {
  it('filters with every operator and lookup paths', async () => {
    const get = (f: unknown, extra = '') => t.admin.get(`/api/records/account?limit=500&filter=${q(f)}${extra}`);
    expect(names(await get({ name: { $eq: 'Acc 03' } }))).toEqual(['Acc 03']);
    expect((await get({ revenue: { $gt: 250 } })).body.data.every((r: { revenue: number }) => r.revenue > 250)).toBe(true);
    expect((await get({ revenue: { $between: [100, 120] } }, '&sort=revenue')).body.data.map((r: { revenue: number }) => r.revenue)).toEqual([110, 120]);
    expect((await get({ revenue: { $null: true } })).body.data).toHaveLength(6);
    expect((await get({ status: { $in: ['lead', 'lost'] }, name: { $startsWith: 'acc' } })).body.data).toHaveLength(20);
    expect((await get({ name: { $contains: '2' } })).body.data).toHaveLength(12);
    expect((await get({ tags: { $contains: 'vip' } })).body.data).toHaveLength(8);
    expect((await get({ 'region.name': 'Sichuan' })).body.data).toHaveLength(10);
    expect((await get({ 'parent.region.name': { $eq: 'Chongqing' } })).body.data).toHaveLength(15);
    expect((await get({ $or: [{ name: 'Acc 01' }, { name: 'Acc 02' }] })).body.data).toHaveLength(2);
    expect((await get({ $not: { status: { $ne: 'lead' } } })).body.data).toHaveLength(10);
    expect((await get({ double_revenue: { $gte: 500 } })).body.data.map((r: { revenue: number }) => r.revenue).every((v: number) => v >= 250)).toBe(true);
    expect((await get({ signed: { $lt: '2024-01-03' } })).body.data).toHaveLength(4);
  });

  it('answers unknown fields, operators and malformed values with 400 naming them', async () => {
    const unknownField = await t.admin.get(`/api/records/account?filter=${q({ nope: 1 })}`);
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.message).toMatch(/nope/);
    const unknownOp = await t.admin.get(`/api/records/account?filter=${q({ name: { $like: 'x' } })}`);
    expect(unknownOp.status).toBe(400);
    expect(unknownOp.body.error.message).toMatch(/\$like/);
    const badValue = await t.admin.get(`/api/records/account?filter=${q({ revenue: { $gt: 'lots' } })}`);
    expect(badValue.status).toBe(400);
    expect(badValue.body.error.details[0].path).toBe('/revenue/$gt');
    expect((await t.admin.get('/api/records/account?filter=%7Bnot-json')).status).toBe(400);
    expect((await t.admin.get(`/api/records/account?filter=${q({ 'region.nope.x.y': 1 })}`)).status).toBe(400);
    expect((await t.admin.get('/api/records/account?sort=nope')).status).toBe(400);
    expect((await t.admin.get('/api/records/account?limit=501')).status).toBe(400);
    expect((await t.admin.get('/api/records/account?limit=0')).status).toBe(400);
    expect((await t.admin.get('/api/records/account?cursor=garbage')).status).toBe(400);
    expect((await t.admin.get('/api/records/account?fields=nope')).status).toBe(400);
  });

  it('sorts on several fields (lookup paths too) and pages with a keyset cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: any = await t.admin.get(`/api/records/account?sort=-revenue,name&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...names(res));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    const all = await t.admin.get('/api/records/account?limit=500');
    const expected = [...all.body.data]
      .sort((a, b) => (a.revenue === b.revenue ? a.name.localeCompare(b.name) : a.revenue === null ? -1 : b.revenue === null ? 1 : b.revenue - a.revenue))
      .map((r) => r.name);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(31 / 7));
    const byRegion = await t.admin.get('/api/records/account?sort=region.name,name&limit=3');
    expect(names(byRegion)).toEqual(['Acc 00', 'Acc 03', 'Acc 06']);
  });

  it('counts what matches and projects fields', async () => {
    const res = await t.admin.get(`/api/records/account?count=true&limit=2&fields=name&filter=${q({ status: 'lead' })}`);
    expect(res.body.total).toBe(10);
    expect(res.body.data).toHaveLength(2);
    expect(Object.keys(res.body.data[0]).sort()).toEqual(['_version', 'id', 'name']);
    expect((await t.admin.get('/api/records/account?limit=1')).body.total).toBeUndefined();
  });
});
