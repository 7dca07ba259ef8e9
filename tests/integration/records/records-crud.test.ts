import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/objects/account', {
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text', required: true, maxLength: 50, unique: true },
      { name: 'industry', type: 'enum', options: ['tobacco', 'telecom', 'food'], default: 'food' },
      { name: 'annual_revenue', type: 'number', min: 0 },
      { name: 'profit', type: 'number' },
      { name: 'employees', type: 'integer' },
      { name: 'credit', type: 'currency' },
      { name: 'share', type: 'percent' },
      { name: 'active', type: 'boolean' },
      { name: 'founded', type: 'date' },
      { name: 'last_contact', type: 'datetime' },
      { name: 'tags', type: 'multienum', options: ['vip', 'new', 'risk'] },
      { name: 'email', type: 'email' },
      { name: 'phone', type: 'phone' },
      { name: 'website', type: 'url' },
      { name: 'notes', type: 'textarea' },
      { name: 'extra', type: 'json' },
      { name: 'parent', type: 'lookup', target: 'account' },
      { name: 'since', type: 'date', defaultExpression: { $today: [] } },
      { name: 'margin', type: 'formula', returns: 'number', expression: { $round: [{ $divide: [{ $field: 'profit' }, { $field: 'annual_revenue' }] }, 2] } },
      { name: 'parent_industry', type: 'formula', returns: 'text', expression: { $field: 'parent.industry' } },
    ],
    validationRules: [
      { name: 'profit_le_revenue', errorWhen: { $and: [{ profit: { $null: false } }, { annual_revenue: { $null: false } }, { margin: { $gt: 1 } }] },
        message: { en: 'Profit cannot exceed revenue.', 'zh-CN': '利润不能超过收入。' }, field: 'profit' },
    ],
  })).status).toBe(201);
});
afterAll(() => t?.close());

