import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type ApiResponse, type TestApp } from '../helpers/test-app.ts';
import {
  addDepartment, addUser, adminGet, column, countOf, detailPaths, expectForbiddenNaming, expectStatus, exportCsv, importCsv,
  listIds, putRole, q, seed, sorted, type Person,
} from './permission-helpers.ts';

// docs/permissions.md, levels 2–6 on read and write paths, through HTTP as real users.

let t: TestApp;
let adminId: string;
let bystander: Person;

const ALL_OPS = ['read', 'create', 'update', 'delete', 'export', 'import', 'transfer'] as const;

beforeAll(async () => {
  t = await startTestApp();
  const objects: Record<string, unknown> = {
    account: {
      titleField: 'name',
      fields: [
        { name: 'name', type: 'text', required: true },
        { name: 'batch', type: 'text' },
        { name: 'region', type: 'enum', options: ['Chongqing', 'Sichuan', 'Yunnan'] },
        { name: 'amount', type: 'number' },
        { name: 'secret', type: 'text' },
        { name: 'notes', type: 'text' },
        { name: 'rep', type: 'text' },
        { name: 'parent', type: 'lookup', target: 'account' },
      ],
      history: ['amount', 'secret', 'notes'],
    },
    memo: { titleField: 'title', fields: [{ name: 'title', type: 'text' }] },
    contact: { titleField: 'name', fields: [{ name: 'name', type: 'text' }, { name: 'account', type: 'lookup', target: 'account' }] },
  };
  for (const [name, definition] of Object.entries(objects)) {
    const res = await t.admin.put(`/api/meta/objects/${name}`, definition);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  adminId = String((await t.admin.get('/api/auth/me')).body.id);
  bystander = await addUser(t, { roles: [] });
});
afterAll(() => t?.close());

/** Ids of the caller's visible accounts of one test's batch. */
const visible = (api: ApiClient, batch: string) => listIds(api, 'account', `filter=${q({ batch: { $eq: batch } })}`);

const account = (batch: string, name: string, values: Record<string, unknown> = {}) => ({ name, batch, ...values });

async function versionOf(id: string, object = 'account'): Promise<number> {
  return (await adminGet(t, object, id))._version;
}

describe('role level', () => {
  it('answers 403 on list, get, create, update, delete, export, import and history of an object no role reaches, changing nothing', async () => {
    await putRole(t, 'accounts_everything', { account: { operations: [...ALL_OPS] } });
    const memoId = await seed(t, 'memo', { title: 'Board minutes' });
    const user = await addUser(t, { roles: ['accounts_everything'] });
    const calls: [string, () => Promise<ApiResponse>][] = [
      ['list', () => user.api.get('/api/records/memo')],
      ['get', () => user.api.get(`/api/records/memo/${memoId}`)],
      ['create', () => user.api.post('/api/records/memo', { title: 'Sneaky' })],
      ['update', () => user.api.patch(`/api/records/memo/${memoId}`, { _version: 1, title: 'Changed' })],
      ['delete', () => user.api.delete(`/api/records/memo/${memoId}`)],
      ['export', () => user.api.get('/api/records/memo/export?format=csv')],
      ['import', () => importCsv(user.api, 'memo', 'title\nImported', '?wait=true')],
      ['history', () => user.api.get(`/api/records/memo/${memoId}/history`)],
    ];
    for (const [label, call] of calls) {
      const res = await call();
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await adminGet(t, 'memo', memoId)).toMatchObject({ title: 'Board minutes', _version: 1 });
    expect(await countOf(t.admin, 'memo')).toBe(1);
    // The same user reaches the object their role names.
    expect((await user.api.get('/api/records/account')).status).toBe(200);
  });

  it('denies list, get and create to a user without roles', async () => {
    const id = await seed(t, 'account', account('no-roles', 'Nobody sees this'));
    expectStatus(await bystander.api.get('/api/records/account'), 403, 'FORBIDDEN');
    expectStatus(await bystander.api.get(`/api/records/account/${id}`), 403, 'FORBIDDEN');
    expectStatus(await bystander.api.post('/api/records/account', { name: 'x' }), 403, 'FORBIDDEN');
  });

  it('reaches an object when any one of the user’s roles names it', async () => {
    await putRole(t, 'memo_reader', { memo: { operations: ['read'] } });
    await putRole(t, 'nothing_at_all', {});
    const user = await addUser(t, { roles: ['nothing_at_all', 'memo_reader'] });
    expect((await user.api.get('/api/records/memo')).status).toBe(200);
    expectStatus(await user.api.get('/api/records/account'), 403, 'FORBIDDEN');
  });
});

describe('operation level', () => {
  /** Performs one operation on a fresh record; answers the response and the record's id. */
  async function perform(api: ApiClient, op: (typeof ALL_OPS)[number], batch: string): Promise<{ res: ApiResponse; id: string }> {
    const id = await seed(t, 'account', account(batch, `op ${op}`, { notes: 'original' }));
    switch (op) {
      case 'read':
        return { res: await api.get(`/api/records/account/${id}`), id };
      case 'create':
        return { res: await api.post('/api/records/account', account(batch, 'created by op test')), id };
      case 'update':
        return { res: await api.patch(`/api/records/account/${id}`, { _version: 1, notes: 'updated' }), id };
      case 'delete':
        return { res: await api.delete(`/api/records/account/${id}`), id };
      case 'export': {
        const raw = await api.raw(`/api/records/account/export?format=csv&filter=${q({ batch: { $eq: batch } })}`);
        const text = await raw.text();
        return { res: { status: raw.status, body: text.startsWith('{') ? JSON.parse(text) : text, headers: raw.headers }, id };
      }
      case 'import':
        return { res: await importCsv(api, 'account', `name,batch\nimported by op test,${batch}`, '?wait=true'), id };
      case 'transfer':
        return { res: await api.post(`/api/records/account/${id}/transfer`, { owner: bystander.id }), id };
    }
  }

  const SUCCESS: Record<(typeof ALL_OPS)[number], number> = { read: 200, create: 201, update: 200, delete: 204, export: 200, import: 200, transfer: 200 };

  it('performs each of read, create, update, delete, export, import and transfer when a role grants it', async () => {
    await putRole(t, 'ops_all', { account: { operations: [...ALL_OPS] } });
    const user = await addUser(t, { roles: ['ops_all'] });
    for (const op of ALL_OPS) {
      const { res } = await perform(user.api, op, `ops-all-${op}`);
      expect(res.status, `${op}: ${JSON.stringify(res.body)}`).toBe(SUCCESS[op]);
    }
    expect(await countOf(t.admin, 'account', { batch: { $eq: 'ops-all-import' } })).toBe(2);
    expect(await countOf(t.admin, 'account', { batch: { $eq: 'ops-all-create' } })).toBe(2);
  });

  it.each(ALL_OPS)('refuses %s with 403 when no role grants it, and changes nothing', async (op) => {
    const role = `ops_without_${op}`;
    await putRole(t, role, { account: { operations: ALL_OPS.filter((o) => o !== op) } });
    const user = await addUser(t, { roles: [role] });
    const batch = `ops-without-${op}`;
    const { res, id } = await perform(user.api, op, batch);
    expectStatus(res, 403, 'FORBIDDEN');
    const after = await adminGet(t, 'account', id);
    expect(after).toMatchObject({ notes: 'original', _version: 1, _owner: adminId });
    expect(await countOf(t.admin, 'account', { batch: { $eq: batch } })).toBe(1);
    if (op === 'read') expectStatus(await user.api.get('/api/records/account'), 403, 'FORBIDDEN');
    if (op === 'import' || op === 'create') {
      expectStatus(await importCsv(user.api, 'account', `name,batch\ndry,${batch}`, '?dryRun=true'), 403, 'FORBIDDEN');
    }
    if (op !== 'read') {
      // Everything the role does grant still works.
      expect((await user.api.get(`/api/records/account/${id}`)).status).toBe(200);
    }
  });
});

describe('department level', () => {
  const batch = 'dept';
  let sales: string, east: string, eastNorth: string, west: string, other: string;
  const rec: Record<string, string> = {};

  beforeAll(async () => {
    sales = await addDepartment(t, 'Sales');
    east = await addDepartment(t, 'East', sales);
    eastNorth = await addDepartment(t, 'East North', east);
    west = await addDepartment(t, 'West', sales);
    other = await addDepartment(t, 'Other');
    for (const [key, department] of Object.entries({ sales, east, eastNorth, west, other, none: null })) {
      rec[key] = await seed(t, 'account', account(batch, `dept ${key}`), { department });
    }
    await putRole(t, 'dept_reader', { account: { operations: ['read'], scope: { read: 'department' } } });
    await putRole(t, 'tree_reader', { account: { operations: ['read'], scope: { read: 'department_tree' } } });
  });

  it('department reaches exactly the records of the user’s own department', async () => {
    const user = await addUser(t, { roles: ['dept_reader'], department: east });
    expect(await visible(user.api, batch)).toEqual([rec.east]);
    expectStatus(await user.api.get(`/api/records/account/${rec.eastNorth}`), 404, 'NOT_FOUND');
    expectStatus(await user.api.get(`/api/records/account/${rec.sales}`), 404, 'NOT_FOUND');
  });

  it('department_tree reaches the user’s department and every department below it', async () => {
    const eastUser = await addUser(t, { roles: ['tree_reader'], department: east });
    expect(await visible(eastUser.api, batch)).toEqual(sorted([rec.east, rec.eastNorth]));
    const salesUser = await addUser(t, { roles: ['tree_reader'], department: sales });
    expect(await visible(salesUser.api, batch)).toEqual(sorted([rec.sales, rec.east, rec.eastNorth, rec.west]));
    expectStatus(await salesUser.api.get(`/api/records/account/${rec.other}`), 404, 'NOT_FOUND');
    expect((await salesUser.api.get(`/api/records/account/${rec.eastNorth}`)).status).toBe(200);
  });

  it('a user without a department reaches nothing through department or department_tree', async () => {
    for (const role of ['dept_reader', 'tree_reader']) {
      const user = await addUser(t, { roles: [role] });
      expect(await visible(user.api, batch)).toEqual([]);
      expectStatus(await user.api.get(`/api/records/account/${rec.none}`), 404, 'NOT_FOUND');
    }
  });

  it('updates and deletes only inside the department scope of the write; readable records outside it are 403', async () => {
    await putRole(t, 'tree_writer', { account: { operations: ['read', 'update', 'delete'], scope: { read: 'all', update: 'department_tree' } } });
    const user = await addUser(t, { roles: ['tree_writer'], department: east });
    const inside = await seed(t, 'account', account('dept-write', 'inside', { notes: 'n' }), { department: eastNorth });
    const outside = await seed(t, 'account', account('dept-write', 'outside', { notes: 'n' }), { department: west });
    expect((await user.api.patch(`/api/records/account/${inside}`, { _version: 1, notes: 'changed' })).status).toBe(200);
    expectStatus(await user.api.patch(`/api/records/account/${outside}`, { _version: 1, notes: 'changed' }), 403, 'FORBIDDEN');
    expectStatus(await user.api.delete(`/api/records/account/${outside}`), 403, 'FORBIDDEN');
    expect(await adminGet(t, 'account', outside)).toMatchObject({ notes: 'n', _version: 1 });
    expect((await user.api.delete(`/api/records/account/${inside}`)).status).toBe(204);
    expect(await visible(t.admin, 'dept-write')).toEqual([outside]);
  });

  it('moving a department changes at once which records department_tree reaches', async () => {
    const region = await addDepartment(t, 'Region');
    const branch = await addDepartment(t, 'Branch', region);
    const outpost = await addDepartment(t, 'Outpost', branch);
    const elsewhere = await addDepartment(t, 'Elsewhere');
    const record = await seed(t, 'account', account('dept-move', 'at the outpost'), { department: outpost });
    const regionUser = await addUser(t, { roles: ['tree_reader'], department: region });
    const elsewhereUser = await addUser(t, { roles: ['tree_reader'], department: elsewhere });
    expect(await visible(regionUser.api, 'dept-move')).toEqual([record]);
    expect(await visible(elsewhereUser.api, 'dept-move')).toEqual([]);

    const moved = await t.admin.patch(`/api/admin/departments/${branch}`, { parent: elsewhere });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await visible(regionUser.api, 'dept-move')).toEqual([]);
    expectStatus(await regionUser.api.get(`/api/records/account/${record}`), 404, 'NOT_FOUND');
    expect(await visible(elsewhereUser.api, 'dept-move')).toEqual([record]);
  });
});

