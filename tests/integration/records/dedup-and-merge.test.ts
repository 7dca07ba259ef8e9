import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.admin.put('/api/meta/objects/account', {
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text' },
      { name: 'phone', type: 'phone' },
      { name: 'email', type: 'email' },
      { name: 'city', type: 'text' },
      { name: 'revenue', type: 'number' },
    ],
    history: ['revenue', 'city'],
    dedup: [
      { name: 'same_name', fields: [{ field: 'name', normalize: 'name' }], message: { en: 'An account with this name exists.' } },
      { name: 'same_phone', fields: [{ field: 'phone', normalize: 'phone' }] },
      { name: 'same_email', fields: [{ field: 'email', normalize: 'email' }], action: 'warn' },
    ],
  });
  await t.admin.put('/api/meta/objects/contact', { fields: [{ name: 'name', type: 'text' }, { name: 'account', type: 'lookup', target: 'account' }] });
});
afterAll(() => t?.close());

describe('dedup rules', () => {
  it('refuses a normalised duplicate name or phone with 409 and the existing id', async () => {
    const first = await t.admin.post('/api/records/account', { name: 'Chongqing Sugar Co., Ltd.', phone: '+86 138-0013-8000' });
    expect(first.status).toBe(201);
    const sameName = await t.admin.post('/api/records/account', { name: 'chongqing  sugar' });
    expect(sameName.status).toBe(409);
    expect(sameName.body.error).toMatchObject({ code: 'DUPLICATE', existingId: first.body.id });
    expect(sameName.body.error.details[0]).toMatchObject({ path: '/name', rule: 'same_name', existingId: first.body.id, message: 'An account with this name exists.' });
    const samePhone = await t.admin.post('/api/records/account', { name: 'Other', phone: '13800138000' });
    expect(samePhone.status).toBe(409);
    expect(samePhone.body.error.details[0].rule).toBe('same_phone');
    const other = await t.admin.post('/api/records/account', { name: 'Sichuan Wine', phone: '13900000000' });
    expect(other.status).toBe(201);
    const renamed = await t.admin.patch(`/api/records/account/${other.body.id}`, { _version: 1, name: 'CHONGQING SUGAR' });
    expect(renamed.status).toBe(409);
  });

  it('lets exactly one of several simultaneous duplicates through', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => t.admin.post('/api/records/account', { name: 'Raced Duplicate Ltd' })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'DUPLICATE')).toBe(true);
  });

  it('warns, without refusing, under a warn rule', async () => {
    await t.admin.post('/api/records/account', { name: 'Mail One', email: 'Sales@Example.com' });
    const second = await t.admin.post('/api/records/account', { name: 'Mail Two', email: 'sales@example.com ' });
    expect(second.status).toBe(201);
    expect(second.body._warnings).toEqual([expect.objectContaining({ rule: 'same_email' })]);
  });
});

describe('GET /api/records/:object/duplicates', () => {
  it('groups records sharing a rule key, as the merge screen offers them', async () => {
    const a = await t.admin.post('/api/records/account', { name: 'Dup Alpha', email: 'dup@example.org' });
    const b = await t.admin.post('/api/records/account', { name: 'Dup Beta', email: ' DUP@example.org' });
    const res = await t.admin.get('/api/records/account/duplicates?rule=same_email');
    expect(res.status).toBe(200);
    expect(res.body.data).toContainEqual({ rule: 'same_email', key: 'dup@example.org', ids: [a.body.id, b.body.id] });
    expect(res.body.data.every((g: { rule: string; ids: string[] }) => g.rule === 'same_email' && g.ids.length > 1)).toBe(true);
    const all = await t.admin.get('/api/records/account/duplicates');
    expect(all.body.data.map((g: { key: string }) => g.key)).toContain('dup@example.org');
  });

  it('refuses an unknown rule', async () => {
    const res = await t.admin.get('/api/records/account/duplicates?rule=nope');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('/rule');
  });
});

