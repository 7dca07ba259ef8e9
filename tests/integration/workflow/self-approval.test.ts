import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, PERSON_PASSWORD } from '../helpers/people.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

// Issue 12 item 7: nobody decides an approval of a record they submitted or own, unless the
// workflow says "allowSelfApproval": true — not when approvers are resolved, not by delegation,
// not on decision.

let t: TestApp;
let manager: { id: string; api: ApiClient };
let rep: { id: string; api: ApiClient };
let lead: { id: string; api: ApiClient };

const workflow = (name: string, approvers: unknown, extra: Record<string, unknown> = {}) => ({
  name, object: 'outlay', initial: 'draft', ...extra,
  states: {
    draft: { on: { submit: 'review' } },
    review: { approval: { approvers }, on: { approve: 'approved', reject: 'draft' } },
    approved: { type: 'final' },
  },
});

const taskOf = async (who: { api: ApiClient }, id: string) => (await who.api.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === id);
const submit = (who: { api: ApiClient }, id: string, name: string) => who.api.post(`/api/records/outlay/${id}/submit`, { workflow: name });
const create = async (who: { api: ApiClient }) => String((await who.api.post('/api/records/outlay', { title: 'Hotel', amount: 800 })).body.id);

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/objects/outlay', { titleField: 'title', fields: [{ name: 'title', type: 'text', required: true }, { name: 'amount', type: 'currency' }] })).status).toBe(201);
  await t.admin.put('/api/admin/roles/spender', { name: 'spender', objects: { outlay: { operations: ['read', 'create', 'update', 'submit'] } } });
  await t.admin.put('/api/admin/roles/approver', { name: 'approver', objects: { outlay: { operations: ['read'] } } });
  for (const [name, approvers, extra] of [
    ['by_manager', { managerOf: '_owner' }, {}],
    ['by_role', { role: 'approver' }, {}],
    ['by_role_self', { role: 'approver' }, { allowSelfApproval: true }],
  ] as const) {
    const res = await t.admin.put(`/api/meta/workflows/${name}`, workflow(name, approvers, extra));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  manager = await addPerson(t, 'sa.manager', ['spender', 'approver']);
  rep = await addPerson(t, 'sa.rep', ['spender'], manager.id);
  lead = await addPerson(t, 'sa.lead', ['spender', 'approver']);
});
afterAll(() => t?.close());

describe('no self-approval (issue 12 item 7)', () => {
  it('a manager cannot delegate a rep\'s own expense claim to the rep, so the rep cannot approve it', async () => {
    const id = await create(rep);
    expect((await submit(rep, id, 'by_manager')).status).toBe(200);
    const task = await taskOf(manager, id);
    const res = await manager.api.post(`/api/tasks/${task.id}/delegate`, { to: rep.id });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.message).toMatch(/does not allow self-approval/);
    expect(await taskOf(rep, id)).toBeUndefined();
    expect((await rep.api.post(`/api/tasks/${task.id}/approve`, {})).status).toBe(404);
    expect((await t.admin.get(`/api/records/outlay/${id}`)).body._state).toBe('review');
  });

  it('leaves the submitter out of the approvers, and refuses the submit when nobody else remains', async () => {
    const id = await create(manager);
    expect((await submit(manager, id, 'by_role')).status).toBe(200);
    expect(await taskOf(manager, id)).toBeUndefined();
    expect(await taskOf(lead, id)).toBeDefined();
    await t.admin.patch(`/api/admin/users/${lead.id}`, { active: false });
    try {
      const alone = await create(manager);
      const res = await submit(manager, alone, 'by_role');
      expect(res.status).toBe(422);
      expect(res.body.error.message).toMatch(/other than the record's submitter and owner/);
    } finally {
      await t.admin.patch(`/api/admin/users/${lead.id}`, { active: true });
      lead.api = await t.login('sa.lead', PERSON_PASSWORD);
    }
  });

  it('refuses the decision of an approver who has become the record\'s owner', async () => {
    const id = await create(rep);
    expect((await submit(rep, id, 'by_role')).status).toBe(200);
    const task = await taskOf(lead, id);
    expect((await t.admin.post(`/api/records/outlay/${id}/transfer`, { owner: lead.id })).status).toBe(200);
    const res = await lead.api.post(`/api/tasks/${task.id}/approve`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect((await t.admin.get(`/api/records/outlay/${id}`)).body._state).toBe('review');
  });

  it('lets the submitter approve where the workflow says allowSelfApproval', async () => {
    const id = await create(manager);
    expect((await submit(manager, id, 'by_role_self')).status).toBe(200);
    const task = await taskOf(manager, id);
    expect((await manager.api.post(`/api/tasks/${task.id}/approve`, {})).body).toMatchObject({ decided: true, instance: { state: 'approved' } });
  });
});