describe('person level', () => {
  it('own reaches the records the user owns, on reads and writes', async () => {
    await putRole(t, 'own_rw', { account: { operations: ['read', 'update', 'delete'], scope: { read: 'own' } } });
    const alice = await addUser(t, { roles: ['own_rw'] });
    const bob = await addUser(t, { roles: ['own_rw'] });
    const mine = await seed(t, 'account', account('own', 'alice’s', { notes: 'n' }), { owner: alice.id });
    const theirs = await seed(t, 'account', account('own', 'bob’s', { notes: 'n' }), { owner: bob.id });
    expect(await visible(alice.api, 'own')).toEqual([mine]);
    expect(await visible(bob.api, 'own')).toEqual([theirs]);
    expect((await alice.api.patch(`/api/records/account/${mine}`, { _version: 1, notes: 'mine now' })).status).toBe(200);
    expectStatus(await alice.api.patch(`/api/records/account/${theirs}`, { _version: 1, notes: 'hijacked' }), 404, 'NOT_FOUND');
    expect((await adminGet(t, 'account', theirs)).notes).toBe('n');
  });

  describe('subordinates along the manager chain', () => {
    let boss: Person, mid: Person, worker: Person, outsider: Person;
    const rec: Record<string, string> = {};

    beforeAll(async () => {
      await putRole(t, 'team_lead', { account: { operations: ['read', 'update'], scope: { read: 'subordinates' } } });
      boss = await addUser(t, { roles: ['team_lead'] });
      mid = await addUser(t, { roles: ['team_lead'], manager: boss.id });
      worker = await addUser(t, { roles: ['team_lead'], manager: mid.id });
      outsider = await addUser(t, { roles: ['team_lead'] });
      for (const [key, person] of Object.entries({ boss, mid, worker, outsider })) {
        rec[key] = await seed(t, 'account', account('chain', `${key}’s`, { notes: 'n' }), { owner: person.id });
      }
    });

    it('reaches the user’s own records and those of everyone under them, not above or beside', async () => {
      expect(await visible(boss.api, 'chain')).toEqual(sorted([rec.boss, rec.mid, rec.worker]));
      expect(await visible(mid.api, 'chain')).toEqual(sorted([rec.mid, rec.worker]));
      expect(await visible(worker.api, 'chain')).toEqual([rec.worker]);
      expect(await visible(outsider.api, 'chain')).toEqual([rec.outsider]);
      expect((await boss.api.patch(`/api/records/account/${rec.worker}`, { _version: 1, notes: 'reviewed' })).status).toBe(200);
      expectStatus(await mid.api.patch(`/api/records/account/${rec.boss}`, { _version: 1, notes: 'nope' }), 404, 'NOT_FOUND');
      expectStatus(await worker.api.get(`/api/records/account/${rec.mid}`), 404, 'NOT_FOUND');
    });

    it('follows a change of manager at once', async () => {
      const res = await t.admin.patch(`/api/admin/users/${worker.id}`, { manager: outsider.id });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(await visible(boss.api, 'chain')).toEqual(sorted([rec.boss, rec.mid]));
      expect(await visible(mid.api, 'chain')).toEqual([rec.mid]);
      expect(await visible(outsider.api, 'chain')).toEqual(sorted([rec.outsider, rec.worker]));
      expectStatus(await boss.api.get(`/api/records/account/${rec.worker}`), 404, 'NOT_FOUND');
    });
  });

  it('a read share widens read but not update; a write share widens update too', async () => {
    await putRole(t, 'own_editor', { account: { operations: ['read', 'update'], scope: { read: 'own' } } });
    const user = await addUser(t, { roles: ['own_editor'] });
    const readShared = await seed(t, 'account', account('share-level', 'read shared', { notes: 'n' }));
    const writeShared = await seed(t, 'account', account('share-level', 'write shared', { notes: 'n' }));
    const unshared = await seed(t, 'account', account('share-level', 'unshared', { notes: 'n' }));
    expect((await t.admin.post(`/api/records/account/${readShared}/shares`, { user: user.id, access: 'read' })).status).toBe(201);
    expect((await t.admin.post(`/api/records/account/${writeShared}/shares`, { user: user.id, access: 'write' })).status).toBe(201);
    expect(await visible(user.api, 'share-level')).toEqual(sorted([readShared, writeShared]));
    expectStatus(await user.api.get(`/api/records/account/${unshared}`), 404, 'NOT_FOUND');
    expectStatus(await user.api.patch(`/api/records/account/${readShared}`, { _version: 1, notes: 'x' }), 403, 'FORBIDDEN');
    expect((await user.api.patch(`/api/records/account/${writeShared}`, { _version: 1, notes: 'x' })).status).toBe(200);
    expect((await adminGet(t, 'account', readShared)).notes).toBe('n');
  });
});