describe('records: create and read', () => {
  it('creates a record with every field type, defaults, system fields and formulas', async () => {
    const parent = await t.admin.post('/api/records/account', { name: 'Group', industry: 'telecom' });
    expect(parent.status).toBe(201);
    const res = await t.admin.post('/api/records/account', {
      name: 'Acme', annual_revenue: 1000, profit: 250, employees: 12, credit: 10.456, share: 0.25, active: true,
      founded: '2001-02-03', last_contact: '2026-01-02T03:04:05+08:00', tags: ['vip', 'new'], email: 'info@acme.example',
      phone: '+86 138-0013-8000', website: 'https://acme.example', notes: 'long\ntext', extra: { a: [1, 2] }, parent: parent.body.id,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/records/account/${res.body.id}`);
    expect(res.body).toMatchObject({
      name: 'Acme', industry: 'food', annual_revenue: 1000, profit: 250, employees: 12, credit: 10.46, share: 0.25, active: true,
      founded: '2001-02-03', last_contact: '2026-01-01T19:04:05.000Z', tags: ['vip', 'new'], extra: { a: [1, 2] },
      parent: parent.body.id, margin: 0.25, parent_industry: 'telecom', _version: 1, _state: null,
    });
    expect(typeof res.body.id).toBe('string');
    expect(res.body.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.body._owner).toMatch(/^\d+$/);
    expect(res.body._created_by).toBe(res.body._owner);
    const read = await t.admin.get(`/api/records/account/${res.body.id}`);
    expect(read.body).toEqual(res.body);
    const projected = await t.admin.get(`/api/records/account/${res.body.id}?fields=name,margin`);
    expect(Object.keys(projected.body).sort()).toEqual(['_version', 'id', 'margin', 'name']);
  });

  it('reports every bad field at once with 422 and writes nothing', async () => {
    const before = await t.admin.get('/api/records/account?count=true&limit=1');
    const res = await t.admin.post('/api/records/account', {
      annual_revenue: -5, employees: 1.5, industry: 'space', founded: '2024-02-30', email: 'nope', website: 'ftp://x',
      tags: ['vip', 'zzz'], active: 'yes', unknown_field: 1, margin: 3, _owner: '1',
    });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['/_owner', '/active', '/annual_revenue', '/email', '/employees', '/founded', '/industry', '/margin', '/name', '/tags', '/unknown_field', '/website'].sort());
    const after = await t.admin.get('/api/records/account?count=true&limit=1');
    expect(after.body.total).toBe(before.body.total);
  });

  it('enforces validation rules in the database and unique fields as 409', async () => {
    const rule = await t.admin.post('/api/records/account', { name: 'Overreach', annual_revenue: 10, profit: 50 });
    expect(rule.status).toBe(422);
    expect(rule.body.error.details).toEqual([expect.objectContaining({ path: '/profit', message: 'Profit cannot exceed revenue.' })]);
    const zh = await t.admin.raw('/api/records/account', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' }, body: JSON.stringify({ name: 'Overreach', annual_revenue: 10, profit: 50 }) });
    expect(((await zh.json()) as any).error.details[0].message).toBe('利润不能超过收入。');
    expect((await t.admin.get('/api/records/account?filter=' + q({ name: 'Overreach' }))).body.data).toEqual([]);
    const dup = await t.admin.post('/api/records/account', { name: 'Acme' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'UNIQUE_VIOLATION', details: [{ path: '/name' }] });
  });

  it('refuses text and JSON that PostgreSQL cannot store with 422, not 500', async () => {
    const text = await t.admin.post('/api/records/account', { name: 'a\u0000b' });
    expect(text.status).toBe(422);
    expect(text.body.error.details[0].path).toBe('/name');
    const json = await t.admin.post('/api/records/account', { name: 'Json Nul', extra: { ['k\u0000']: 'v' } });
    expect(json.status).toBe(422);
    expect(json.body.error.details[0].path).toBe('/extra');
  });

  it('answers an unreadable body with 400', async () => {
    const res = await t.admin.raw('/api/records/account', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'notgzip' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe('BAD_REQUEST');
  });

  it('returns 404 for unknown objects and records, 400 for a bad lookup id', async () => {
    expect((await t.admin.get('/api/records/nothing')).status).toBe(404);
    expect((await t.admin.get('/api/records/account/999999')).status).toBe(404);
    expect((await t.admin.get('/api/records/account/abc')).status).toBe(404);
    expect((await t.admin.get('/api/records/user')).status).toBe(404);
    const missingParent = await t.admin.post('/api/records/account', { name: 'Orphan', parent: '987654' });
    expect(missingParent.status).toBe(422);
    expect(missingParent.body.error.details[0].path).toBe('/parent');
  });
});

describe('records: update and delete', () => {
  it('updates with _version and refuses a stale one with 409', async () => {
    const created = await t.admin.post('/api/records/account', { name: 'Versioned', annual_revenue: 10 });
    const id = created.body.id;
    const first = await t.admin.patch(`/api/records/account/${id}`, { _version: 1, annual_revenue: 20 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ annual_revenue: 20, _version: 2 });
    const stale = await t.admin.patch(`/api/records/account/${id}`, { _version: 1, annual_revenue: 30 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const missing = await t.admin.patch(`/api/records/account/${id}`, { annual_revenue: 30 });
    expect(missing.status).toBe(422);
    const cleared = await t.admin.patch(`/api/records/account/${id}`, { _version: 2, name: null });
    expect(cleared.status).toBe(422);
    expect((await t.admin.get(`/api/records/account/${id}`)).body.annual_revenue).toBe(20);
  });

  it('lets exactly one of two concurrent updates with the same version win', async () => {
    const created = await t.admin.post('/api/records/account', { name: 'Raced' });
    const results = await Promise.all([1, 2, 3, 4].map((n) => t.admin.patch(`/api/records/account/${created.body.id}`, { _version: 1, employees: n })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
  });

  it('deletes to the recycle bin; the record disappears from reads and lists', async () => {
    const created = await t.admin.post('/api/records/account', { name: 'Binned' });
    expect((await t.admin.delete(`/api/records/account/${created.body.id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/records/account/${created.body.id}`)).status).toBe(404);
    expect((await t.admin.delete(`/api/records/account/${created.body.id}`)).status).toBe(404);
    const list = await t.admin.get('/api/records/account?filter=' + q({ name: 'Binned' }));
    expect(list.body.data).toEqual([]);
  });
});
