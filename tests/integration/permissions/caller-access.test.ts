import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addUser, putRole, seed, type Person } from './permission-helpers.ts';

// "What may I do?" answers for screens: GET /api/permissions/mine/:object and GET /api/records/:object/:id/access.

let t: TestApp;
let rep: Person;
let other: Person;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.admin.put('/api/meta/objects/deal', {
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text' },
      { name: 'amount', type: 'number' },
      { name: 'margin', type: 'number' },
      { name: 'notes', type: 'text' },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await putRole(t, 'deal_rep', {
    deal: {
      operations: ['read', 'create', 'update', 'export', 'close_deal'],
      scope: { read: 'all', update: 'own' },
      fields: { margin: 'none', amount: 'read' },
      states: { approved: { operations: ['read'], fields: { '*': 'read' } } },
    },
  });
  rep = await addUser(t, { roles: ['deal_rep'] });
  other = await addUser(t, { roles: [] });
});
afterAll(() => t?.close());

describe('what the caller may do with an object', () => {
  it('lists granted operations and the access to every field, hidden ones as none', async () => {
    const res = await rep.api.get('/api/permissions/mine/deal');
    expect(res.status).toBe(200);
    expect(res.body.operations).toMatchObject({ read: true, create: true, update: true, export: true, delete: false, transfer: false, import: false, close_deal: true });
    expect(res.body.fields).toEqual({ name: 'write', amount: 'read', margin: 'none', notes: 'write' });
  });

  it('answers a superuser with everything and an unknown object with 404', async () => {
    const mine = await t.admin.get('/api/permissions/mine/deal');
    expect(Object.values(mine.body.operations).every(Boolean)).toBe(true);
    expect(mine.body.fields.margin).toBe('write');
    expect((await rep.api.get('/api/permissions/mine/nothing_here')).status).toBe(404);
  });

  it('answers a user without roles with no operations and no fields', async () => {
    const res = await other.api.get('/api/permissions/mine/deal');
    expect(res.status).toBe(200);
    expect(Object.values(res.body.operations).some(Boolean)).toBe(false);
    expect(res.body.operations).toHaveProperty('close_deal', false);
    expect(new Set(Object.values(res.body.fields))).toEqual(new Set(['none']));
  });
});

describe('what the caller may do with every object at once', () => {
  it('GET /api/permissions/mine answers each object as /mine/:object does, in one request (issue 12 item 20)', async () => {
    const res = await rep.api.get('/api/permissions/mine');
    expect(res.status).toBe(200);
    expect(res.body.data.deal).toEqual((await rep.api.get('/api/permissions/mine/deal')).body);
    expect(res.body.data).not.toHaveProperty('user');
    const none = await other.api.get('/api/permissions/mine');
    expect(none.body.data.deal.operations.read).toBe(false);
  });
});

describe('what the caller may do with one record', () => {
  it('follows the update scope: own records are writable, others only readable', async () => {
    const own = await seed(t, 'deal', { name: 'Mine' }, { owner: rep.id });
    const foreign = await seed(t, 'deal', { name: 'Theirs' });
    const mine = await rep.api.get(`/api/records/deal/${own}/access`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: own, state: null, operations: { update: true, delete: false, transfer: false, close_deal: true } });
    expect(mine.body.fields).toEqual({ name: 'write', amount: 'read', margin: 'none', notes: 'write' });
    const theirs = await rep.api.get(`/api/records/deal/${foreign}/access`);
    expect(theirs.body.operations).toMatchObject({ update: false, close_deal: false });
    expect(theirs.body.fields).toEqual({ name: 'read', amount: 'read', margin: 'none', notes: 'read' });
  });

  it('applies the state caps of the record workflow state', async () => {
    const approved = await seed(t, 'deal', { name: 'Signed' }, { owner: rep.id, state: 'approved' });
    const res = await rep.api.get(`/api/records/deal/${approved}/access`);
    expect(res.body).toMatchObject({ state: 'approved', operations: { update: false } });
    expect(res.body.fields).toEqual({ name: 'read', amount: 'read', margin: 'none', notes: 'read' });
  });

  it('is 404 for a record out of reach and 403 for an object no role reaches', async () => {
    const id = await seed(t, 'deal', { name: 'Any' });
    expect((await rep.api.get('/api/records/deal/999999/access')).status).toBe(404);
    const res = await other.api.get(`/api/records/deal/${id}/access`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});
