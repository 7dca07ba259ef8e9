import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  addDepartment, addUser, adminGet, column, countOf, expectStatus, exportCsv, listIds, putRole, q, seed, setSystem, sorted, type Person,
} from './permission-helpers.ts';

// docs/permissions.md, "Ownership and transfer" and "Shares API", through HTTP as real users.

let t: TestApp;
let teamA: string, teamA1: string, teamB: string;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.admin.put('/api/meta/objects/deal', {
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'batch', type: 'text' },
      { name: 'amount', type: 'number' },
      { name: 'notes', type: 'text' },
    ],
    history: ['amount', 'notes'],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect((await t.admin.put('/api/meta/objects/memo', { fields: [{ name: 'title', type: 'text' }] })).status).toBe(201);
  teamA = await addDepartment(t, 'Team A');
  teamA1 = await addDepartment(t, 'Team A1', teamA);
  teamB = await addDepartment(t, 'Team B');
  // Everything on own records (update, delete, transfer and export fall back to the read scope).
  await putRole(t, 'own_editor', { deal: { operations: ['read', 'update', 'delete', 'transfer', 'export'], scope: { read: 'own' } } });
  // Reads everything; update and transfer only own records.
  await putRole(t, 'reads_all_transfers_own', { deal: { operations: ['read', 'update', 'transfer'], scope: { read: 'all', update: 'own' } } });
  await putRole(t, 'deal_reader', { deal: { operations: ['read'] } });
  await putRole(t, 'reads_and_updates_all', { deal: { operations: ['read', 'update'] } });
  await putRole(t, 'own_reader', { deal: { operations: ['read', 'export'], scope: { read: 'own' } } });
  await putRole(t, 'memo_only', { memo: { operations: ['read', 'update'] } });
  await putRole(t, 'own_until_locked', { deal: { operations: ['read', 'update'], scope: { read: 'own' }, states: { locked: { operations: ['read'] } } } });
});
afterAll(() => t?.close());

const deal = (batch: string, name: string, values: Record<string, unknown> = {}) => ({ name, batch, ...values });
const visible = (p: Person, batch: string) => listIds(p.api, 'deal', `filter=${q({ batch: { $eq: batch } })}`);
/** A user id as the API may give it: the id itself or an object carrying it. */
const idOf = (value: unknown) => (value && typeof value === 'object' ? String((value as { id: unknown }).id) : value == null ? null : String(value));

async function historyOf(id: string) {
  const res = await t.admin.get(`/api/records/deal/${id}/history`);
  expect(res.status).toBe(200);
  return res.body.data as { action: string; field: string | null; old: unknown; new: unknown }[];
}