describe('filter scopes', () => {
  it('binds $user.username, $user.id and $user.department to the caller', async () => {
    const north = await addDepartment(t, 'Filter North');
    const south = await addDepartment(t, 'Filter South');
    await putRole(t, 'by_username', { account: { operations: ['read'], scope: { read: { filter: { rep: { $eq: '$user.username' } } } } } });
    await putRole(t, 'by_id', { account: { operations: ['read'], scope: { read: { filter: { _owner: { $eq: '$user.id' } } } } } });
    await putRole(t, 'by_department', { account: { operations: ['read'], scope: { read: { filter: { _department: { $eq: '$user.department' } } } } } });
    const ann = await addUser(t, { roles: ['by_username'], department: north });
    const ben = await addUser(t, { roles: ['by_username'], department: south });
    const repAnn = await seed(t, 'account', account('filter-vars', 'rep ann', { rep: ann.username }));
    const repBen = await seed(t, 'account', account('filter-vars', 'rep ben', { rep: ben.username }), { department: north });
    const ownedByAnn = await seed(t, 'account', account('filter-vars', 'owned by ann'), { owner: ann.id, department: south });
    expect(await visible(ann.api, 'filter-vars')).toEqual([repAnn]);
    expect(await visible(ben.api, 'filter-vars')).toEqual([repBen]);

    const annById = await addUser(t, { roles: ['by_id'] });
    const byIdRecord = await seed(t, 'account', account('filter-vars', 'owned by annById'), { owner: annById.id });
    expect(await visible(annById.api, 'filter-vars')).toEqual([byIdRecord]);
    const northUser = await addUser(t, { roles: ['by_department'], department: north });
    const southUser = await addUser(t, { roles: ['by_department'], department: south });
    expect(await visible(northUser.api, 'filter-vars')).toEqual([repBen]);
    expect(await visible(southUser.api, 'filter-vars')).toEqual([ownedByAnn]);
  });

  it('a filter scope on a write limits the write; readable records outside it are 403', async () => {
    await putRole(t, 'small_deals', {
      account: { operations: ['read', 'update', 'delete'], scope: { read: { filter: { region: { $eq: 'Sichuan' } } }, update: { filter: { amount: { $lt: 100 } } } } },
    });
    const user = await addUser(t, { roles: ['small_deals'] });
    const small = await seed(t, 'account', account('filter-write', 'small', { region: 'Sichuan', amount: 50 }));
    const big = await seed(t, 'account', account('filter-write', 'big', { region: 'Sichuan', amount: 500 }));
    const yunnan = await seed(t, 'account', account('filter-write', 'yunnan', { region: 'Yunnan', amount: 5 }));
    expect(await visible(user.api, 'filter-write')).toEqual(sorted([small, big]));
    expect((await user.api.patch(`/api/records/account/${small}`, { _version: 1, notes: 'ok' })).status).toBe(200);
    expectStatus(await user.api.patch(`/api/records/account/${big}`, { _version: 1, notes: 'no' }), 403, 'FORBIDDEN');
    expect((await adminGet(t, 'account', big)).notes).toBeNull();
    // Inside the update filter but outside the read scope: as if it did not exist.
    expectStatus(await user.api.patch(`/api/records/account/${yunnan}`, { _version: 1, notes: 'no' }), 404, 'NOT_FOUND');
    expectStatus(await user.api.delete(`/api/records/account/${yunnan}`), 404, 'NOT_FOUND');
    expect(await adminGet(t, 'account', yunnan)).toMatchObject({ notes: null, _version: 1 });
  });
});

