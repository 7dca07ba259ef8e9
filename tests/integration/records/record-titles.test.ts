import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { addUser, putRole, seed, type Person } from '../permissions/permission-helpers.ts';

// Titles of lookup values (issue 12 item 20): with a list page (`?titles=true`) and in one batched call
// (`POST /api/records/titles`), read through the caller's read scope, so a record the caller cannot
// read, a title field hidden from them (by role or in the record's workflow state) or an object they
// cannot read gives no title.

let t: TestApp;
let rep: Person;
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  for (const [name, definition] of Object.entries({
    customer: { titleField: 'name', fields: [{ name: 'name', type: 'text' }, { name: 'city', type: 'text' }] },
    vendor: { titleField: 'code', fields: [{ name: 'code', type: 'text' }, { name: 'country', type: 'text' }] },
    partner: { titleField: 'name', fields: [{ name: 'name', type: 'text' }] },
    deal: {
      titleField: 'name',
      fields: [
        { name: 'name', type: 'text' },
        { name: 'customer', type: 'lookup', target: 'customer' },
        { name: 'vendor', type: 'lookup', target: 'vendor' },
        { name: 'partner', type: 'lookup', target: 'partner' },
      ],
    },
  })) {
    const res = await t.admin.put(`/api/meta/objects/${name}`, definition);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  await putRole(t, 'title_reader', {
    deal: { operations: ['read'] },
    customer: { operations: ['read'], scope: { read: 'own' }, states: { closed: { operations: ['read'], fields: { name: 'none' } } } },
    vendor: { operations: ['read'], fields: { code: 'none' } },
  });
  rep = await addUser(t, { roles: ['title_reader'] });
  id.mine = await seed(t, 'customer', { name: 'Acme Tea', city: 'Chengdu' }, { owner: rep.id });
  id.theirs = await seed(t, 'customer', { name: 'Globex Secret' });
  id.closed = await seed(t, 'customer', { name: 'Closed Hidden' }, { owner: rep.id, state: 'closed' });
  id.vendor = await seed(t, 'vendor', { code: 'V-SECRET-7', country: 'CN' });
  id.partner = await seed(t, 'partner', { name: 'Partner Private' });
  id.d1 = await seed(t, 'deal', { name: 'Deal one', customer: id.mine, vendor: id.vendor, partner: id.partner });
  id.d2 = await seed(t, 'deal', { name: 'Deal two', customer: id.theirs });
  id.d3 = await seed(t, 'deal', { name: 'Deal three', customer: id.closed });
});
afterAll(() => t?.close());

const SECRETS = ['Globex Secret', 'Closed Hidden', 'V-SECRET-7', 'Partner Private'];

describe('titles with a list page (issue 12 item 20)', () => {
  it('come for readable targets only: not for unreadable records, hidden title fields or unreadable objects', async () => {
    const res = await rep.api.get('/api/records/deal?titles=true&sort=name');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toHaveLength(3);
    expect(res.body.titles).toEqual({ customer: { [id.mine]: 'Acme Tea' }, vendor: {}, partner: {} });
    for (const secret of SECRETS) expect(JSON.stringify(res.body)).not.toContain(secret);
  });

  it('come for every target an administrator reads, and only when asked for', async () => {
    const res = await t.admin.get('/api/records/deal?titles=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.titles).toEqual({
      customer: { [id.mine]: 'Acme Tea', [id.theirs]: 'Globex Secret', [id.closed]: 'Closed Hidden' },
      vendor: { [id.vendor]: 'V-SECRET-7' },
      partner: { [id.partner]: 'Partner Private' },
    });
    const plain = await t.admin.get('/api/records/deal');
    expect(plain.body).not.toHaveProperty('titles');
  });

  it('cover only the page asked for', async () => {
    const filter = encodeURIComponent(JSON.stringify({ name: { $eq: 'Deal two' } }));
    const res = await t.admin.get(`/api/records/deal?titles=true&filter=${filter}`);
    expect(res.body.titles.customer).toEqual({ [id.theirs]: 'Globex Secret' });
    expect(res.body.titles.vendor).toEqual({});
  });
});

describe('POST /api/records/titles (issue 12 item 20)', () => {
  it('answers the readable titles in one call and leaves out the rest', async () => {
    const res = await rep.api.post('/api/records/titles', { customer: [id.mine, id.theirs, id.closed, '999999'], vendor: [id.vendor], partner: [Number(id.partner)] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ titles: { customer: { [id.mine]: 'Acme Tea' }, vendor: {}, partner: {} } });
    const admin = await t.admin.post('/api/records/titles', { customer: [id.theirs], partner: [id.partner] });
    expect(admin.body.titles).toEqual({ customer: { [id.theirs]: 'Globex Secret' }, partner: { [id.partner]: 'Partner Private' } });
  });

  it('refuses what cannot be looked up with 400 naming the place', async () => {
    const bad = async (body: unknown, path: string) => {
      const res = await rep.api.post('/api/records/titles', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    };
    await bad({ nothing: ['1'] }, '/nothing');
    await bad({ user: ['1'] }, '/user');
    await bad({ customer: ['1', 'x; drop'] }, '/customer/1');
    await bad({ customer: '1' }, '/customer');
    await bad([], '');
    await bad({ customer: Array.from({ length: 2501 }, (_, i) => String(i + 1)) }, '');
  });

  it('keeps the path free: no object may be named "titles"', async () => {
    const res = await t.admin.put('/api/meta/objects/titles', { fields: [{ name: 'name', type: 'text' }] });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.error.details)).toContain('reserved');
  });
});
