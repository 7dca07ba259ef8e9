import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson } from '../helpers/people.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

// A portal user acts for a customer: even holding a role that approves, they are never asked to
// approve, never handed a task or a record, and never offered in the staff's user search.

let t: TestApp;
let clerk: { id: string; api: ApiClient };
let approver: { id: string; api: ApiClient };
let portalId: string;

const taskOf = async (who: { api: ApiClient }, id: string) => (await who.api.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === id);

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/objects/claim', { titleField: 'title', fields: [{ name: 'title', type: 'text', required: true }] })).status).toBe(201);
  await t.admin.put('/api/admin/roles/claimer', { name: 'claimer', objects: { claim: { operations: ['read', 'create', 'update', 'submit', 'transfer'] } } });
  await t.admin.put('/api/admin/roles/claim_approver', { name: 'claim_approver', objects: { claim: { operations: ['read'] } } });
  const workflow = {
    name: 'claim_review', object: 'claim', initial: 'draft',
    states: {
      draft: { on: { submit: 'review' } },
      review: { approval: { approvers: { role: 'claim_approver' } }, on: { approve: 'approved', reject: 'draft' } },
      approved: { type: 'final' },
    },
  };
  expect((await t.admin.put('/api/meta/workflows/claim_review', workflow)).status).toBe(201);
  clerk = await addPerson(t, 'po.clerk', ['claimer']);
  approver = await addPerson(t, 'po.approver', ['claim_approver']);
  const res = await t.admin.post('/api/admin/users', { username: 'po.customer', password: 'Portal-pass-2026', name: 'Customer Zhou', roles: ['claim_approver'], kind: 'portal' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  portalId = String(res.body.id);
});
afterAll(() => t?.close());

describe('portal users stay out of the staff\'s work', () => {
  it('asks only staff holders of an approving role, and refuses to delegate a task to a portal user', async () => {
    const id = String((await clerk.api.post('/api/records/claim', { title: 'Stand repair' })).body.id);
    expect((await clerk.api.post(`/api/records/claim/${id}/submit`, { workflow: 'claim_review' })).status).toBe(200);
    const login = await t.client().post('/api/auth/login', { username: 'po.customer', password: 'Portal-pass-2026', app: 'portal' });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    expect(await taskOf({ api: t.client(login.body.token) }, id)).toBeUndefined();
    const task = await taskOf(approver, id);
    expect(task).toBeDefined();
    const res = await approver.api.post(`/api/tasks/${task.id}/delegate`, { to: portalId });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.details[0]).toMatchObject({ path: '/to', message: 'a portal user' });
    expect(await taskOf(approver, id)).toMatchObject({ id: task.id });
  });

  it('refuses to hand a record to a portal user, in the caller\'s language', async () => {
    const id = String((await clerk.api.post('/api/records/claim', { title: 'Badge reprint' })).body.id);
    const res = await clerk.api.post(`/api/records/claim/${id}/transfer`, { owner: portalId }, { 'Accept-Language': 'zh-CN' });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: '/owner', message: expect.stringContaining('门户用户') })]);
    expect(String((await clerk.api.get(`/api/records/claim/${id}`)).body._owner)).toBe(clerk.id);
  });

  it('leaves portal users out of the user search, while their names still resolve by id', async () => {
    const search = await clerk.api.get('/api/ui/users?q=Zhou');
    expect(search.status).toBe(200);
    expect(search.body.data).toEqual([]);
    const byId = await clerk.api.get(`/api/ui/users?ids=${portalId}`);
    expect(byId.body.data.map((u: { name: string }) => u.name)).toEqual(['Customer Zhou']);
  });
});