describe('scope unions', () => {
  it('an array of scopes reaches the union of its parts', async () => {
    await putRole(t, 'own_or_yunnan', { account: { operations: ['read'], scope: { read: ['own', { filter: { region: { $eq: 'Yunnan' } } }] } } });
    const user = await addUser(t, { roles: ['own_or_yunnan'] });
    const own = await seed(t, 'account', account('union-array', 'own sichuan', { region: 'Sichuan' }), { owner: user.id });
    const yunnan = await seed(t, 'account', account('union-array', 'yunnan', { region: 'Yunnan' }));
    await seed(t, 'account', account('union-array', 'other sichuan', { region: 'Sichuan' }));
    expect(await visible(user.api, 'union-array')).toEqual(sorted([own, yunnan]));
  });

  it('several roles reach the union of what each reaches', async () => {
    await putRole(t, 'only_own', { account: { operations: ['read'], scope: { read: 'own' } } });
    await putRole(t, 'only_chongqing', { account: { operations: ['read'], scope: { read: { filter: { region: { $eq: 'Chongqing' } } } } } });
    const both = await addUser(t, { roles: ['only_own', 'only_chongqing'] });
    const ownOnly = await addUser(t, { roles: ['only_own'] });
    const own = await seed(t, 'account', account('union-roles', 'own', { region: 'Yunnan' }), { owner: both.id });
    const cq = await seed(t, 'account', account('union-roles', 'chongqing', { region: 'Chongqing' }));
    await seed(t, 'account', account('union-roles', 'neither', { region: 'Yunnan' }));
    expect(await visible(both.api, 'union-roles')).toEqual(sorted([own, cq]));
    expect(await visible(ownOnly.api, 'union-roles')).toEqual([]);
  });

  it('a write uses only the roles that grant it: reading everything does not widen an update limited to own', async () => {
    await putRole(t, 'read_everything', { account: { operations: ['read'] } });
    await putRole(t, 'update_own', { account: { operations: ['read', 'update'], scope: { read: 'own', update: 'own' } } });
    const user = await addUser(t, { roles: ['read_everything', 'update_own'] });
    const own = await seed(t, 'account', account('union-write', 'own'), { owner: user.id });
    const foreign = await seed(t, 'account', account('union-write', 'foreign'));
    expect(await visible(user.api, 'union-write')).toEqual(sorted([own, foreign]));
    expect((await user.api.patch(`/api/records/account/${own}`, { _version: 1, notes: 'ok' })).status).toBe(200);
    expectStatus(await user.api.patch(`/api/records/account/${foreign}`, { _version: 1, notes: 'no' }), 403, 'FORBIDDEN');
  });
});

describe('fallback scopes', () => {
  it('read without a scope is all; update without a scope is the read scope', async () => {
    await putRole(t, 'no_scopes', { account: { operations: ['read', 'update'] } });
    const user = await addUser(t, { roles: ['no_scopes'] });
    const foreign = await seed(t, 'account', account('fallback-none', 'foreign'));
    expect(await visible(user.api, 'fallback-none')).toEqual([foreign]);
    expect((await user.api.patch(`/api/records/account/${foreign}`, { _version: 1, notes: 'ok' })).status).toBe(200);
  });

  it('delete and transfer without a scope use the update scope; export uses the read scope', async () => {
    await putRole(t, 'update_scoped', {
      account: { operations: ['read', 'update', 'delete', 'transfer', 'export'], scope: { read: 'all', update: 'own' } },
    });
    const user = await addUser(t, { roles: ['update_scoped'] });
    const own = await seed(t, 'account', account('fallback-update', 'own'), { owner: user.id });
    const ownToo = await seed(t, 'account', account('fallback-update', 'own too'), { owner: user.id });
    const foreign = await seed(t, 'account', account('fallback-update', 'foreign'));
    expectStatus(await user.api.delete(`/api/records/account/${foreign}`), 403, 'FORBIDDEN');
    expectStatus(await user.api.post(`/api/records/account/${foreign}/transfer`, { owner: user.id }), 403, 'FORBIDDEN');
    expect((await adminGet(t, 'account', foreign))._owner).toBe(adminId);
    const csv = await exportCsv(user.api, 'account', `filter=${q({ batch: { $eq: 'fallback-update' } })}`);
    expect(csv.status).toBe(200);
    expect(column(csv, 'name').sort()).toEqual(['foreign', 'own', 'own too']);
    expect((await user.api.post(`/api/records/account/${ownToo}/transfer`, { owner: bystander.id })).status).toBe(200);
    expect((await user.api.delete(`/api/records/account/${own}`)).status).toBe(204);
  });

  it('update, delete and export without scopes all follow a narrow read scope', async () => {
    await putRole(t, 'department_only', { account: { operations: ['read', 'update', 'delete', 'export'], scope: { read: 'department' } } });
    const team = await addDepartment(t, 'Fallback Team');
    const elsewhere = await addDepartment(t, 'Fallback Elsewhere');
    const user = await addUser(t, { roles: ['department_only'], department: team });
    const colleague = await seed(t, 'account', account('fallback-read', 'colleague’s'), { department: team });
    const colleague2 = await seed(t, 'account', account('fallback-read', 'colleague’s too'), { department: team });
    const foreign = await seed(t, 'account', account('fallback-read', 'foreign'), { department: elsewhere });
    const csv = await exportCsv(user.api, 'account', `filter=${q({ batch: { $eq: 'fallback-read' } })}`);
    expect(column(csv, 'name').sort()).toEqual(['colleague’s', 'colleague’s too']);
    expect((await user.api.patch(`/api/records/account/${colleague}`, { _version: 1, notes: 'ok' })).status).toBe(200);
    expect((await user.api.delete(`/api/records/account/${colleague2}`)).status).toBe(204);
    expectStatus(await user.api.delete(`/api/records/account/${foreign}`), 404, 'NOT_FOUND');
  });
});

