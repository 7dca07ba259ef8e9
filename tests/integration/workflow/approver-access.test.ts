import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, type Person } from '../helpers/people.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Issue 12 item 9: the assignee of an open approval task may read its record, within the
// approver-facing fields, until the task closes; the definition check warns about blind approver roles.

let t: TestApp;
let rep: Person;
let approver: Person;
let guarded: Person;
let bystander: Person;

const expense = {
  titleField: 'title',
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'amount', type: 'currency' },
    { name: 'private_note', type: 'text' },
  ],
};

const claim = {
  name: 'claim',
  object: 'expense',
  initial: 'draft',
  states: {
    draft: { on: { submit: 'review' } },
    review: { approval: { approvers: { role: 'claims_approver' } }, on: { approve: [{ target: 'approved', when: { amount: { $lt: 5000 } } }, { target: 'draft' }], reject: 'draft' } },
    approved: { type: 'final' },
  },
};

beforeAll(async () => {
  t = await startTestApp();
  expect((await t.admin.put('/api/meta/objects/expense', expense)).status).toBe(201);
  await t.admin.put('/api/admin/roles/claimant', { name: 'claimant', objects: { expense: { operations: ['read', 'create', 'update', 'submit'], scope: { read: 'own' } } } });
  await t.admin.put('/api/admin/roles/claims_approver', { name: 'claims_approver', objects: {} });
  await t.admin.put('/api/admin/roles/amount_blind', { name: 'amount_blind', objects: { expense: { operations: ['create'], fields: { amount: 'none' } } } });
  const put = await t.admin.put('/api/meta/workflows/claim', claim);
  expect(put.status, JSON.stringify(put.body)).toBe(201);
  rep = await addPerson(t, 'aa.rep', ['claimant']);
  approver = await addPerson(t, 'aa.approver', ['claims_approver']);
  guarded = await addPerson(t, 'aa.guarded', ['claims_approver', 'amount_blind']);
  bystander = await addPerson(t, 'aa.bystander', ['claimant']);
});
afterAll(() => t?.close());

async function submitClaim(values: Record<string, unknown>): Promise<string> {
  const created = await rep.api.post('/api/records/expense', values);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = String(created.body.id);
  const submitted = await rep.api.post(`/api/records/expense/${id}/submit`, {});
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return id;
}

describe('approvers read what they decide (issue 12 item 9)', () => {
  it('an open task lets its assignee get, list and see on the inbox card the approver-facing fields, until it closes', async () => {
    const id = await submitClaim({ title: 'Taxi to Kunming airport', amount: 180, private_note: 'personal' });
    const got = await approver.api.get(`/api/records/expense/${id}`);
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    expect(got.body).toMatchObject({ id, title: 'Taxi to Kunming airport', amount: 180 });
    expect(got.body).not.toHaveProperty('private_note');
    const view = await approver.api.get(`/api/records/expense/${id}/workflow`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    const access = await approver.api.get(`/api/records/expense/${id}/access`);
    expect(access.status, JSON.stringify(access.body)).toBe(200);
    expect(access.body).toMatchObject({ operations: { update: false }, fields: { title: 'read', amount: 'read', private_note: 'none' } });
    // Without a role on the object the grant reaches one record at a time: lists, exports and aggregates stay refused.
    expect((await approver.api.get('/api/records/expense')).status).toBe(403);
    expect((await approver.api.get('/api/records/expense/export?format=csv')).status).toBe(403);
    expect((await approver.api.post('/api/records/expense/aggregate', { measures: [{ fn: 'count' }] })).status).toBe(403);

    const card = (await approver.api.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === id);
    expect(card).toMatchObject({ title: 'Taxi to Kunming airport', fields: { title: 'Taxi to Kunming airport', amount: 180 } });
    expect(card.fields).not.toHaveProperty('private_note');

    // Someone else's task gives nothing.
    expect((await bystander.api.get(`/api/records/expense/${id}`)).status).toBe(404);
    const decided = await approver.api.post(`/api/tasks/${card.id}/approve`, {});
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect((await approver.api.get(`/api/records/expense/${id}`)).status).toBe(404);
    expect((await approver.api.get('/api/tasks?status=done')).body.data.find((k: { recordId: string }) => k.recordId === id).fields).toEqual({});
  });

  it('never shows an approver a field one of their roles sets to none', async () => {
    const id = await submitClaim({ title: 'Dinner with client', amount: 900 });
    const got = await guarded.api.get(`/api/records/expense/${id}`);
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    expect(got.body.title).toBe('Dinner with client');
    expect(got.body).not.toHaveProperty('amount');
    const card = (await guarded.api.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === id);
    expect(card.fields).toEqual({ title: 'Dinner with client' });
  });

  it('a reader with a role on the object keeps their own field access and reaches the task record too', async () => {
    const other = await addPerson(t, 'aa.claimant_approver', ['claimant', 'claims_approver']);
    const id = await submitClaim({ title: 'Hotel', amount: 400, private_note: 'late checkout' });
    const got = await other.api.get(`/api/records/expense/${id}`);
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    expect(got.body.private_note).toBe('late checkout');
    const listed = (await other.api.get('/api/records/expense')).body.data.map((r: { id: string }) => r.id);
    expect(listed).toContain(id);
    expect((await other.api.get(`/api/records/expense?filter=${encodeURIComponent(JSON.stringify({ private_note: 'late checkout' }))}`)).body.data.map((r: { id: string }) => r.id)).toEqual([id]);
    // The grant is for reading: the record stays outside their update scope.
    expect((await other.api.patch(`/api/records/expense/${id}`, { _version: got.body._version, title: 'Changed' })).status).toBe(403);
    expect((await t.admin.get(`/api/records/expense/${id}`)).body.title).toBe('Hotel');
  });

  it('the definition check and the designer check warn when an approver role cannot read the object', async () => {
    const check = await t.admin.post('/api/ui/check/workflow', claim);
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body.warnings).toEqual([expect.objectContaining({ path: '/states/review/approval/approvers/role' })]);
    const put = await t.admin.put('/api/meta/workflows/claim', claim);
    expect(put.status).toBe(200);
    expect(put.body.warnings).toEqual([expect.objectContaining({ path: '/states/review/approval/approvers/role' })]);
    const listed = { ...claim, states: { ...claim.states, review: { ...claim.states.review, approval: { ...claim.states.review.approval, fields: ['title', 'nope'] } } } };
    expect((await t.admin.post('/api/ui/check/workflow', listed)).status).toBe(422);
  });
});