describe('POST /api/records/:object/merge', () => {
  it('keeps one record, repoints lookups, keeps both histories and bins the other', async () => {
    const keep = await t.admin.post('/api/records/account', { name: 'Keep Ltd', revenue: 10 });
    const remove = await t.admin.post('/api/records/account', { name: 'Remove Ltd', revenue: 99, city: 'Chengdu' });
    await t.admin.patch(`/api/records/account/${remove.body.id}`, { _version: 1, revenue: 100 });
    const c1 = await t.admin.post('/api/records/contact', { name: 'Li Si', account: remove.body.id });
    const merged = await t.admin.post('/api/records/account/merge', { keep: keep.body.id, remove: remove.body.id, take: ['revenue'] });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: keep.body.id, name: 'Keep Ltd', revenue: 100, city: 'Chengdu' });
    expect((await t.admin.get(`/api/records/contact/${c1.body.id}`)).body.account).toBe(keep.body.id);
    expect((await t.admin.get(`/api/records/account/${remove.body.id}`)).status).toBe(404);
    expect((await t.admin.get('/api/recycle-bin?object=account')).body.data.map((e: { id: string }) => e.id)).toContain(remove.body.id);
    const history = (await t.admin.get(`/api/records/account/${keep.body.id}/history`)).body.data;
    expect(history.some((h: any) => h.mergedFrom === remove.body.id && h.field === 'revenue' && h.new === 100)).toBe(true);
    expect(history[0].action).toBe('merge');
  });

  it('validates the merge request', async () => {
    const a = await t.admin.post('/api/records/account', { name: 'Solo' });
    expect((await t.admin.post('/api/records/account/merge', { keep: a.body.id, remove: a.body.id })).status).toBe(422);
    expect((await t.admin.post('/api/records/account/merge', { keep: a.body.id })).status).toBe(422);
    expect((await t.admin.post('/api/records/account/merge', { keep: a.body.id, remove: '999999' })).status).toBe(404);
  });
});

describe('hierarchies through a lookup to the same object', () => {
  const org = async (name: string, parent?: string) => {
    const res = await t.admin.post('/api/records/org', { name, ...(parent ? { parent } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; _version: number };
  };
  const parentOf = async (id: string) => (await t.admin.get(`/api/records/org/${id}`)).body.parent;

  beforeAll(async () => {
    const res = await t.admin.put('/api/meta/objects/org', { titleField: 'name', fields: [{ name: 'name', type: 'text' }, { name: 'email', type: 'email' }, { name: 'parent', type: 'lookup', target: 'org' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('refuses a record as its own parent or ancestor, changing nothing', async () => {
    const top = await org('Top');
    const middle = await org('Middle', top.id);
    const bottom = await org('Bottom', middle.id);
    const self = await t.admin.patch(`/api/records/org/${top.id}`, { _version: top._version, parent: top.id });
    expect(self.status).toBe(422);
    expect(self.body.error.details).toEqual([{ path: '/parent', message: 'parent cannot point at the record itself' }]);
    const cycle = await t.admin.patch(`/api/records/org/${top.id}`, { _version: top._version, parent: bottom.id });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.details[0].path).toBe('/parent');
    expect(await parentOf(top.id)).toBeNull();
    const fine = await t.admin.patch(`/api/records/org/${bottom.id}`, { _version: bottom._version, parent: top.id });
    expect(fine.status).toBe(200);
  });

  it('never makes the kept record its own parent when a group and its branch are merged', async () => {
    const holding = await org('Holding');
    const group = await org('Group', holding.id);
    const branch = await org('Branch', group.id);
    const sibling = await org('Sibling', group.id);
    // Keeping the branch: it takes the group's place under the holding, and the group's other branches follow it.
    const keptBranch = await t.admin.post('/api/records/org/merge', { keep: branch.id, remove: group.id });
    expect(keptBranch.status, JSON.stringify(keptBranch.body)).toBe(200);
    expect(keptBranch.body.parent).toBe(holding.id);
    expect(await parentOf(sibling.id)).toBe(branch.id);
    // Keeping the parent: the child's link to it is not taken over.
    const child = await org('Child', branch.id);
    const keptParent = await t.admin.post('/api/records/org/merge', { keep: branch.id, remove: child.id, take: ['parent'] });
    expect(keptParent.status, JSON.stringify(keptParent.body)).toBe(200);
    expect(keptParent.body.parent).toBe(holding.id);
  });
});
