import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

describe('the people directory of the web application (/api/ui/users, /api/ui/departments)', () => {
  let t: TestApp;
  let rep: ApiClient;
  let ids: { ann: string; bob: string };
  beforeAll(async () => {
    t = await startTestApp();
    const dept = await t.admin.post('/api/admin/departments', { name: 'Sales East' });
    const ann = await t.admin.post('/api/admin/users', { username: 'ann', password: 'Pass-word-123', name: 'Ann Archer', department: dept.body.id });
    const bob = await t.admin.post('/api/admin/users', { username: 'bob', password: 'Pass-word-123', name: 'Bob Baker' });
    await t.admin.post('/api/admin/users', { username: 'cy', password: 'Pass-word-123', name: 'Cy Gone', active: false });
    ids = { ann: ann.body.id, bob: bob.body.id };
    rep = await t.login('ann', 'Pass-word-123');
  });
  afterAll(async () => t?.close());

  it('finds active users by name or username for any logged-in user, with nothing but names', async () => {
    const res = await rep.get('/api/ui/users?q=ba');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([{ id: ids.bob, username: 'bob', name: 'Bob Baker', department: null, active: true }]);
    const all = await rep.get('/api/ui/users');
    expect(all.body.data.map((u: { username: string }) => u.username).sort()).toEqual(['admin', 'ann', 'bob']);
    for (const u of all.body.data) expect(Object.keys(u).sort()).toEqual(['active', 'department', 'id', 'name', 'username']);
  });

  it('names users by id, inactive ones included, and treats LIKE wildcards literally', async () => {
    const cy = (await t.admin.get('/api/admin/users?q=cy')).body.data[0];
    const res = await rep.get(`/api/ui/users?ids=${ids.ann},${cy.id}`);
    expect(res.body.data.map((u: { name: string; active: boolean }) => [u.name, u.active])).toEqual([['Ann Archer', true], ['Cy Gone', false]]);
    expect((await rep.get('/api/ui/users?q=%25')).body.data).toEqual([]);
  });

  it('refuses malformed ids and limits with 400', async () => {
    expect((await rep.get('/api/ui/users?ids=1;drop')).status).toBe(400);
    expect((await rep.get('/api/ui/users?limit=1000')).status).toBe(400);
    expect((await t.client().get('/api/ui/users')).status).toBe(401);
  });

  it('lists departments with their parents', async () => {
    const res = await rep.get('/api/ui/departments');
    expect(res.status).toBe(200);
    expect(res.body.data.find((d: { name: string }) => d.name === 'Sales East')).toMatchObject({ parent: null });
  });
});
