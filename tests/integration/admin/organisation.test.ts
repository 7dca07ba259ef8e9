import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as organisationClosureUp } from '../../../migrations/20261122_002_organisation_closure.ts';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let api: ApiClient;
beforeAll(async () => {
  t = await startTestApp();
  api = t.admin;
});
afterAll(() => t?.close());

const PASSWORD = 'Correct-horse-7';
let serial = 0;
const unique = (prefix: string) => `${prefix}_${++serial}`;

async function department(name: string, parent: string | null = null): Promise<string> {
  const res = await api.post('/api/admin/departments', { name, parent });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function user(fields: Record<string, unknown> = {}): Promise<{ id: string; username: string }> {
  const username = unique('user');
  const res = await api.post('/api/admin/users', { username, password: PASSWORD, name: `Name of ${username}`, ...fields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, username };
}

const paths = (res: { body: any }) => res.body.error.details.map((d: { path: string }) => d.path);

describe('departments', () => {
  it('creates a tree, moves a subtree and lists users of a department and its sub-departments', async () => {
    const north = await department('North');
    const sales = await department('Sales', north);
    const team = await department('Team', sales);
    const south = await department('South');

    const one = await api.get(`/api/admin/departments/${team}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: team, name: 'Team', parent: sales, head: null, depth: 2, ancestors: [north, sales], children: [] });
    expect((await api.get(`/api/admin/departments/${north}`)).body).toMatchObject({ ancestors: [], children: [sales], depth: 0 });

    const inSales = await user({ department: sales });
    const inTeam = await user({ department: team });
    const byDepartment = async (id: string, sub: boolean) => {
      const res = await api.get(`/api/admin/users?department=${id}${sub ? '&includeSubdepartments=true' : ''}`);
      expect(res.status).toBe(200);
      return res.body.data.map((u: { id: string }) => u.id).sort();
    };
    expect(await byDepartment(north, true)).toEqual([inSales.id, inTeam.id].sort());
    expect(await byDepartment(sales, false)).toEqual([inSales.id]);

    const moved = await api.patch(`/api/admin/departments/${sales}`, { parent: south });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parent: south, ancestors: [south], depth: 1 });
    expect((await api.get(`/api/admin/departments/${team}`)).body).toMatchObject({ ancestors: [south, sales], depth: 2 });
    expect(await byDepartment(north, true)).toEqual([]);
    expect(await byDepartment(south, true)).toEqual([inSales.id, inTeam.id].sort());
    expect(await byDepartment(south, false)).toEqual([]);

    const list = await api.get('/api/admin/departments');
    expect(list.status).toBe(200);
    const order = list.body.data.map((d: { id: string }) => d.id);
    for (const d of list.body.data) if (d.parent) expect(order.indexOf(d.parent)).toBeLessThan(order.indexOf(d.id));
    expect(list.body.data.find((d: { id: string }) => d.id === team)).toMatchObject({ parent: sales, depth: 2 });
  });

  it('refuses to make a department its own descendant and changes nothing', async () => {
    const top = await department('Top');
    const middle = await department('Middle', top);
    const bottom = await department('Bottom', middle);
    const cycle = await api.patch(`/api/admin/departments/${top}`, { parent: bottom, name: 'Renamed' });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(cycle)).toEqual(['/parent']);
    const self = await api.patch(`/api/admin/departments/${middle}`, { parent: middle });
    expect(self.status).toBe(422);
    expect((await api.get(`/api/admin/departments/${top}`)).body).toMatchObject({ name: 'Top', parent: null, children: [middle] });
    expect((await api.get(`/api/admin/departments/${bottom}`)).body.ancestors).toEqual([top, middle]);
  });

  it('validates the body and the references', async () => {
    const missing = await api.post('/api/admin/departments', { parent: 'x', colour: 'red' });
    expect(missing.status).toBe(422);
    expect(paths(missing).sort()).toEqual(['/colour', '/name', '/parent']);
    const unknown = await api.post('/api/admin/departments', { name: 'Ghosts', parent: '999999', head: '999999' });
    expect(unknown.status).toBe(422);
    expect(paths(unknown).sort()).toEqual(['/head', '/parent']);
    const head = await user();
    const led = await api.post('/api/admin/departments', { name: 'Led', head: head.id });
    expect(led.status).toBe(201);
    expect(led.body).toMatchObject({ head: head.id, parent: null });
    expect((await api.get('/api/admin/departments/abc')).status).toBe(404);
    expect((await api.get('/api/admin/departments/999999')).status).toBe(404);
  });

  it('refuses to delete a department with sub-departments or users', async () => {
    const parent = await department('Parent');
    const child = await department('Child', parent);
    const withChild = await api.delete(`/api/admin/departments/${parent}`);
    expect(withChild.status).toBe(409);
    expect(withChild.body.error.code).toBe('CONFLICT');
    const member = await user({ department: child });
    expect((await api.delete(`/api/admin/departments/${child}`)).status).toBe(409);
    expect((await api.patch(`/api/admin/users/${member.id}`, { department: null })).status).toBe(200);
    expect((await api.delete(`/api/admin/departments/${child}`)).status).toBe(204);
    expect((await api.get(`/api/admin/departments/${child}`)).status).toBe(404);
    expect((await api.get(`/api/admin/departments/${parent}`)).body.children).toEqual([]);
    const rows = await t.tessera.db('department_tree').where('descendant', child).orWhere('ancestor', child);
    expect(rows).toEqual([]);
  });
});

describe('users', () => {
  it('refuses to deactivate or demote the last active administrator', async () => {
    const admin = (await api.get('/api/admin/users?q=admin')).body.data.find((u: { username: string }) => u.username === 'admin');
    const deactivate = await api.delete(`/api/admin/users/${admin.id}`);
    expect(deactivate.status).toBe(409);
    expect((await api.patch(`/api/admin/users/${admin.id}`, { roles: [] })).status).toBe(409);
    expect((await api.patch(`/api/admin/users/${admin.id}`, { active: false })).status).toBe(409);
    expect((await api.get(`/api/admin/users/${admin.id}`)).body).toMatchObject({ active: true, roles: ['admin'] });
  });

  it('creates, reads, lists, changes and deactivates a user without ever returning the password', async () => {
    const dept = await department('Support');
    const created = await api.post('/api/admin/users', {
      username: 'li.wei', password: PASSWORD, name: 'Li Wei', email: 'li.wei@example.com', department: dept, roles: ['admin'], language: 'zh-CN',
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['account', 'active', 'createdAt', 'department', 'email', 'id', 'kind', 'language', 'manager', 'name', 'roles', 'username']);
    expect(created.body).toMatchObject({ username: 'li.wei', name: 'Li Wei', department: dept, manager: null, roles: ['admin'], active: true, language: 'zh-CN', kind: 'staff', account: null });
    expect(created.body.id).toMatch(/^\d+$/);
    expect(JSON.stringify(created.body)).not.toContain('argon2');

    const changed = await api.patch(`/api/admin/users/${created.body.id}`, { name: 'Wei Li', email: null, language: 'en', roles: [] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Wei Li', email: null, language: 'en', roles: [] });
    expect((await api.get(`/api/admin/users/${created.body.id}`)).body).toEqual(changed.body);

    const search = await api.get('/api/admin/users?q=WEI%20L');
    expect(search.body.data.map((u: { id: string }) => u.id)).toEqual([created.body.id]);
    expect((await api.get('/api/admin/users?q=%25')).body.data).toEqual([]);

    const page = await api.get('/api/admin/users?limit=1');
    expect(page.body.data).toHaveLength(1);
    const next = await api.get(`/api/admin/users?limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body.data[0].id).not.toBe(page.body.data[0].id);
    expect((await api.get('/api/admin/users?limit=0')).status).toBe(400);

    const newPassword = 'Another-secret-9';
    expect((await api.patch(`/api/admin/users/${created.body.id}`, { password: newPassword })).status).toBe(200);
    await t.login('li.wei', newPassword);

    expect((await api.delete(`/api/admin/users/${created.body.id}`)).status).toBe(204);
    expect((await api.get(`/api/admin/users/${created.body.id}`)).body.active).toBe(false);
    expect((await api.get('/api/admin/users?active=false')).body.data.map((u: { id: string }) => u.id)).toContain(created.body.id);
    const login = await t.client().post('/api/auth/login', { username: 'li.wei', password: newPassword });
    expect(login.status).toBe(403);
  });

  it('enforces the password policy with a clear 422', async () => {
    const cases: [string, string][] = [
      ['Sh0rt!', 'at least 10'],
      ['alllowercaseletters', 'at least 3'],
      ['lowercase-only-with-dash', 'at least 3'],
    ];
    for (const [password, message] of cases) {
      const res = await api.post('/api/admin/users', { username: unique('weak'), password, name: 'Weak' });
      expect(res.status, password).toBe(422);
      expect(paths(res)[0]).toBe('/password');
      expect(JSON.stringify(res.body.error)).toContain(message);
    }
    const sameAsName = await api.post('/api/admin/users', { username: 'Zhang.San-2024', password: 'zhang.san-2024', name: 'Zhang' });
    expect(sameAsName.status).toBe(422);
    expect(sameAsName.body.error.details.map((d: { message: string }) => d.message)).toContain('must not be the username');
    const created = await user();
    expect((await api.patch(`/api/admin/users/${created.id}`, { password: 'short' })).status).toBe(422);
    expect(Number((await t.tessera.db('users').where('username', 'like', 'weak%').count({ n: '*' }))[0].n)).toBe(0);
  });

  it('keeps usernames unique and roles known', async () => {
    const first = await user();
    const again = await api.post('/api/admin/users', { username: first.username, password: PASSWORD, name: 'Again' });
    expect(again.status).toBe(409);
    expect(paths(again)).toEqual(['/username']);
    const other = await user();
    expect((await api.patch(`/api/admin/users/${other.id}`, { username: first.username })).status).toBe(409);

    const roles = await api.post('/api/admin/users', { username: unique('roles'), password: PASSWORD, name: 'Roles', roles: ['admin', 'sales_ghost'] });
    expect(roles.status).toBe(422);
    expect(roles.body.error.message).toContain('sales_ghost');
    expect(roles.body.error.details).toEqual([{ path: '/roles/1', message: "role 'sales_ghost' does not exist" }]);
    const references = await api.patch(`/api/admin/users/${other.id}`, { department: '999999', manager: '999999', active: 'yes' });
    expect(references.status).toBe(422);
    expect(paths(references)).toEqual(['/active']);
    const missing = await api.patch(`/api/admin/users/${other.id}`, { department: '999999', manager: '999999' });
    expect(paths(missing).sort()).toEqual(['/department', '/manager']);
  });

  it('keeps the manager chain free of cycles and resolvable in SQL', async () => {
    const boss = await user();
    const middle = await user({ manager: boss.id });
    const worker = await user({ manager: middle.id });
    const cycle = await api.patch(`/api/admin/users/${boss.id}`, { manager: worker.id });
    expect(cycle.status).toBe(422);
    expect(paths(cycle)).toEqual(['/manager']);
    expect((await api.patch(`/api/admin/users/${middle.id}`, { manager: middle.id })).status).toBe(422);
    const chain = async () =>
      (await t.tessera.db('manager_chain').where('subordinate', worker.id).orderBy('depth').select('manager', 'depth')).map((r) => [String(r.manager), r.depth]);
    expect(await chain()).toEqual([[worker.id, 0], [middle.id, 1], [boss.id, 2]]);
    const other = await user();
    expect((await api.patch(`/api/admin/users/${middle.id}`, { manager: other.id })).body.manager).toBe(other.id);
    expect(await chain()).toEqual([[worker.id, 0], [middle.id, 1], [other.id, 2]]);
    expect((await api.patch(`/api/admin/users/${middle.id}`, { manager: null })).status).toBe(200);
    expect(await chain()).toEqual([[worker.id, 0], [middle.id, 1]]);
  });

  it('revokes the sessions of a deactivated user', async () => {
    const viaDelete = await user();
    const viaPatch = await user();
    const sessionsOf = (id: string) => t.tessera.db('auth_sessions').where('user_id', id).select('revoked_at');
    for (const [target, deactivate] of [
      [viaDelete, () => api.delete(`/api/admin/users/${viaDelete.id}`)],
      [viaPatch, () => api.patch(`/api/admin/users/${viaPatch.id}`, { active: false })],
    ] as const) {
      const client = await t.login(target.username, PASSWORD);
      expect((await client.get('/api/auth/me')).status).toBe(200);
      expect((await sessionsOf(target.id)).every((s) => s.revoked_at === null)).toBe(true);
      expect([200, 204]).toContain((await deactivate()).status);
      const sessions = await sessionsOf(target.id);
      expect(sessions.length).toBeGreaterThan(0);
      expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    }
  });

  it('is for administrators only', async () => {
    const plain = await user();
    const client = await t.login(plain.username, PASSWORD);
    for (const res of [
      await client.get('/api/admin/users'),
      await client.get(`/api/admin/users/${plain.id}`),
      await client.patch(`/api/admin/users/${plain.id}`, { roles: ['admin'] }),
      await client.post('/api/admin/departments', { name: 'Mine' }),
      await client.get('/api/admin/departments'),
      await client.delete(`/api/admin/users/${plain.id}`),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await api.get(`/api/admin/users/${plain.id}`)).body).toMatchObject({ roles: [], active: true });
    expect((await t.client().get('/api/admin/users')).status).toBe(401);
  });
});

describe('department tree closure', () => {
  type Parents = Map<string, string | null>;

  function closureOf(parents: Parents): string[] {
    const rows: string[] = [];
    for (const id of parents.keys()) {
      let depth = 0;
      for (let at: string | null = id; at !== null; at = parents.get(at) ?? null) rows.push(`${at}>${id}@${depth++}`);
    }
    return rows.sort();
  }

  const isUnder = (parents: Parents, node: string, candidate: string) => {
    for (let at: string | null = candidate; at !== null; at = parents.get(at) ?? null) if (at === node) return true;
    return false;
  };

  it('equals the transitive closure of the parent pointers after random creations and moves', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 2, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.option(fc.nat(), { nil: null })), { maxLength: 12 }),
        async (shape, moves) => {
          const parents: Parents = new Map();
          const ids: string[] = [];
          for (const [index, pick] of shape.entries()) {
            const parent = index === 0 || pick % 3 === 0 ? null : ids[pick % ids.length];
            const id = await department(`Node ${index}`, parent);
            ids.push(id);
            parents.set(id, parent);
          }
          for (const [nodePick, parentPick] of moves) {
            const node = ids[nodePick % ids.length];
            const parent = parentPick === null ? null : ids[parentPick % ids.length];
            const res = await api.patch(`/api/admin/departments/${node}`, { parent });
            if (parent !== null && isUnder(parents, node, parent)) {
              expect(res.status).toBe(422);
            } else {
              expect(res.status).toBe(200);
              parents.set(node, parent);
            }
          }
          const rows = await t.tessera.db('department_tree').whereIn('descendant', ids).select('ancestor', 'descendant', 'depth');
          expect(rows.map((r) => `${r.ancestor}>${r.descendant}@${r.depth}`).sort()).toEqual(closureOf(parents));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('is rebuilt from the parent pointers by the migration', async () => {
    const read = async () => ({
      tree: (await t.tessera.db('department_tree').select('ancestor', 'descendant', 'depth')).map((r) => `${r.ancestor}>${r.descendant}@${r.depth}`).sort(),
      chain: (await t.tessera.db('manager_chain').select('manager', 'subordinate', 'depth')).map((r) => `${r.manager}>${r.subordinate}@${r.depth}`).sort(),
    });
    const maintained = await read();
    expect(maintained.tree.length).toBeGreaterThan(10);
    expect(maintained.chain.length).toBeGreaterThan(10);
    await t.tessera.db.transaction(async (trx) => {
      await trx.schema.dropTable('department_tree');
      await trx.schema.dropTable('manager_chain');
      await organisationClosureUp(trx);
    });
    expect(await read()).toEqual(maintained);
  });
});