describe('field level', () => {
  let user: Person;
  let id: string;

  beforeAll(async () => {
    await putRole(t, 'field_limited', {
      account: { operations: ['read', 'create', 'update', 'export'], fields: { secret: 'none', amount: 'read' } },
    });
    user = await addUser(t, { roles: ['field_limited'] });
    id = await seed(t, 'account', account('fields', 'Classified Co', { secret: 'classified-1', amount: 10, notes: 'n1' }));
    expect((await t.admin.patch(`/api/records/account/${id}`, { _version: 1, secret: 'classified-2', notes: 'n2' })).status).toBe(200);
  });

  it('leaves a none field out of get, list, export and history', async () => {
    const got = await user.api.get(`/api/records/account/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).not.toHaveProperty('secret');
    expect(got.body).toMatchObject({ name: 'Classified Co', amount: 10, notes: 'n2' });

    const list = await user.api.get(`/api/records/account?filter=${q({ batch: { $eq: 'fields' } })}`);
    expect(list.body.data).toHaveLength(1);
    for (const row of list.body.data) expect(row).not.toHaveProperty('secret');

    const csv = await exportCsv(user.api, 'account', `filter=${q({ batch: { $eq: 'fields' } })}`);
    expect(csv.status).toBe(200);
    expect(csv.header).not.toContain('secret');
    expect(csv.header).toContain('amount');
    expect(JSON.stringify(csv.rows)).not.toContain('classified');

    const history = await user.api.get(`/api/records/account/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.data.some((h: { field: string | null }) => h.field === 'secret')).toBe(false);
    expect(history.body.data.some((h: { field: string | null }) => h.field === 'notes')).toBe(true);
    expect(JSON.stringify(history.body)).not.toContain('classified');
    // The admin sees what the user does not.
    expect(JSON.stringify((await t.admin.get(`/api/records/account/${id}/history`)).body)).toContain('classified-2');
  });

  it('answers 403 naming a none field in fields= of a list, a get or an export', async () => {
    expectForbiddenNaming(await user.api.get(`/api/records/account?fields=name,secret`), 'secret');
    expectForbiddenNaming(await user.api.get(`/api/records/account/${id}?fields=secret`), 'secret');
    expectForbiddenNaming(await user.api.get('/api/records/account/export?format=csv&fields=name,secret'), 'secret');
  });

  it('answers 403 naming a none field in a filter, a sort or an export filter', async () => {
    expectForbiddenNaming(await user.api.get(`/api/records/account?filter=${q({ secret: { $eq: 'classified-2' } })}`), 'secret');
    expectForbiddenNaming(await user.api.get(`/api/records/account?filter=${q({ $or: [{ name: 'x' }, { $not: { secret: { $null: true } } }] })}`), 'secret');
    expectForbiddenNaming(await user.api.get('/api/records/account?sort=-secret'), 'secret');
    expectForbiddenNaming(await user.api.get('/api/records/account?sort=name,secret'), 'secret');
    expectForbiddenNaming(await user.api.get(`/api/records/account/export?format=csv&filter=${q({ secret: { $startsWith: 'c' } })}`), 'secret');
  });

  it('refuses to write read and none fields with 403, one detail per field, and writes nothing', async () => {
    const version = await versionOf(id);
    const one = await user.api.patch(`/api/records/account/${id}`, { _version: version, notes: 'sneaked in', amount: 99 });
    expectForbiddenNaming(one, 'amount');
    expectForbiddenNaming(await user.api.patch(`/api/records/account/${id}`, { _version: version, secret: 'overwritten' }), 'secret');
    const both = await user.api.patch(`/api/records/account/${id}`, { _version: version, amount: 1, secret: 'x' });
    expect(both.status).toBe(403);
    expect(detailPaths(both)).toHaveLength(2);
    expect(await adminGet(t, 'account', id)).toMatchObject({ notes: 'n2', amount: 10, secret: 'classified-2', _version: version });

    expectForbiddenNaming(await user.api.post('/api/records/account', account('fields-create', 'with amount', { amount: 5 })), 'amount');
    expect(await countOf(t.admin, 'account', { batch: { $eq: 'fields-create' } })).toBe(0);
    const created = await user.api.post('/api/records/account', account('fields-create', 'plain', { notes: 'fine' }));
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('secret');
    expect((await user.api.patch(`/api/records/account/${id}`, { _version: version, notes: 'allowed' })).status).toBe(200);
  });

  it('refuses an import with a column of a none field with 403, importing nothing', async () => {
    await putRole(t, 'limited_importer', { account: { operations: ['read', 'create', 'import'], fields: { secret: 'none' } } });
    const importer = await addUser(t, { roles: ['limited_importer'] });
    expectStatus(await importCsv(importer.api, 'account', 'name,batch,secret\nSmuggled,import-fields,s', '?dryRun=true'), 403, 'FORBIDDEN');
    expectStatus(await importCsv(importer.api, 'account', 'name,batch,secret\nSmuggled,import-fields,s', '?wait=true'), 403, 'FORBIDDEN');
    expect(await countOf(t.admin, 'account', { batch: { $eq: 'import-fields' } })).toBe(0);
    const ok = await importCsv(importer.api, 'account', 'name,batch\nFine,import-fields', '?wait=true');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ inserted: 1 });
    expect(JSON.stringify(ok.body)).not.toContain('secret');
  });

  it('"*": "none" turns the field map into an allow-list, system fields included; id and _version stay', async () => {
    await putRole(t, 'allow_listed', { account: { operations: ['read', 'update'], fields: { '*': 'none', name: 'write', region: 'read' } } });
    const listed = await addUser(t, { roles: ['allow_listed'] });
    const record = await seed(t, 'account', account('allow-list', 'Listed', { region: 'Yunnan', notes: 'hidden', amount: 3 }));
    const got = await listed.api.get(`/api/records/account/${record}`);
    expect(got.status).toBe(200);
    expect(Object.keys(got.body).sort()).toEqual(['_version', 'id', 'name', 'region']);
    expectForbiddenNaming(await listed.api.get(`/api/records/account?filter=${q({ notes: { $eq: 'hidden' } })}`), 'notes');
    expectForbiddenNaming(await listed.api.get(`/api/records/account?filter=${q({ _owner: { $eq: adminId } })}`), '_owner');
    expectForbiddenNaming(await listed.api.patch(`/api/records/account/${record}`, { _version: 1, region: 'Sichuan' }), 'region');
    expectForbiddenNaming(await listed.api.patch(`/api/records/account/${record}`, { _version: 1, notes: 'x' }), 'notes');
    const renamed = await listed.api.patch(`/api/records/account/${record}`, { _version: 1, name: 'Renamed' });
    expect(renamed.status).toBe(200);
    expect(Object.keys(renamed.body).sort()).toEqual(['_version', 'id', 'name', 'region']);
    expect(await adminGet(t, 'account', record)).toMatchObject({ name: 'Renamed', region: 'Yunnan', notes: 'hidden' });
  });

  it('takes the most generous access among the roles that grant the operation', async () => {
    await putRole(t, 'amount_hidden', { account: { operations: ['read'], fields: { amount: 'none' } } });
    await putRole(t, 'amount_readable', { account: { operations: ['read'], fields: { amount: 'read', notes: 'none' } } });
    const user2 = await addUser(t, { roles: ['amount_hidden', 'amount_readable'] });
    const record = await seed(t, 'account', account('generous', 'Generous', { amount: 42, notes: 'seen via amount_hidden' }));
    expect((await user2.api.get(`/api/records/account/${record}`)).body).toMatchObject({ amount: 42, notes: 'seen via amount_hidden' });
  });

  it('create uses the field access of the roles granting create, update that of the roles granting update', async () => {
    await putRole(t, 'creates_amount_read', { account: { operations: ['read', 'create'], fields: { amount: 'read' } } });
    await putRole(t, 'updates_everything', { account: { operations: ['read', 'update'] } });
    const both = await addUser(t, { roles: ['creates_amount_read', 'updates_everything'] });
    expectForbiddenNaming(await both.api.post('/api/records/account', account('per-op', 'with amount', { amount: 1 })), 'amount');
    const created = await both.api.post('/api/records/account', account('per-op', 'without amount'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await both.api.patch(`/api/records/account/${created.body.id}`, { _version: created.body._version, amount: 7 })).status).toBe(200);

    await putRole(t, 'updates_amount_read', { account: { operations: ['read', 'update'], fields: { amount: 'read' } } });
    await putRole(t, 'reads_everything', { account: { operations: ['read'] } });
    const other = await addUser(t, { roles: ['updates_amount_read', 'reads_everything'] });
    const record = await seed(t, 'account', account('per-op', 'update me', { amount: 1 }));
    expectForbiddenNaming(await other.api.patch(`/api/records/account/${record}`, { _version: 1, amount: 2 }), 'amount');
    expect((await adminGet(t, 'account', record)).amount).toBe(1);
  });
});

