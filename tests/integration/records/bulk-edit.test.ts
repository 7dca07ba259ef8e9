import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addPerson, type Person } from '../helpers/people.ts';

// Issue 17 item 3: a bulk edit applies the same values to each selected record through the single
// update path, each in its own transaction, and reports every record's outcome.

let t: TestApp;
let rep: Person;
let other: Person;

const customer = {
  titleField: 'name',
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'size', type: 'enum', options: [{ value: 'small' }, { value: 'large' }] },
    { name: 'discount', type: 'number', min: 0, max: 50 },
    { name: 'credit_limit', type: 'currency' },
    { name: 'notes', type: 'text' },
  ],
  validationRules: [
    { name: 'small_discount', errorWhen: { size: { $eq: 'small' }, discount: { $gt: 10 } }, message: { en: 'Small customers get at most 10.', 'zh-CN': '小客户折扣最多为 10。' }, field: 'discount' },
  ],
  gatedEdits: [{ fields: ['credit_limit'], roles: ['bulk_rep'], workflow: 'credit_check' }],
};

const creditCheck = {
  name: 'credit_check', object: 'customer', initial: 'pending',
  states: {
    pending: { approval: { approvers: { role: 'bulk_boss' } }, on: { approve: 'approved', reject: 'rejected' } },
    approved: { type: 'final' },
    rejected: { type: 'final' },
  },
};

async function create(who: Person, values: Record<string, unknown>) {
  const res = await who.api.post('/api/records/customer', values);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; _version: number };
}
const read = async (id: string) => (await t.admin.get(`/api/records/customer/${id}`)).body;

beforeAll(async () => {
  t = await startTestApp();
  const put = await t.admin.put('/api/meta/objects/customer', customer);
  expect(put.status, JSON.stringify(put.body)).toBe(201);
  await t.admin.put('/api/admin/roles/bulk_rep', { name: 'bulk_rep', objects: { customer: { operations: ['read', 'create', 'update'], scope: { update: 'own' } } } });
  await t.admin.put('/api/admin/roles/bulk_boss', { name: 'bulk_boss', objects: { customer: { operations: ['read'] } } });
  const flow = await t.admin.put('/api/meta/workflows/credit_check', creditCheck);
  expect(flow.status, JSON.stringify(flow.body)).toBe(201);
  await addPerson(t, 'bulk.boss', ['bulk_boss']);
  rep = await addPerson(t, 'bulk.rep', ['bulk_rep']);
  other = await addPerson(t, 'bulk.other', ['bulk_rep']);
});
afterAll(() => t?.close());

describe('PATCH /api/records/:object (bulk edit)', () => {
  it('reports each record: updated, stale, out of the caller\'s update scope; nothing of a failed record changes', async () => {
    const fresh = await create(rep, { name: 'Fresh', notes: 'old' });
    const stale = await create(rep, { name: 'Stale', notes: 'old' });
    expect((await rep.api.patch(`/api/records/customer/${stale.id}`, { _version: 1, notes: 'moved on' })).status).toBe(200);
    const theirs = await create(other, { name: 'Theirs', notes: 'old' });

    const res = await rep.api.patch('/api/records/customer', {
      records: [fresh, { id: stale.id, _version: 1 }, theirs].map((r) => ({ id: r.id, _version: r._version })),
      values: { notes: 'bulk note' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [a, b, c] = res.body.results;
    expect(a).toEqual({ id: fresh.id, status: 'updated', version: 2 });
    expect(b).toMatchObject({ id: stale.id, status: 'failed', error: { code: 'STALE_VERSION', status: 409 } });
    expect(c).toMatchObject({ id: theirs.id, status: 'failed' });
    expect([403, 404]).toContain(c.error.status);
    expect(c.error.message).toEqual(expect.any(String));

    expect(await read(fresh.id)).toMatchObject({ notes: 'bulk note', _version: 2 });
    expect(await read(stale.id)).toMatchObject({ notes: 'moved on', _version: 2 });
    expect(await read(theirs.id)).toMatchObject({ notes: 'old', _version: 1 });
  });

  it('refuses one record a validation rule refuses (422 with details in the caller\'s language) and changes the others', async () => {
    const big = await create(rep, { name: 'Big', size: 'large', discount: 0 });
    const small = await create(rep, { name: 'Small', size: 'small', discount: 0 });
    const res = await rep.api.raw('/api/records/customer', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({ records: [big, small].map((r) => ({ id: r.id, _version: r._version })), values: { discount: 20 } }),
    });
    expect(res.status).toBe(200);
    const { results } = await res.json() as { results: { id: string; status: string; error?: { status: number; message: string; details?: { path: string; message: string }[] } }[] };
    expect(results[0]).toMatchObject({ id: big.id, status: 'updated', version: 2 });
    expect(results[1]).toMatchObject({ id: small.id, status: 'failed', error: { status: 422 } });
    expect(results[1].error!.details).toEqual(expect.arrayContaining([{ path: '/discount', message: '小客户折扣最多为 10。' }]));
    expect((await read(big.id)).discount).toBe(20);
    expect(await read(small.id)).toMatchObject({ discount: 0, _version: 1 });
  });

  it('reports a value outside a field\'s bounds on every record, changing none', async () => {
    const one = await create(rep, { name: 'One', discount: 1 });
    const res = await rep.api.patch('/api/records/customer', { records: [{ id: one.id, _version: 1 }], values: { discount: 99 } });
    expect(res.body.results[0]).toMatchObject({ status: 'failed', error: { code: 'VALIDATION_FAILED', status: 422, details: [{ path: '/discount' }] } });
    expect((await read(one.id)).discount).toBe(1);
  });

  it('answers pending for a gated field, keeping the old value until the approval', async () => {
    const gated = await create(rep, { name: 'Gated', credit_limit: 1000 });
    const res = await rep.api.patch('/api/records/customer', { records: [{ id: gated.id, _version: 1 }], values: { credit_limit: 9000, notes: 'raise' } });
    expect(res.body.results[0]).toMatchObject({ id: gated.id, status: 'pending', pending: { fields: { credit_limit: 9000 }, workflow: 'credit_check', state: 'pending' } });
    expect(await read(gated.id)).toMatchObject({ credit_limit: 1000, notes: 'raise' });
  });

  it('refuses a malformed request or too many records as a whole (400), and an object the caller may not update (403)', async () => {
    const one = await create(rep, { name: 'Untouched' });
    const bad = await rep.api.patch('/api/records/customer', { records: [{ id: one.id }], values: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/records/0/_version', '/values']);
    const many = Array.from({ length: 201 }, (_, i) => ({ id: String(i + 1), _version: 1 }));
    expect((await rep.api.patch('/api/records/customer', { records: many, values: { notes: 'x' } })).status).toBe(400);
    const boss = await t.login('bulk.boss', 'Correct-horse-42');
    expect((await boss.patch('/api/records/customer', { records: [{ id: one.id, _version: 1 }], values: { notes: 'x' } })).status).toBe(403);
    expect((await read(one.id))._version).toBe(1);
  });
});
