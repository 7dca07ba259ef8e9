import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson } from '../helpers/people.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

// Issue 12 item 11: a record resting in a `"locked": true` state (an approved claim) cannot be
// changed behind its approval: a change starts the workflow again and applies only if approved.

let t: TestApp;
let rep: { id: string; api: ApiClient };
let manager: { id: string; api: ApiClient };
let finance: { id: string; api: ApiClient };

const claimObject = {
  titleField: 'title',
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'amount', type: 'currency' },
  ],
  history: ['amount'],
  validationRules: [{ name: 'not_negative', errorWhen: { amount: { $lt: 0 } }, message: { en: 'The amount cannot be negative.' }, field: 'amount' }],
};

const claimApproval = {
  name: 'claim_approval', object: 'claim', initial: 'draft',
  states: {
    draft: { on: { submit: 'review' } },
    review: {
      approval: { approvers: { managerOf: '_owner' } },
      on: { approve: [{ target: 'finance_review', when: { amount: { $gt: 5000 } } }, { target: 'approved' }], reject: 'draft' },
    },
    finance_review: { approval: { approvers: { role: 'finance' } }, on: { approve: 'approved', reject: 'draft' } },
    approved: { type: 'final', locked: true },
  },
};

const get = async (id: string) => (await t.admin.get(`/api/records/claim/${id}`)).body;
const taskOf = async (who: { api: ApiClient }, id: string) => (await who.api.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === id);
async function decide(who: { api: ApiClient }, id: string, decision: 'approve' | 'reject' = 'approve') {
  const res = await who.api.post(`/api/tasks/${(await taskOf(who, id)).id}/${decision}`, {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function approvedClaim(amount: number): Promise<string> {
  const id = String((await rep.api.post('/api/records/claim', { title: 'Taxi', amount })).body.id);
  expect((await rep.api.post(`/api/records/claim/${id}/submit`, {})).status).toBe(200);
  expect((await decide(manager, id)).instance.state).toBe('approved');
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/objects/claim', claimObject)).status).toBe(201);
  await t.admin.put('/api/admin/roles/claimant', { name: 'claimant', objects: { claim: { operations: ['read', 'create', 'update', 'delete', 'submit', 'transfer'] } } });
  await t.admin.put('/api/admin/roles/finance', { name: 'finance', objects: { claim: { operations: ['read'] } } });
  const put = await t.admin.put('/api/meta/workflows/claim_approval', claimApproval);
  expect(put.status, JSON.stringify(put.body)).toBe(201);
  manager = await addPerson(t, 'ls.manager', ['claimant']);
  rep = await addPerson(t, 'ls.rep', ['claimant'], manager.id);
  finance = await addPerson(t, 'ls.finance', ['finance']);
});
afterAll(() => t?.close());

describe('locked workflow states (issue 12 item 11)', () => {
  it('a change to an approved record waits for a new approval and applies with history when approved', async () => {
    const id = await approvedClaim(800);
    // A change that could never apply is refused at once, and starts nothing.
    expect((await rep.api.patch(`/api/records/claim/${id}`, { _version: (await get(id))._version, amount: -1 })).status).toBe(422);
    expect((await get(id))._state).toBe('approved');
    const res = await rep.api.patch(`/api/records/claim/${id}`, { _version: (await get(id))._version, amount: 900 });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ amount: 800, _pending: { fields: { amount: 900 }, workflow: 'claim_approval', state: 'review' } });
    expect((await get(id)).amount).toBe(800);
    expect((await decide(manager, id)).instance.state).toBe('approved');
    expect(await get(id)).toMatchObject({ amount: 900, _state: 'approved' });
    const history = (await t.admin.get(`/api/records/claim/${id}/history`)).body.data;
    expect(history.find((h: { field: string }) => h.field === 'amount')).toMatchObject({ old: 800, new: 900, actor: { id: rep.id } });
  });

  it('re-approval routes on the proposed amount, and a rejection discards it', async () => {
    const id = await approvedClaim(800);
    const res = await rep.api.patch(`/api/records/claim/${id}`, { _version: (await get(id))._version, amount: 99999 });
    expect(res.status).toBe(202);
    // The stored amount is 800, but the condition `amount > 5000` sees the proposed 99,999.
    expect((await decide(manager, id)).instance.state).toBe('finance_review');
    expect((await get(id)).amount).toBe(800);
    expect((await decide(finance, id, 'reject')).instance.state).toBe('draft');
    expect(await get(id)).toMatchObject({ amount: 800, _state: 'draft' });
    const view = (await t.admin.get(`/api/records/claim/${id}/workflow`)).body;
    expect(view.instance.pendingChange ?? null).toBeNull();
  });

  it('refuses deleting and transferring an approved record; a superuser still may change it', async () => {
    const id = await approvedClaim(500);
    const deleted = await rep.api.delete(`/api/records/claim/${id}`);
    expect(deleted.status).toBe(403);
    expect(deleted.body.error.message).toMatch(/approved and locked/);
    const transferred = await rep.api.post(`/api/records/claim/${id}/transfer`, { owner: manager.id });
    expect(transferred.status).toBe(403);
    expect(transferred.body.error.message).toMatch(/approved and locked/);
    const admin = await t.admin.patch(`/api/records/claim/${id}`, { _version: (await get(id))._version, amount: 450 });
    expect(admin.status).toBe(200);
    expect(admin.body.amount).toBe(450);
  });

  it('lockedFields holds only the listed fields: the rest of the change applies at once', async () => {
    expect((await t.admin.put('/api/meta/objects/deal', { titleField: 'title', fields: [{ name: 'title', type: 'text', required: true }, { name: 'amount', type: 'currency' }, { name: 'stage', type: 'text' }] })).status).toBe(201);
    await t.admin.put('/api/admin/roles/claimant', { name: 'claimant', objects: { claim: { operations: ['read', 'create', 'update', 'delete', 'submit', 'transfer'] }, deal: { operations: ['read', 'create', 'update', 'submit'] } } });
    const dealApproval = {
      name: 'deal_approval', object: 'deal', initial: 'draft',
      states: {
        draft: { on: { submit: 'review' } },
        review: { approval: { approvers: { managerOf: '_owner' } }, on: { approve: 'approved', reject: 'draft' } },
        approved: { type: 'final', locked: true, lockedFields: ['amount'] },
      },
    };
    expect((await t.admin.put('/api/meta/workflows/deal_approval', dealApproval)).status).toBe(201);
    const id = String((await rep.api.post('/api/records/deal', { title: 'Big one', amount: 1000, stage: 'proposal' })).body.id);
    expect((await rep.api.post(`/api/records/deal/${id}/submit`, {})).status).toBe(200);
    await decide(manager, id);
    const dealOf = async () => (await t.admin.get(`/api/records/deal/${id}`)).body;
    const stage = await rep.api.patch(`/api/records/deal/${id}`, { _version: (await dealOf())._version, stage: 'won' });
    expect(stage.status, JSON.stringify(stage.body)).toBe(200);
    expect(await dealOf()).toMatchObject({ stage: 'won', amount: 1000, _state: 'approved' });
    const both = await rep.api.patch(`/api/records/deal/${id}`, { _version: (await dealOf())._version, stage: 'closed', amount: 5000 });
    expect(both.status).toBe(202);
    expect(both.body._pending.fields).toEqual({ amount: 5000 });
    expect(await dealOf()).toMatchObject({ stage: 'closed', amount: 1000 });
    const bad = await t.admin.put('/api/meta/workflows/deal_bad', { ...dealApproval, name: 'deal_bad', active: false, states: { ...dealApproval.states, approved: { type: 'final', lockedFields: ['nope'] } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/states/approved/lockedFields' }), expect.objectContaining({ path: '/states/approved/lockedFields/0' })]));
  });

  it('refuses `locked` on a state that is not final', async () => {
    const bad = { ...claimApproval, name: 'claim_bad', states: { ...claimApproval.states, review: { ...claimApproval.states.review, locked: true } } };
    const res = await t.admin.put('/api/meta/workflows/claim_bad', bad);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: '/states/review/locked' }));
  });
});