describe('status level', () => {
  let user: Person;
  const rec: Record<string, string> = {};

  beforeAll(async () => {
    await putRole(t, 'stateful', {
      account: {
        operations: ['read', 'update', 'delete'],
        fields: { amount: 'read' },
        states: {
          approved: { operations: ['read'] },
          pending: { operations: ['read', 'update'], fields: { '*': 'read', notes: 'write', amount: 'write' } },
          archived: { operations: ['read', 'update', 'delete'], fields: { secret: 'none' } },
        },
      },
    });
    user = await addUser(t, { roles: ['stateful'] });
    for (const state of ['draft', 'approved', 'pending', 'archived']) {
      rec[state] = await seed(t, 'account', account('states', `in ${state}`, { secret: `S-${state}`, notes: 'n', amount: 1 }), {
        state: state === 'draft' ? null : state,
      });
    }
    rec.approved2 = await seed(t, 'account', account('states-2', 'approved too', { notes: 'n' }), { state: 'approved' });
  });

  it('a state allowing only read refuses update and delete with 403, while the record stays readable', async () => {
    expect((await user.api.get(`/api/records/account/${rec.approved}`)).status).toBe(200);
    expect(await visible(user.api, 'states')).toContain(rec.approved);
    expectStatus(await user.api.patch(`/api/records/account/${rec.approved}`, { _version: 1, notes: 'changed' }), 403, 'FORBIDDEN');
    expectStatus(await user.api.delete(`/api/records/account/${rec.approved}`), 403, 'FORBIDDEN');
    expect(await adminGet(t, 'account', rec.approved)).toMatchObject({ notes: 'n', _version: 1, _state: 'approved' });
    // Without a state the role's own operations apply.
    expect((await user.api.patch(`/api/records/account/${rec.draft}`, { _version: 1, notes: 'changed' })).status).toBe(200);
  });

  it('a state’s field map caps access and can only lower it', async () => {
    expect((await user.api.patch(`/api/records/account/${rec.pending}`, { _version: 1, notes: 'still writable' })).status).toBe(200);
    expectForbiddenNaming(await user.api.patch(`/api/records/account/${rec.pending}`, { _version: 2, name: 'capped to read' }), 'name');
    expectForbiddenNaming(await user.api.patch(`/api/records/account/${rec.pending}`, { _version: 2, amount: 5 }), 'amount');
    expect(await adminGet(t, 'account', rec.pending)).toMatchObject({ name: 'in pending', amount: 1, notes: 'still writable' });
  });

  it('a field hidden in one state is null there, cannot be matched there, and is visible in other states', async () => {
    expect((await user.api.get(`/api/records/account/${rec.archived}`)).body.secret).toBeNull();
    expect((await user.api.get(`/api/records/account/${rec.draft}`)).body.secret).toBe('S-draft');
    const list = await user.api.get(`/api/records/account?filter=${q({ batch: { $eq: 'states' } })}&fields=name,secret&limit=500`);
    expect(list.status).toBe(200);
    const secrets = Object.fromEntries(list.body.data.map((r: { id: string; secret: unknown }) => [r.id, r.secret]));
    expect(secrets[rec.archived]).toBeNull();
    expect(secrets[rec.approved]).toBe('S-approved');
    expect(await listIds(user.api, 'account', `filter=${q({ secret: { $eq: 'S-archived' } })}`)).toEqual([]);
    expect(await listIds(user.api, 'account', `filter=${q({ secret: { $eq: 'S-pending' } })}`)).toEqual([rec.pending]);
    // Archived still allows update and delete.
    expect((await user.api.delete(`/api/records/account/${rec.archived}`)).status).toBe(204);
  });

  it('narrows each role separately: another role without state rules still reaches the record', async () => {
    await putRole(t, 'updates_own_any_state', { account: { operations: ['read', 'update'], scope: { read: 'own' } } });
    const owner = await addUser(t, { roles: ['stateful', 'updates_own_any_state'] });
    const ownApproved = await seed(t, 'account', account('states-2', 'own approved', { notes: 'n' }), { owner: owner.id, state: 'approved' });
    expect((await owner.api.patch(`/api/records/account/${ownApproved}`, { _version: 1, notes: 'changed' })).status).toBe(200);
    expectStatus(await owner.api.patch(`/api/records/account/${rec.approved2}`, { _version: 1, notes: 'changed' }), 403, 'FORBIDDEN');
  });
});

