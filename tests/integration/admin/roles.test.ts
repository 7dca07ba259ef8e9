import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../platform/src/auth/passwords.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { salesRep } from '../../fixtures/spec-roles.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const res = await t.admin.put('/api/meta/objects/account', {
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'region', type: 'enum', options: ['Chongqing', 'Sichuan', 'Yunnan'] },
      { name: 'credit_limit', type: 'currency' },
      { name: 'internal_notes', type: 'textarea' },
    ],
  });
  expect(res.status).toBe(201);
});
afterAll(() => t?.close());


const paths = (body: { error: { details?: { path: string }[] } }) => (body.error.details ?? []).map((d) => d.path);

async function insertUser(username: string, password: string, roles: string[]) {
  await t.tessera.db('users').insert({ username, name: username, password_hash: await hashPassword(password), roles });
}

describe('PUT /api/admin/roles/:name', () => {
  it('creates the SPEC example role, then changes it', async () => {
    const created = await t.admin.put('/api/admin/roles/sales_rep', salesRep);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(salesRep);
    expect(typeof created.body.updatedAt).toBe('string');

    const { name: _name, ...withoutName } = salesRep;
    const changed = await t.admin.put('/api/admin/roles/sales_rep', { ...withoutName, label: { en: 'Sales rep', 'zh-CN': '销售代表' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'sales_rep', label: { en: 'Sales rep' } });

    const read = await t.admin.get('/api/admin/roles/sales_rep');
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...salesRep, label: { en: 'Sales rep', 'zh-CN': '销售代表' }, updatedAt: changed.body.updatedAt });
    // A document read with GET goes back unchanged.
    expect((await t.admin.put('/api/admin/roles/sales_rep', read.body)).status).toBe(200);
  });

  it('lists roles with name, label, superuser and updatedAt', async () => {
    const res = await t.admin.get('/api/admin/roles');
    expect(res.status).toBe(200);
    const admin = res.body.data.find((r: { name: string }) => r.name === 'admin');
    expect(admin).toMatchObject({ name: 'admin', superuser: true, label: { en: 'Administrator' } });
    expect(res.body.data.find((r: { name: string }) => r.name === 'sales_rep')).toMatchObject({ superuser: false, label: { 'zh-CN': '销售代表' } });
    expect(Object.keys(admin).sort()).toEqual(['label', 'name', 'superuser', 'updatedAt']);
  });

  it('refuses an invalid document with JSON-pointer details and keeps the stored one', async () => {
    const res = await t.admin.put('/api/admin/roles/sales_rep', {
      login: { allowedCidrs: ['10.0.0.0/40'] },
      objects: { account: { operations: ['read'], scope: { read: 'everyone' } } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(res.body)).toContain('/objects/account/scope/read');

    const semantic = await t.admin.put('/api/admin/roles/sales_rep', {
      login: { allowedCidrs: ['10.0.0.0/40', '::1/128'], allowedHours: { from: '08:00', to: '20:00', tz: 'Nowhere/City' } },
      objects: { nope: { operations: ['read'] }, account: { operations: ['read'], fields: { ghost: 'read' } } },
    });
    expect(semantic.status).toBe(422);
    expect(paths(semantic.body).sort()).toEqual(['/login/allowedCidrs/0', '/login/allowedHours/tz', '/objects/account/fields/ghost', '/objects/nope']);
    expect(semantic.body.error.details.find((d: { path: string }) => d.path === '/objects/account/fields/ghost').message).toMatch(/not a field/);

    expect((await t.admin.get('/api/admin/roles/sales_rep')).body.objects.account.scope.read).toBe('department_tree');
  });

  it('compiles filter scopes with $user variables and reports filter errors under the scope', async () => {
    const regional = {
      objects: { account: { operations: ['read', 'update'], scope: { read: ['own', { filter: { _department: { $eq: '$user.department' } } }], update: { filter: { region: 'Sichuan' } } } } },
    };
    expect((await t.admin.put('/api/admin/roles/regional', regional)).status).toBe(201);
    const bad = await t.admin.put('/api/admin/roles/regional', {
      objects: { account: { operations: ['read'], scope: { read: [{ filter: { region: { $eq: '$user.region' } } }, { filter: { planet: 'Mars' } }] } } },
    });
    expect(bad.status).toBe(422);
    expect(paths(bad.body)).toEqual(['/objects/account/scope/read/0/filter/region/$eq', '/objects/account/scope/read/1/filter/planet']);
  });

  it('refuses a body name that differs from the address and a malformed address', async () => {
    const res = await t.admin.put('/api/admin/roles/sales_rep', { ...salesRep, name: 'other' });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['/name']);
    expect((await t.admin.put('/api/admin/roles/Bad-Name', { objects: {} })).status).toBe(400);
    expect((await t.admin.get('/api/admin/roles/missing')).status).toBe(404);
  });
});

