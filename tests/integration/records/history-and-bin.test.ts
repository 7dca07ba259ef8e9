import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.admin.put('/api/meta/objects/account', {
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text', unique: true },
      { name: 'revenue', type: 'number' },
      { name: 'industry', type: 'enum', options: ['food', 'telecom'] },
      { name: 'note', type: 'text' },
    ],
    history: ['revenue', 'industry'],
  });
  await t.admin.put('/api/meta/objects/contact', { fields: [{ name: 'name', type: 'text' }, { name: 'account', type: 'lookup', target: 'account' }] });
});
afterAll(() => t?.close());

describe('field history', () => {
  it('records who changed which history field, from what to what, and reverts it', async () => {
    const created = await t.admin.post('/api/records/account', { name: 'Acme', revenue: 100, industry: 'food' });
    const id = created.body.id;
    await t.admin.patch(`/api/records/account/${id}`, { _version: 1, revenue: 150, note: 'not tracked' });
    await t.admin.patch(`/api/records/account/${id}`, { _version: 2, industry: 'telecom', revenue: 999 });
    const history = await t.admin.get(`/api/records/account/${id}/history`);
    expect(history.status).toBe(200);
    const changes = history.body.data.filter((h: { action: string }) => h.action === 'update');
    expect(changes.map((h: any) => [h.field, h.old, h.new])).toEqual(
      expect.arrayContaining([['revenue', 100, 150], ['revenue', 150, 999], ['industry', 'food', 'telecom']]),
    );
    expect(changes).toHaveLength(3);
    expect(changes[0].actor.name).toBe('Administrator');
    expect(history.body.data.at(-1)).toMatchObject({ action: 'create', new: { revenue: 100, industry: 'food' } });

    const tampered = changes.find((h: any) => h.field === 'revenue' && h.new === 999);
    const reverted = await t.admin.post(`/api/records/account/${id}/history/${tampered.id}/revert`);
    expect(reverted.status).toBe(200);
    expect(reverted.body).toMatchObject({ revenue: 150, industry: 'telecom', _version: 4 });
    const after = await t.admin.get(`/api/records/account/${id}/history`);
    expect(after.body.data[0]).toMatchObject({ action: 'revert', field: 'revenue', old: 999, new: 150, reverts: tampered.id });
    expect((await t.admin.post(`/api/records/account/${id}/history/123456789/revert`)).status).toBe(404);
  });
});

describe('recycle bin', () => {
  it('lists deleted records, restores them and purges them for good', async () => {
    const a = await t.admin.post('/api/records/account', { name: 'Deleted Co', revenue: 5 });
    const contact = await t.admin.post('/api/records/contact', { name: 'Zhang San', account: a.body.id });
    expect((await t.admin.delete(`/api/records/account/${a.body.id}`)).status).toBe(204);
    const bin = await t.admin.get('/api/recycle-bin?object=account');
    expect(bin.body.data[0]).toMatchObject({ object: 'account', id: a.body.id, title: 'Deleted Co', deletedBy: { name: 'Administrator' } });
    expect((await t.admin.get('/api/recycle-bin')).body.data.length).toBeGreaterThan(0);

    // The unique name is free while the record is in the bin; restoring then conflicts.
    const clash = await t.admin.post('/api/records/account', { name: 'Deleted Co' });
    expect(clash.status).toBe(201);
    expect((await t.admin.post(`/api/recycle-bin/account/${a.body.id}/restore`)).status).toBe(409);
    await t.admin.delete(`/api/records/account/${clash.body.id}`);
    expect((await t.admin.post(`/api/recycle-bin/account/${a.body.id}/restore`)).status).toBe(204);
    const restored = await t.admin.get(`/api/records/account/${a.body.id}`);
    expect(restored.body).toMatchObject({ name: 'Deleted Co', revenue: 5 });
    expect((await t.admin.get('/api/recycle-bin?object=account')).body.data.map((e: { id: string }) => e.id)).not.toContain(a.body.id);
    const actions = (await t.admin.get(`/api/records/account/${a.body.id}/history`)).body.data.map((h: { action: string }) => h.action);
    expect(actions.slice(0, 2)).toEqual(['restore', 'delete']);

    await t.admin.delete(`/api/records/account/${a.body.id}`);
    expect((await t.admin.delete(`/api/recycle-bin/account/${a.body.id}`)).status).toBe(204);
    expect((await t.admin.post(`/api/recycle-bin/account/${a.body.id}/restore`)).status).toBe(404);
    const orphan = await t.admin.get(`/api/records/contact/${contact.body.id}`);
    expect(orphan.body.account).toBeNull();
  });

  it('refuses to purge a record that a restrict lookup still points at, with 409', async () => {
    await t.admin.put('/api/meta/objects/pinned', { fields: [{ name: 'account', type: 'lookup', target: 'account', onTargetDelete: 'restrict' }] });
    const target = await t.admin.post('/api/records/account', { name: 'Pinned Target' });
    await t.admin.post('/api/records/pinned', { account: target.body.id });
    await t.admin.delete(`/api/records/account/${target.body.id}`);
    const purge = await t.admin.delete(`/api/recycle-bin/account/${target.body.id}`);
    expect(purge.status).toBe(409);
    expect(purge.body.error.code).toBe('CONFLICT');
    expect((await t.admin.get('/api/recycle-bin?before=1')).status).toBe(400);
  });

  it('does not attach the history of a deleted object to a new object of the same name', async () => {
    await t.admin.put('/api/meta/objects/ephemeral', { fields: [{ name: 'v', type: 'text' }], history: ['v'] });
    const old = await t.admin.post('/api/records/ephemeral', { v: 'secret-old' });
    await t.admin.patch(`/api/records/ephemeral/${old.body.id}`, { _version: 1, v: 'secret-old-2' });
    expect((await t.admin.delete('/api/meta/objects/ephemeral?force=true')).status).toBe(204);
    await t.admin.put('/api/meta/objects/ephemeral', { fields: [{ name: 'v', type: 'text' }], history: ['v'] });
    const fresh = await t.admin.post('/api/records/ephemeral', { v: 'new' });
    expect(fresh.body.id).toBe(old.body.id);
    const history = await t.admin.get(`/api/records/ephemeral/${fresh.body.id}/history`);
    expect(JSON.stringify(history.body)).not.toMatch(/secret-old/);
  });

  it('only restores and purges records that are in the bin', async () => {
    const live = await t.admin.post('/api/records/account', { name: 'Alive' });
    expect((await t.admin.post(`/api/recycle-bin/account/${live.body.id}/restore`)).status).toBe(404);
    expect((await t.admin.delete(`/api/recycle-bin/account/${live.body.id}`)).status).toBe(404);
    expect((await t.admin.get('/api/recycle-bin?object=nothing')).status).toBe(404);
  });
});