describe('records out of scope', () => {
  it('answer 404 on get, patch, delete, history and transfer, exactly like a record that does not exist', async () => {
    await putRole(t, 'own_everything', { account: { operations: ['read', 'update', 'delete', 'transfer'], scope: { read: 'own' } } });
    const user = await addUser(t, { roles: ['own_everything'] });
    const foreign = await seed(t, 'account', account('hidden', 'foreign', { notes: 'n' }));
    const calls: [string, (id: string) => Promise<ApiResponse>][] = [
      ['get', (id) => user.api.get(`/api/records/account/${id}`)],
      ['patch', (id) => user.api.patch(`/api/records/account/${id}`, { _version: 1, notes: 'x' })],
      ['delete', (id) => user.api.delete(`/api/records/account/${id}`)],
      ['history', (id) => user.api.get(`/api/records/account/${id}/history`)],
      ['transfer', (id) => user.api.post(`/api/records/account/${id}/transfer`, { owner: user.id })],
    ];
    for (const [label, call] of calls) {
      const hidden = await call(foreign);
      const missing = await call('987654321');
      expect(hidden.status, `${label}: ${JSON.stringify(hidden.body)}`).toBe(404);
      expect(hidden.body.error.code).toBe('NOT_FOUND');
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe(hidden.body.error.code);
    }
    expect(await adminGet(t, 'account', foreign)).toMatchObject({ notes: 'n', _version: 1, _owner: adminId });
  });

  it('count=true counts only the records in scope', async () => {
    await putRole(t, 'own_counter', { account: { operations: ['read'], scope: { read: 'own' } } });
    const user = await addUser(t, { roles: ['own_counter'] });
    for (let i = 0; i < 3; i++) await seed(t, 'account', account('count', `mine ${i}`, { amount: i }), { owner: user.id });
    for (let i = 0; i < 4; i++) await seed(t, 'account', account('count', `theirs ${i}`, { amount: i }));
    expect(await countOf(user.api, 'account', { batch: { $eq: 'count' } })).toBe(3);
    expect(await countOf(user.api, 'account', { batch: { $eq: 'count' }, amount: { $gte: 1 } })).toBe(2);
    expect(await countOf(t.admin, 'account', { batch: { $eq: 'count' } })).toBe(7);
    const page = await user.api.get(`/api/records/account?count=true&limit=2&filter=${q({ batch: { $eq: 'count' } })}`);
    expect(page.body.total).toBe(3);
    expect(page.body.data).toHaveLength(2);
  });
});

describe('lookup paths', () => {
  let reader: Person;
  const rec: Record<string, string> = {};

  beforeAll(async () => {
    await putRole(t, 'contact_reader', {
      contact: { operations: ['read'] },
      account: { operations: ['read'], scope: { read: 'own' }, fields: { secret: 'none' } },
    });
    reader = await addUser(t, { roles: ['contact_reader'] });
    rec.mine = await seed(t, 'account', account('lookup', 'LP mine', { secret: 'lp-secret' }), { owner: reader.id });
    rec.theirs = await seed(t, 'account', account('lookup', 'LP theirs', { secret: 'lp-secret' }));
    rec.cMine = await seed(t, 'contact', { name: 'contact of mine', account: rec.mine });
    rec.cTheirs = await seed(t, 'contact', { name: 'contact of theirs', account: rec.theirs });
    rec.cNone = await seed(t, 'contact', { name: 'contact of none' });
  });

  it('answers 403 for a lookup path to a hidden field, in filter and sort', async () => {
    expectForbiddenNaming(await reader.api.get(`/api/records/contact?filter=${q({ 'account.secret': { $eq: 'lp-secret' } })}`), 'secret');
    expectForbiddenNaming(await reader.api.get('/api/records/contact?sort=account.secret'), 'secret');
  });

  it('treats a target record outside the read scope as null', async () => {
    expect(await listIds(reader.api, 'contact', `filter=${q({ 'account.name': { $eq: 'LP mine' } })}`)).toEqual([rec.cMine]);
    expect(await listIds(reader.api, 'contact', `filter=${q({ 'account.name': { $eq: 'LP theirs' } })}`)).toEqual([]);
    expect(await listIds(reader.api, 'contact', `filter=${q({ 'account.name': { $startsWith: 'LP' } })}`)).toEqual([rec.cMine]);
    expect(await listIds(reader.api, 'contact', `filter=${q({ 'account.name': { $null: true } })}`)).toEqual(sorted([rec.cTheirs, rec.cNone]));
    expect(await listIds(t.admin, 'contact', `filter=${q({ 'account.name': { $eq: 'LP theirs' } })}`)).toEqual([rec.cTheirs]);
  });

  it('needs read access to the target object; lookups to users are not restricted', async () => {
    await putRole(t, 'contacts_only', { contact: { operations: ['read'] } });
    const user = await addUser(t, { roles: ['contacts_only'] });
    expectStatus(await user.api.get(`/api/records/contact?filter=${q({ 'account.name': { $eq: 'LP mine' } })}`), 403, 'FORBIDDEN');
    const admins = await listIds(user.api, 'contact', `filter=${q({ '_owner.username': { $eq: 'admin' } })}`);
    expect(admins).toEqual(expect.arrayContaining([rec.cMine, rec.cTheirs, rec.cNone]));
  });
});