describe('transfer', () => {
  it('moves the owner, keeps the department when none is given, bumps _version and writes a transfer history entry', async () => {
    const alice = await addUser(t, { roles: ['own_editor'], department: teamA });
    const bob = await addUser(t, { roles: ['own_editor'], department: teamB });
    const id = await seed(t, 'deal', deal('transfer-1', 'Handed over'), { owner: alice.id, department: teamA });

    const res = await alice.api.post(`/api/records/deal/${id}/transfer`, { owner: bob.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.id).toBe(id);
    expect(await adminGet(t, 'deal', id)).toMatchObject({ _owner: bob.id, _department: teamA, _version: 2 });

    const transfers = (await historyOf(id)).filter((h) => h.action === 'transfer');
    expect(transfers).toHaveLength(1);
    expect(transfers[0].field).toBe('_owner');
    expect([idOf(transfers[0].old), idOf(transfers[0].new)]).toEqual([alice.id, bob.id]);

    // The new owner now reaches it under `own`, the old one no longer does.
    expect((await bob.api.get(`/api/records/deal/${id}`)).status).toBe(200);
    expect(await visible(bob, 'transfer-1')).toEqual([id]);
    expectStatus(await alice.api.get(`/api/records/deal/${id}`), 404, 'NOT_FOUND');
    expect((await bob.api.patch(`/api/records/deal/${id}`, { _version: 2, notes: 'mine now' })).status).toBe(200);
  });

  it('answers {id} alone when the caller can no longer see the record', async () => {
    const giver = await addUser(t, { roles: ['own_editor'] });
    const taker = await addUser(t, { roles: ['own_editor'] });
    const id = await seed(t, 'deal', deal('transfer-1b', 'Given away'), { owner: giver.id });
    const res = await giver.api.post(`/api/records/deal/${id}/transfer`, { owner: taker.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ id });
  });

  it('moves the department too when one is given, with a history entry for each', async () => {
    const carol = await addUser(t, { roles: ['reads_all_transfers_own'], department: teamA });
    const dave = await addUser(t, { roles: ['own_editor'], department: teamB });
    const id = await seed(t, 'deal', deal('transfer-2', 'Moved across'), { owner: carol.id, department: teamA });
    const res = await carol.api.post(`/api/records/deal/${id}/transfer`, { owner: dave.id, department: teamB });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Carol still reads everything, so the answer is the record as she now sees it.
    expect(res.body).toMatchObject({ id, _owner: dave.id, _department: teamB, _version: 2, name: 'Moved across' });
    const transfers = (await historyOf(id)).filter((h) => h.action === 'transfer');
    expect(transfers.map((h) => h.field).sort()).toEqual(['_department', '_owner']);
    const department = transfers.find((h) => h.field === '_department')!;
    expect([idOf(department.old), idOf(department.new)]).toEqual([teamA, teamB]);
  });

  it('needs the transfer operation', async () => {
    const user = await addUser(t, { roles: ['reads_and_updates_all'] });
    const id = await seed(t, 'deal', deal('transfer-3', 'Not yours to give'), { owner: user.id });
    expectStatus(await user.api.post(`/api/records/deal/${id}/transfer`, { owner: user.id }), 403, 'FORBIDDEN');
  });

  it('needs the record inside the transfer scope: 403 when only readable, 404 when not even readable', async () => {
    const reader = await addUser(t, { roles: ['reads_all_transfers_own'] });
    const ownOnly = await addUser(t, { roles: ['own_editor'] });
    const id = await seed(t, 'deal', deal('transfer-4', 'Somebody else’s'));
    expectStatus(await reader.api.post(`/api/records/deal/${id}/transfer`, { owner: reader.id }), 403, 'FORBIDDEN');
    expectStatus(await ownOnly.api.post(`/api/records/deal/${id}/transfer`, { owner: ownOnly.id }), 404, 'NOT_FOUND');
    expect((await adminGet(t, 'deal', id))._version).toBe(1);
  });

  it('refuses an inactive or unknown owner and an unknown department with 422, changing nothing', async () => {
    const user = await addUser(t, { roles: ['own_editor'], department: teamA });
    const leaver = await addUser(t, { roles: ['own_editor'] });
    const heir = await addUser(t, { roles: ['own_editor'] });
    expect((await t.admin.delete(`/api/admin/users/${leaver.id}`)).status).toBe(204);
    const id = await seed(t, 'deal', deal('transfer-5', 'Stays put'), { owner: user.id, department: teamA });
    expectStatus(await user.api.post(`/api/records/deal/${id}/transfer`, { owner: leaver.id }), 422);
    expectStatus(await user.api.post(`/api/records/deal/${id}/transfer`, { owner: '987654321' }), 422);
    expectStatus(await user.api.post(`/api/records/deal/${id}/transfer`, { owner: heir.id, department: '987654321' }), 422);
    expect(await adminGet(t, 'deal', id)).toMatchObject({ _owner: user.id, _department: teamA, _version: 1 });
    expect((await historyOf(id)).some((h) => h.action === 'transfer')).toBe(false);
  });

  it('refuses a stale _version with 409 and accepts the current one', async () => {
    const user = await addUser(t, { roles: ['reads_all_transfers_own'] });
    const heir = await addUser(t, { roles: ['own_editor'] });
    const id = await seed(t, 'deal', deal('transfer-6', 'Versioned'), { owner: user.id });
    expect((await user.api.patch(`/api/records/deal/${id}`, { _version: 1, notes: 'edited' })).status).toBe(200);
    expectStatus(await user.api.post(`/api/records/deal/${id}/transfer`, { owner: heir.id, _version: 1 }), 409, 'STALE_VERSION');
    expect((await adminGet(t, 'deal', id))._owner).toBe(user.id);
    const ok = await user.api.post(`/api/records/deal/${id}/transfer`, { owner: heir.id, _version: 2 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ _owner: heir.id, _version: 3 });
  });

  it('lets a superuser transfer any record', async () => {
    const heir = await addUser(t, { roles: ['own_editor'], department: teamB });
    const id = await seed(t, 'deal', deal('transfer-7', 'Reassigned by admin'));
    const res = await t.admin.post(`/api/records/deal/${id}/transfer`, { owner: heir.id, department: teamB });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ _owner: heir.id, _department: teamB });
    expect(await visible(heir, 'transfer-7')).toEqual([id]);
  });
});