describe('DELETE /api/admin/roles/:name', () => {
  it('refuses to delete a role users still hold, naming how many', async () => {
    await t.admin.put('/api/admin/roles/held', { objects: {} });
    await insertUser('holder_one', 'holder-password-1', ['held']);
    await insertUser('holder_two', 'holder-password-2', ['sales_rep', 'held']);
    const res = await t.admin.delete('/api/admin/roles/held');
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/2 users/);
    expect((await t.admin.get('/api/admin/roles/held')).status).toBe(200);

    await t.tessera.db('users').whereIn('username', ['holder_one', 'holder_two']).update({ roles: ['sales_rep'] });
    expect((await t.admin.delete('/api/admin/roles/held')).status).toBe(204);
    expect((await t.admin.get('/api/admin/roles/held')).status).toBe(404);
    expect((await t.admin.delete('/api/admin/roles/held')).status).toBe(404);
  });

  it('protects the built-in admin role', async () => {
    expect((await t.admin.delete('/api/admin/roles/admin')).status).toBe(409);
    const demoted = await t.admin.put('/api/admin/roles/admin', { superuser: false });
    expect(demoted.status).toBe(409);
    const read = await t.admin.get('/api/admin/roles/admin');
    expect(read.body.superuser).toBe(true);
    expect((await t.admin.put('/api/admin/roles/admin', { ...read.body, menus: ['everything'] })).status).toBe(200);
    expect((await t.admin.get('/api/auth/me')).status).toBe(200);
  });
});

describe('access', () => {
  it('is only for superusers', async () => {
    await insertUser('plain_user', 'plain-password-1', ['regional']);
    const plain = await t.login('plain_user', 'plain-password-1');
    expect((await plain.get('/api/admin/roles')).status).toBe(403);
    expect((await plain.get('/api/admin/roles/sales_rep')).status).toBe(403);
    const put = await plain.put('/api/admin/roles/sneaky', { superuser: true });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('FORBIDDEN');
    expect((await plain.delete('/api/admin/roles/sales_rep')).status).toBe(403);
    expect((await t.admin.get('/api/admin/roles/sneaky')).status).toBe(404);
    expect((await t.client().get('/api/admin/roles')).status).toBe(401);
  });
});

describe('roles and object changes', () => {
  const lead = { titleField: 'title', fields: [{ name: 'title', type: 'text' }, { name: 'score', type: 'integer' }, { name: 'source', type: 'text' }] };

  it('refuses an object change that would leave a role naming a removed field or a filter that no longer compiles', async () => {
    expect((await t.admin.put('/api/meta/objects/lead', lead)).status).toBe(201);
    const role = { name: 'lead_scorer', objects: { lead: { operations: ['read'], scope: { read: { filter: { source: { $eq: 'web' } } } }, fields: { score: 'none' } } } };
    expect((await t.admin.put('/api/admin/roles/lead_scorer', role)).status).toBe(201);

    const withoutFields = await t.admin.put('/api/meta/objects/lead', { ...lead, fields: [lead.fields[0]] });
    expect(withoutFields.status).toBe(409);
    expect(withoutFields.body.error.code).toBe('CONFLICT');
    expect(withoutFields.body.error.message).toContain('lead_scorer');
    expect(paths(withoutFields.body)).toEqual(expect.arrayContaining(['/roles/lead_scorer/objects/lead/fields/score', '/roles/lead_scorer/objects/lead/scope/read/filter/source']));
    expect((await t.admin.get('/api/meta/objects/lead')).body.fields).toHaveLength(3);

    const deleted = await t.admin.delete('/api/meta/objects/lead');
    expect(deleted.status).toBe(409);
    expect(paths(deleted.body)).toContain('/roles/lead_scorer/objects/lead');

    // Once the role no longer names them, the same changes go through.
    expect((await t.admin.put('/api/admin/roles/lead_scorer', { name: 'lead_scorer', objects: {} })).status).toBe(200);
    expect((await t.admin.put('/api/meta/objects/lead', { ...lead, fields: [lead.fields[0]] })).status).toBe(200);
    expect((await t.admin.delete('/api/meta/objects/lead')).status).toBe(204);
  });
});