describe('writing lookups', () => {
  it('needs the target record readable by the writer; a hidden and a missing target answer the same 422', async () => {
    await putRole(t, 'contact_writer', {
      contact: { operations: ['read', 'create', 'update'] },
      account: { operations: ['read'], scope: { read: 'own' } },
    });
    const writer = await addUser(t, { roles: ['contact_writer'] });
    const mine = await seed(t, 'account', account('lookup-write', 'LW mine'), { owner: writer.id });
    const theirs = await seed(t, 'account', account('lookup-write', 'LW theirs'));

    const hidden = await writer.api.post('/api/records/contact', { name: 'to hidden', account: theirs });
    const missing = await writer.api.post('/api/records/contact', { name: 'to missing', account: '987654321' });
    expectStatus(hidden, 422);
    expectStatus(missing, 422);
    expect(detailPaths(hidden)).toEqual(detailPaths(missing));
    expect(hidden.body.error.details.map((d: { message: string }) => d.message.replaceAll(theirs, '#')))
      .toEqual(missing.body.error.details.map((d: { message: string }) => d.message.replaceAll('987654321', '#')));

    const created = await writer.api.post('/api/records/contact', { name: 'to mine', account: mine });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectStatus(await writer.api.patch(`/api/records/contact/${created.body.id}`, { _version: 1, account: theirs }), 422);
    expect((await adminGet(t, 'contact', created.body.id)).account).toBe(mine);
  });
});

describe('ownership on create', () => {
  it('makes the creator the owner, with the creator’s department', async () => {
    await putRole(t, 'creator', { account: { operations: ['read', 'create'], scope: { read: 'own' } } });
    const desk = await addDepartment(t, 'Front Desk');
    const user = await addUser(t, { roles: ['creator'], department: desk });
    const created = await user.api.post('/api/records/account', account('ownership', 'Made by user'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ _owner: user.id, _department: desk, _created_by: user.id });
    expect(await adminGet(t, 'account', created.body.id)).toMatchObject({ _owner: user.id, _department: desk });
    expect(await visible(user.api, 'ownership')).toEqual([created.body.id]);

    const homeless = await addUser(t, { roles: ['creator'] });
    const other = await homeless.api.post('/api/records/account', account('ownership', 'Made without department'));
    expect(other.status).toBe(201);
    expect(other.body).toMatchObject({ _owner: homeless.id, _department: null });
  });
});

describe('ownership through PATCH', () => {
  it('refuses _owner, _department and _state in a PATCH body and changes nothing: ownership moves only by transfer', async () => {
    await putRole(t, 'full_editor', { account: { operations: ['read', 'update'] } });
    const user = await addUser(t, { roles: ['full_editor'] });
    const elsewhere = await addDepartment(t, 'Patch Elsewhere');
    const id = await seed(t, 'account', account('patch-owner', 'Owned by admin', { notes: 'n' }));
    const before = await adminGet(t, 'account', id);
    for (const body of [{ _owner: user.id }, { _department: elsewhere }, { _state: 'approved' }, { _owner: user.id, notes: 'x' }]) {
      const res = await user.api.patch(`/api/records/account/${id}`, { _version: 1, ...body });
      expect([403, 422], `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).toContain(res.status);
    }
    expect(await adminGet(t, 'account', id)).toEqual(before);
    expect(before).toMatchObject({ _owner: adminId, _state: null, notes: 'n', _version: 1 });
  });
});

describe('recycle bin', () => {
  it('lists and restores only deleted records inside the caller’s delete scope', async () => {
    await putRole(t, 'deletes_own', { account: { operations: ['read', 'update', 'delete'], scope: { read: 'all', update: 'own' } } });
    await putRole(t, 'only_reads', { account: { operations: ['read'] } });
    const user = await addUser(t, { roles: ['deletes_own'] });
    const reader2 = await addUser(t, { roles: ['only_reads'] });
    const own = await seed(t, 'account', account('bin', 'own binned'), { owner: user.id });
    const foreign = await seed(t, 'account', account('bin', 'foreign binned'));
    for (const id of [own, foreign]) expect((await t.admin.delete(`/api/records/account/${id}`)).status).toBe(204);

    const bin = await user.api.get('/api/recycle-bin?object=account');
    expect(bin.status).toBe(200);
    const binned = bin.body.data.map((e: { id: string }) => e.id);
    expect(binned).toContain(own);
    expect(binned).not.toContain(foreign);
    expect(JSON.stringify(bin.body)).not.toContain('foreign binned');
    expect((await reader2.api.get('/api/recycle-bin?object=account')).body.data).toEqual([]);

    const refused = await user.api.post(`/api/recycle-bin/account/${foreign}/restore`);
    expect([403, 404]).toContain(refused.status);
    expect((await t.admin.get('/api/recycle-bin?object=account')).body.data.map((e: { id: string }) => e.id)).toContain(foreign);
    expect((await user.api.post(`/api/recycle-bin/account/${own}/restore`)).status).toBe(204);
    expect((await user.api.get(`/api/records/account/${own}`)).status).toBe(200);
  });
});

describe('merging duplicates', () => {
  it('needs update on the kept and delete on the removed record, takes only writable fields and fills only writable blanks', async () => {
    await putRole(t, 'merger', { account: { operations: ['read', 'update', 'delete'], fields: { secret: 'none', amount: 'read' } } });
    const user = await addUser(t, { roles: ['merger'] });
    const keep = await seed(t, 'account', account('merge', 'Keep Ltd'));
    const remove = await seed(t, 'account', account('merge', 'Keep Limited', { notes: 'from the duplicate', secret: 'classified', amount: 7 }));

    expectForbiddenNaming(await user.api.post('/api/records/account/merge', { keep, remove, take: ['secret'] }), 'secret');
    expectForbiddenNaming(await user.api.post('/api/records/account/merge', { keep, remove, take: ['amount'] }), 'amount');
    expect(await adminGet(t, 'account', remove)).toMatchObject({ _version: 1 });

    const merged = await user.api.post('/api/records/account/merge', { keep, remove });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).not.toHaveProperty('secret');
    expect(await adminGet(t, 'account', keep)).toMatchObject({ notes: 'from the duplicate', secret: null, amount: null });
    expect((await t.admin.get(`/api/records/account/${remove}`)).status).toBe(404);
  });

  it('answers 404 when either record is out of the caller’s reach', async () => {
    await putRole(t, 'own_merger', { account: { operations: ['read', 'update', 'delete'], scope: { read: 'own' } } });
    const user = await addUser(t, { roles: ['own_merger'] });
    const mine = await seed(t, 'account', account('merge-scope', 'Mine'), { owner: user.id });
    const theirs = await seed(t, 'account', account('merge-scope', 'Theirs'));
    expectStatus(await user.api.post('/api/records/account/merge', { keep: mine, remove: theirs }), 404, 'NOT_FOUND');
    expectStatus(await user.api.post('/api/records/account/merge', { keep: theirs, remove: mine }), 404, 'NOT_FOUND');
    expect(await adminGet(t, 'account', theirs)).toMatchObject({ _version: 1 });
    expect(await adminGet(t, 'account', mine)).toMatchObject({ _version: 1 });
  });
});
