import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

// R16: a salesperson's edits to key customer fields wait for the sales manager's approval; everyone
// sees the old values until then; rejection discards the change; approved changes land in history.

const PASSWORD = 'Correct-horse-42';
let t: TestApp;
let rep: { id: string; api: ApiClient };
let manager: { id: string; api: ApiClient };
let auditor: { id: string; api: ApiClient };

async function addUser(name: string, roles: string[], managerId?: string) {
  const res = await t.admin.post('/api/admin/users', { username: name, password: PASSWORD, name, roles, ...(managerId ? { manager: managerId } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: String(res.body.id), api: await t.login(name, PASSWORD) };
}

const customer = {
  titleField: 'name',
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'credit_limit', type: 'currency' },
    { name: 'phone', type: 'phone' },
    { name: 'notes', type: 'text' },
  ],
  history: ['credit_limit', 'phone', 'notes'],
  gatedEdits: [{ fields: ['credit_limit', 'phone'], roles: ['sales_rep'], workflow: 'customer_edit' }],
};

const customerEdit = {
  name: 'customer_edit', object: 'customer', initial: 'pending',
  states: {
    pending: { approval: { approvers: { managerOf: '_owner' } }, on: { approve: 'approved', reject: 'rejected' } },
    approved: { type: 'final' },
    rejected: { type: 'final' },
  },
};

const get = async (who: ApiClient, id: string) => (await who.get(`/api/records/customer/${id}`)).body;
const taskFor = async (id: string) => (await manager.api.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === id);

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/objects/customer', customer)).status).toBe(201);
  expect((await t.admin.put('/api/meta/workflows/customer_edit', customerEdit)).status).toBe(201);
  await t.admin.put('/api/admin/roles/sales_rep', { name: 'sales_rep', objects: { customer: { operations: ['read', 'create', 'update', 'delete'], scope: { update: 'own' } } } });
  await t.admin.put('/api/admin/roles/auditor', { name: 'auditor', objects: { customer: { operations: ['read'], fields: { phone: 'none' } } } });
  manager = await addUser('ge.manager', ['sales_rep']);
  rep = await addUser('ge.rep', ['sales_rep'], manager.id);
  auditor = await addUser('ge.auditor', ['auditor']);
});
afterAll(() => t?.close());

describe('approval-gated edits', () => {
  it('holds a gated change for approval while the other fields apply, then applies it with history', async () => {
    const id = String((await rep.api.post('/api/records/customer', { name: 'Hongta Group', credit_limit: 100000, phone: '+86 871 1111', notes: 'key account' })).body.id);
    const res = await rep.api.patch(`/api/records/customer/${id}`, { _version: 1, credit_limit: 500000, notes: 'asked for more credit' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ credit_limit: 100000, notes: 'asked for more credit', _pending: { fields: { credit_limit: 500000 }, workflow: 'customer_edit', state: 'pending' } });

    for (const reader of [rep.api, manager.api, auditor.api, t.admin]) expect((await get(reader, id)).credit_limit).toBe(100000);
    const view = (await rep.api.get(`/api/records/customer/${id}/workflow`)).body;
    expect(view.instance).toMatchObject({ state: 'pending', pendingChange: { credit_limit: 500000 }, applyIn: ['approved'] });

    expect((await manager.api.post(`/api/tasks/${(await taskFor(id)).id}/approve`, { comment: 'ok' })).body).toMatchObject({ decided: true, instance: { state: 'approved' } });
    expect(await get(rep.api, id)).toMatchObject({ credit_limit: 500000, _state: 'approved' });
    const history = (await t.admin.get(`/api/records/customer/${id}/history`)).body.data;
    expect(history.find((h: { field: string }) => h.field === 'credit_limit')).toMatchObject({ old: 100000, new: 500000, actor: { id: rep.id } });
  });

  it('discards a rejected change and hides proposed values of hidden fields from readers', async () => {
    const id = String((await rep.api.post('/api/records/customer', { name: 'Wuliangye', credit_limit: 20000, phone: '+86 831 2222' })).body.id);
    const res = await rep.api.patch(`/api/records/customer/${id}`, { _version: 1, phone: '+86 831 9999' });
    expect(res.status).toBe(202);
    const seenByAuditor = (await auditor.api.get(`/api/records/customer/${id}/workflow`)).body.instance.pendingChange;
    expect(seenByAuditor).toEqual({});
    expect((await manager.api.post(`/api/tasks/${(await taskFor(id)).id}/reject`, { comment: 'no' })).body).toMatchObject({ decided: true, instance: { state: 'rejected' } });
    expect((await get(rep.api, id)).phone).toBe('+86 831 2222');
    expect((await t.admin.get(`/api/records/customer/${id}/history`)).body.data.some((h: { field: string }) => h.field === 'phone')).toBe(false);
  });

  it('lets ungated edits and administrators through at once, and refuses a second pending change', async () => {
    const id = String((await rep.api.post('/api/records/customer', { name: 'Moutai', credit_limit: 1 })).body.id);
    const direct = await rep.api.patch(`/api/records/customer/${id}`, { _version: 1, notes: 'plain' });
    expect(direct.status).toBe(200);
    const admin = await t.admin.patch(`/api/records/customer/${id}`, { _version: 2, credit_limit: 2 });
    expect(admin.status).toBe(200);
    expect(admin.body.credit_limit).toBe(2);
    expect((await rep.api.patch(`/api/records/customer/${id}`, { _version: 3, credit_limit: 3 })).status).toBe(202);
    const again = await rep.api.patch(`/api/records/customer/${id}`, { _version: 4, credit_limit: 4 });
    expect(again.status).toBe(409);
    expect((await get(t.admin, id)).credit_limit).toBe(2);
  });

  it('revert of a gated field goes through the approval gate (issue 12 item 1)', async () => {
    const id = String((await rep.api.post('/api/records/customer', { name: 'Yunnan Baiyao', credit_limit: 100 })).body.id);
    expect((await t.admin.patch(`/api/records/customer/${id}`, { _version: 1, credit_limit: 200 })).status).toBe(200);
    const change = (await t.admin.get(`/api/records/customer/${id}/history`)).body.data.find((h: { field: string; new: unknown }) => h.field === 'credit_limit' && h.new === 200);
    const res = await rep.api.post(`/api/records/customer/${id}/history/${change.id}/revert`);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ credit_limit: 200, _pending: { fields: { credit_limit: 100 }, workflow: 'customer_edit' } });
    expect((await get(t.admin, id)).credit_limit).toBe(200);
    await manager.api.post(`/api/tasks/${(await taskFor(id)).id}/approve`, {});
    expect((await get(t.admin, id)).credit_limit).toBe(100);
  });

  it('merge taking a gated field goes through the approval gate (issue 12 item 1)', async () => {
    const keep = String((await rep.api.post('/api/records/customer', { name: 'Dianhong Tea', credit_limit: 10 })).body.id);
    const remove = String((await rep.api.post('/api/records/customer', { name: 'Dianhong Tea Co.', credit_limit: 90000, notes: 'from the duplicate' })).body.id);
    const res = await rep.api.post('/api/records/customer/merge', { keep, remove, take: ['credit_limit'] });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ credit_limit: 10, notes: 'from the duplicate', _pending: { fields: { credit_limit: 90000 }, workflow: 'customer_edit' } });
    expect((await get(t.admin, keep)).credit_limit).toBe(10);
    expect((await t.admin.get(`/api/records/customer/${remove}`)).status).toBe(404);
  });
});