describe('shares API', () => {
  it('lists, adds, changes and removes shares', async () => {
    const owner = await addUser(t, { roles: ['own_editor'] });
    const friend = await addUser(t, { roles: ['own_editor'] });
    const id = await seed(t, 'deal', deal('shares-api', 'Shared deal'), { owner: owner.id });
    expect((await owner.api.get(`/api/records/deal/${id}/shares`)).body).toEqual({ data: [] });

    const added = await owner.api.post(`/api/records/deal/${id}/shares`, { user: friend.id, access: 'read' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ access: 'read' });
    expect(idOf(added.body.user)).toBe(friend.id);
    expect(added.body.department ?? null).toBeNull();
    expect(idOf(added.body.createdBy)).toBe(owner.id);
    expect(typeof added.body.createdAt).toBe('string');

    const changed = await owner.api.post(`/api/records/deal/${id}/shares`, { user: friend.id, access: 'write' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ id: added.body.id, access: 'write' });

    const withDepartment = await owner.api.post(`/api/records/deal/${id}/shares`, { department: teamB, access: 'read' });
    expect(withDepartment.status).toBe(201);
    expect(idOf(withDepartment.body.department)).toBe(teamB);

    const list = await owner.api.get(`/api/records/deal/${id}/shares`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    const userShare = list.body.data.find((s: { id: string }) => s.id === added.body.id);
    expect(userShare).toMatchObject({ access: 'write' });
    expect(Object.keys(userShare).sort()).toEqual(['access', 'createdAt', 'createdBy', 'department', 'id', 'user']);

    expect((await owner.api.delete(`/api/records/deal/${id}/shares/${added.body.id}`)).status).toBe(204);
    const after = await owner.api.get(`/api/records/deal/${id}/shares`);
    expect(after.body.data.map((s: { id: string }) => s.id)).toEqual([withDepartment.body.id]);
    expect((await owner.api.delete(`/api/records/deal/${id}/shares/${added.body.id}`)).status).toBe(404);
    // With the share gone, the friend no longer reaches the record.
    expectStatus(await friend.api.get(`/api/records/deal/${id}`), 404, 'NOT_FOUND');
  });

  it('lets only callers with transfer on the record manage its shares; listing needs it readable', async () => {
    const owner = await addUser(t, { roles: ['own_editor'] });
    const sharee = await addUser(t, { roles: ['own_editor'] });
    const reader = await addUser(t, { roles: ['deal_reader'] });
    const outsider = await addUser(t, { roles: ['own_editor'] });
    const id = await seed(t, 'deal', deal('shares-who', 'Managed'), { owner: owner.id });
    const share = await owner.api.post(`/api/records/deal/${id}/shares`, { user: sharee.id, access: 'write' });
    expect(share.status).toBe(201);

    // Readable (and even writable) through the share, but outside the sharee's transfer scope.
    expect((await sharee.api.get(`/api/records/deal/${id}/shares`)).status).toBe(200);
    expectStatus(await sharee.api.post(`/api/records/deal/${id}/shares`, { user: outsider.id, access: 'read' }), 403, 'FORBIDDEN');
    expectStatus(await sharee.api.delete(`/api/records/deal/${id}/shares/${share.body.id}`), 403, 'FORBIDDEN');
    // Readable, but no transfer operation at all.
    expect((await reader.api.get(`/api/records/deal/${id}/shares`)).status).toBe(200);
    expectStatus(await reader.api.post(`/api/records/deal/${id}/shares`, { user: outsider.id, access: 'read' }), 403, 'FORBIDDEN');
    // Not even readable.
    expectStatus(await outsider.api.get(`/api/records/deal/${id}/shares`), 404, 'NOT_FOUND');
    expectStatus(await outsider.api.post(`/api/records/deal/${id}/shares`, { user: outsider.id, access: 'write' }), 404, 'NOT_FOUND');

    const list = await t.admin.get(`/api/records/deal/${id}/shares`);
    expect(list.body.data).toHaveLength(1);
    expect(idOf(list.body.data[0].user)).toBe(sharee.id);
  });

  it('a read share lets the sharee read, list, count and export the record, but not update it', async () => {
    const sharee = await addUser(t, { roles: ['own_editor'] });
    const id = await seed(t, 'deal', deal('shares-read', 'Read shared', { notes: 'n' }));
    await seed(t, 'deal', deal('shares-read', 'Not shared'));
    expect((await t.admin.post(`/api/records/deal/${id}/shares`, { user: sharee.id, access: 'read' })).status).toBe(201);
    expect((await sharee.api.get(`/api/records/deal/${id}`)).status).toBe(200);
    expect(await visible(sharee, 'shares-read')).toEqual([id]);
    expect(await countOf(sharee.api, 'deal', { batch: { $eq: 'shares-read' } })).toBe(1);
    const csv = await exportCsv(sharee.api, 'deal', `filter=${q({ batch: { $eq: 'shares-read' } })}`);
    expect(column(csv, 'name')).toEqual(['Read shared']);
    expectStatus(await sharee.api.patch(`/api/records/deal/${id}`, { _version: 1, notes: 'changed' }), 403, 'FORBIDDEN');
    expect((await adminGet(t, 'deal', id)).notes).toBe('n');
  });

  it('a write share lets the sharee update, but never delete or transfer', async () => {
    const sharee = await addUser(t, { roles: ['own_editor'] });
    const id = await seed(t, 'deal', deal('shares-write', 'Write shared', { notes: 'n' }));
    expect((await t.admin.post(`/api/records/deal/${id}/shares`, { user: sharee.id, access: 'write' })).status).toBe(201);
    expect((await sharee.api.patch(`/api/records/deal/${id}`, { _version: 1, notes: 'changed' })).status).toBe(200);
    expectStatus(await sharee.api.delete(`/api/records/deal/${id}`), 403, 'FORBIDDEN');
    expectStatus(await sharee.api.post(`/api/records/deal/${id}/transfer`, { owner: sharee.id }), 403, 'FORBIDDEN');
    expect(await adminGet(t, 'deal', id)).toMatchObject({ notes: 'changed', _version: 2 });
  });

  it('a department share reaches the members of exactly that department, not of its sub-departments', async () => {
    const member = await addUser(t, { roles: ['own_editor'], department: teamA });
    const subMember = await addUser(t, { roles: ['own_editor'], department: teamA1 });
    const stranger = await addUser(t, { roles: ['own_editor'], department: teamB });
    const id = await seed(t, 'deal', deal('shares-dept', 'Team A deal', { notes: 'n' }));
    expect((await t.admin.post(`/api/records/deal/${id}/shares`, { department: teamA, access: 'write' })).status).toBe(201);
    expect(await visible(member, 'shares-dept')).toEqual([id]);
    expect((await member.api.patch(`/api/records/deal/${id}`, { _version: 1, notes: 'by member' })).status).toBe(200);
    expect(await visible(subMember, 'shares-dept')).toEqual([]);
    expect(await visible(stranger, 'shares-dept')).toEqual([]);
    expectStatus(await subMember.api.patch(`/api/records/deal/${id}`, { _version: 2, notes: 'x' }), 404, 'NOT_FOUND');
  });

  it('never grants an operation the sharee’s roles lack', async () => {
    const readOnly = await addUser(t, { roles: ['own_reader'] });
    const noDealRole = await addUser(t, { roles: ['memo_only'] });
    const id = await seed(t, 'deal', deal('shares-ops', 'Shared for writing', { notes: 'n' }));
    for (const user of [readOnly, noDealRole]) {
      expect((await t.admin.post(`/api/records/deal/${id}/shares`, { user: user.id, access: 'write' })).status).toBe(201);
    }
    expect((await readOnly.api.get(`/api/records/deal/${id}`)).status).toBe(200);
    expectStatus(await readOnly.api.patch(`/api/records/deal/${id}`, { _version: 1, notes: 'x' }), 403, 'FORBIDDEN');
    expectStatus(await readOnly.api.delete(`/api/records/deal/${id}`), 403, 'FORBIDDEN');
    expectStatus(await noDealRole.api.get(`/api/records/deal/${id}`), 403, 'FORBIDDEN');
    expectStatus(await noDealRole.api.get('/api/records/deal'), 403, 'FORBIDDEN');
    expect(await adminGet(t, 'deal', id)).toMatchObject({ notes: 'n', _version: 1 });
  });

  it('stays subject to the status level', async () => {
    const sharee = await addUser(t, { roles: ['own_until_locked'] });
    const locked = await seed(t, 'deal', deal('shares-state', 'Locked', { notes: 'n' }), { state: 'locked' });
    const open = await seed(t, 'deal', deal('shares-state', 'Open', { notes: 'n' }));
    for (const id of [locked, open]) {
      expect((await t.admin.post(`/api/records/deal/${id}/shares`, { user: sharee.id, access: 'write' })).status).toBe(201);
    }
    expect(await visible(sharee, 'shares-state')).toEqual(sorted([locked, open]));
    expectStatus(await sharee.api.patch(`/api/records/deal/${locked}`, { _version: 1, notes: 'x' }), 403, 'FORBIDDEN');
    expect((await sharee.api.patch(`/api/records/deal/${open}`, { _version: 1, notes: 'x' })).status).toBe(200);
    await setSystem(t, 'deal', open, { state: 'locked' });
    expectStatus(await sharee.api.patch(`/api/records/deal/${open}`, { _version: 2, notes: 'y' }), 403, 'FORBIDDEN');
  });
});
