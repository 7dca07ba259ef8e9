import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const account = {
  label: { en: 'Account', 'zh-CN': '客户' },
  titleField: 'name',
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 200, unique: true },
    { name: 'industry', type: 'enum', options: ['tobacco', 'telecom', 'food'] },
    { name: 'annual_revenue', type: 'number', min: 0 },
    { name: 'profit', type: 'number' },
    { name: 'parent', type: 'lookup', target: 'account' },
    { name: 'email', type: 'email' },
    { name: 'margin', type: 'formula', returns: 'number', expression: { $divide: [{ $field: 'profit' }, { $field: 'annual_revenue' }] } },
  ],
  history: ['annual_revenue', 'industry'],
};

describe('PUT /api/meta/objects/:name', () => {
  it('creates an object and its table, and lists it', async () => {
    const res = await t.admin.put('/api/meta/objects/account', account);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'account', version: 1 });
    const list = await t.admin.get('/api/meta/objects');
    expect(list.body.data.map((o: { name: string }) => o.name)).toContain('account');
    const one = await t.admin.get('/api/meta/objects/account');
    expect(one.body.fields).toHaveLength(7);
    const created = await t.admin.post('/api/records/account', { name: 'Acme' });
    expect(created.status).toBe(201);
  });

  it('refuses an invalid definition with JSON-pointer details and changes nothing', async () => {
    const bad = { ...account, fields: [...account.fields, { name: 'x', type: 'colour' }, { name: 'Bad Name', type: 'text' }] };
    const res = await t.admin.put('/api/meta/objects/account', bad);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain('/fields/7/type');
    expect(paths).toContain('/fields/8/name');
    expect((await t.admin.get('/api/meta/objects/account')).body.version).toBe(1);
  });

  it('checks references between fields semantically', async () => {
    const res = await t.admin.put('/api/meta/objects/broken', {
      titleField: 'nope',
      fields: [
        { name: 'a', type: 'lookup', target: 'missing_object' },
        { name: 'b', type: 'formula', returns: 'number', expression: { $add: [{ $field: 'zzz' }, 1] } },
        { name: 'c', type: 'enum' },
      ],
      history: ['ghost'],
      validationRules: [{ name: 'r', errorWhen: { a: { $bogus: 1 } }, message: { en: 'x' } }],
    });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['/titleField', '/fields/0/target', '/fields/2/options', '/history/0']));
    expect(paths.some((p: string) => p.startsWith('/fields/1/expression'))).toBe(true);
    expect(paths.some((p: string) => p.startsWith('/validationRules/0/errorWhen'))).toBe(true);
    expect((await t.admin.get('/api/meta/objects/broken')).status).toBe(404);
  });

  it('adds a field without losing data and bumps the version', async () => {
    const next = { ...account, fields: [...account.fields, { name: 'website', type: 'url' }] };
    const res = await t.admin.put('/api/meta/objects/account', next);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    const list = await t.admin.get('/api/records/account?filter=' + encodeURIComponent(JSON.stringify({ name: 'Acme' })));
    expect(list.body.data[0]).toMatchObject({ name: 'Acme', website: null });
    const versions = await t.admin.get('/api/meta/objects/account/versions');
    expect(versions.body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('refuses a lossy type change with 409 unless forced', async () => {
    await t.admin.put('/api/meta/objects/gadget', { fields: [{ name: 'code', type: 'text' }] });
    await t.admin.post('/api/records/gadget', { code: '12' });
    await t.admin.post('/api/records/gadget', { code: 'abc' });
    const lossy = { fields: [{ name: 'code', type: 'number' }] };
    const refused = await t.admin.put('/api/meta/objects/gadget', lossy);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('LOSSY_CHANGE');
    expect(refused.body.error.details[0].message).toMatch(/1 record/);
    const still = await t.admin.get('/api/records/gadget?sort=id');
    expect(still.body.data.map((r: { code: string }) => r.code)).toEqual(['12', 'abc']);
    const forced = await t.admin.put('/api/meta/objects/gadget?force=true', lossy);
    expect(forced.status).toBe(200);
    const after = await t.admin.get('/api/records/gadget?sort=id');
    expect(after.body.data.map((r: { code: number | null }) => r.code)).toEqual([12, null]);
  });

  it('refuses to delete an object with records unless forced, and one that others point at', async () => {
    await t.admin.put('/api/meta/objects/tag', { fields: [{ name: 'label', type: 'text' }] });
    await t.admin.put('/api/meta/objects/tagging', { fields: [{ name: 'tag', type: 'lookup', target: 'tag' }] });
    const pointed = await t.admin.delete('/api/meta/objects/tag');
    expect(pointed.status).toBe(409);
    expect((await t.admin.delete('/api/meta/objects/tagging')).status).toBe(204);
    await t.admin.post('/api/records/tag', { label: 'vip' });
    const withRecords = await t.admin.delete('/api/meta/objects/tag');
    expect(withRecords.status).toBe(409);
    expect((await t.admin.delete('/api/meta/objects/tag?force=true')).status).toBe(204);
    expect((await t.admin.get('/api/records/tag')).status).toBe(404);
    // A re-created object starts empty and continues the version history.
    const again = await t.admin.put('/api/meta/objects/tag', { fields: [{ name: 'label', type: 'text' }] });
    expect(again.status).toBe(201);
    expect((await t.admin.get('/api/records/tag')).body.data).toEqual([]);
  });

  it('rejects a body name that differs from the address and reserved names', async () => {
    expect((await t.admin.put('/api/meta/objects/thing', { name: 'other', fields: [{ name: 'a', type: 'text' }] })).status).toBe(422);
    expect((await t.admin.put('/api/meta/objects/user', { fields: [{ name: 'a', type: 'text' }] })).status).toBe(422);
    expect((await t.admin.put('/api/meta/objects/Bad-Name', { fields: [{ name: 'a', type: 'text' }] })).status).toBe(400);
  });

  it('leaves schema and metadata untouched when the DDL fails', async () => {
    await t.admin.put('/api/meta/objects/person', { fields: [{ name: 'email', type: 'email' }] });
    await t.admin.post('/api/records/person', { email: 'a@example.com' });
    await t.admin.post('/api/records/person', { email: 'a@example.com' });
    const res = await t.admin.put('/api/meta/objects/person', { fields: [{ name: 'email', type: 'email', unique: true }, { name: 'nick', type: 'text' }] });
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).not.toMatch(/uq_|records\.|duplicate key/);
    const def = await t.admin.get('/api/meta/objects/person');
    expect(def.body.version).toBe(1);
    expect(def.body.fields).toHaveLength(1);
    const rows = await t.admin.get('/api/records/person');
    expect(Object.keys(rows.body.data[0])).not.toContain('nick');
  });
});
