import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { addDepartment, addUser, expectStatus, putRole, seed, type Person } from './permission-helpers.ts';

// docs/permissions.md, "Explain": GET /api/permissions/explain.

const LEVELS = ['login', 'role', 'operation', 'department', 'person', 'field', 'status'];

interface Level { level: string; allowed: boolean; reason: string }
interface Explanation { allowed: boolean; user: { id: string; username: string }; object: string; operation: string; levels: Level[]; id?: string; field?: string }

let t: TestApp;
let east: string, west: string;
let li: Person, wang: Person, zhao: Person;
const rec: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.admin.put('/api/meta/objects/account', {
    titleField: 'name',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'secret', type: 'text' },
      { name: 'amount', type: 'number' },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect((await t.admin.put('/api/meta/objects/memo', { fields: [{ name: 'title', type: 'text' }] })).status).toBe(201);
  east = await addDepartment(t, 'East');
  west = await addDepartment(t, 'West');
  await putRole(t, 'sales_rep', {
    account: {
      operations: ['read', 'update'],
      scope: { read: 'own' },
      fields: { secret: 'none', amount: 'read' },
      states: { approved: { operations: ['read'] } },
    },
  });
  await putRole(t, 'east_reader', { account: { operations: ['read'], scope: { read: 'department' } } });
  await putRole(t, 'memo_keeper', { memo: { operations: ['read'] } });
  li = await addUser(t, { roles: ['sales_rep'], department: east, username: 'li' });
  wang = await addUser(t, { roles: ['sales_rep', 'east_reader'], department: east, username: 'wang' });
  zhao = await addUser(t, { roles: ['memo_keeper'], department: east, username: 'zhao' });
  rec.liOwn = await seed(t, 'account', { name: 'Li’s own', secret: 's', amount: 1 });
  await t.tessera.db('records.account').where({ id: rec.liOwn }).update({ _owner: li.id, _department: west });
  rec.east = await seed(t, 'account', { name: 'East account' });
  await t.tessera.db('records.account').where({ id: rec.east }).update({ _department: east });
  rec.west = await seed(t, 'account', { name: 'West account' });
  await t.tessera.db('records.account').where({ id: rec.west }).update({ _department: west });
  rec.approved = await seed(t, 'account', { name: 'Li’s approved' });
  await t.tessera.db('records.account').where({ id: rec.approved }).update({ _owner: li.id, _department: west, _state: 'approved' });
});
afterAll(() => t?.close());

/** Asks explain; checks the invariants every answer keeps (seven levels in order, allowed = their AND). */
async function explain(api: ApiClient, params: Record<string, string>): Promise<Explanation> {
  const res = await api.get(`/api/permissions/explain?${new URLSearchParams(params)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const body = res.body as Explanation;
  // The order itself has its own test below; here every level must be there exactly once.
  expect(body.levels.map((l) => l.level).sort()).toEqual([...LEVELS].sort());
  for (const level of body.levels) {
    expect(typeof level.allowed).toBe('boolean');
    expect(typeof level.reason).toBe('string');
    expect(level.reason.length).toBeGreaterThan(0);
  }
  expect(body.allowed).toBe(body.levels.every((l) => l.allowed));
  return body;
}

const level = (e: Explanation, name: string) => e.levels.find((l) => l.level === name)!;

describe('explain: the seven levels', () => {
  it('always lists the levels in the documented order: login, role, operation, department, person, field, status', async () => {
    const questions: Record<string, string>[] = [
      { user: 'li', object: 'account', operation: 'read', id: rec.liOwn },
      { user: 'zhao', object: 'account', operation: 'update' },
      { user: 'admin', object: 'memo', operation: 'delete' },
    ];
    for (const params of questions) {
      const res = await t.admin.get(`/api/permissions/explain?${new URLSearchParams(params)}`);
      expect(res.status).toBe(200);
      expect(res.body.levels.map((l: Level) => l.level)).toEqual(LEVELS);
    }
  });

  it('answers all seven levels, echoing the question, allowed when every level allows', async () => {
    const e = await explain(t.admin, { user: 'li', object: 'account', operation: 'read', id: rec.liOwn });
    expect(e).toMatchObject({ allowed: true, user: { id: li.id, username: 'li' }, object: 'account', operation: 'read', id: rec.liOwn });
    expect(e.levels.every((l) => l.allowed)).toBe(true);
    expect(level(e, 'role').reason).toContain('sales_rep');
    expect(level(e, 'operation').reason).toContain('sales_rep');
  });

  it('is refused as soon as one level refuses', async () => {
    const e = await explain(t.admin, { user: li.id, object: 'account', operation: 'update', id: rec.liOwn, field: 'amount' });
    expect(e.allowed).toBe(false);
    expect(e.field).toBe('amount');
    expect(level(e, 'field').allowed).toBe(false);
    expect(e.levels.filter((l) => !l.allowed).map((l) => l.level)).toEqual(['field']);
  });

  it('role level: refused when no role reaches the object', async () => {
    const e = await explain(t.admin, { user: 'zhao', object: 'account', operation: 'read' });
    expect(e.allowed).toBe(false);
    expect(level(e, 'role').allowed).toBe(false);
    expect(level(e, 'login').allowed).toBe(true);
    const memo = await explain(t.admin, { user: 'zhao', object: 'memo', operation: 'read' });
    expect(level(memo, 'role')).toMatchObject({ allowed: true });
    expect(level(memo, 'role').reason).toContain('memo_keeper');
  });

  it('operation level: refused when no reaching role grants the operation', async () => {
    const e = await explain(t.admin, { user: 'li', object: 'account', operation: 'delete', id: rec.liOwn });
    expect(e.allowed).toBe(false);
    expect(level(e, 'role').allowed).toBe(true);
    expect(level(e, 'operation').allowed).toBe(false);
    expect(level(e, 'operation').reason).toContain('delete');
  });

  it('department and person: one union; the part that reaches names the role and scope, the other is “not needed”', async () => {
    const viaOwn = await explain(t.admin, { user: 'li', object: 'account', operation: 'read', id: rec.liOwn });
    expect(level(viaOwn, 'person')).toMatchObject({ allowed: true });
    expect(level(viaOwn, 'person').reason).toContain('own');
    expect(level(viaOwn, 'person').reason).toContain('sales_rep');
    expect(level(viaOwn, 'department')).toMatchObject({ allowed: true });
    expect(level(viaOwn, 'department').reason).toContain('not needed');

    const viaDepartment = await explain(t.admin, { user: 'wang', object: 'account', operation: 'read', id: rec.east });
    expect(viaDepartment.allowed).toBe(true);
    expect(level(viaDepartment, 'department').reason).toContain('east_reader');
    expect(level(viaDepartment, 'department').reason).toContain('department');
    expect(level(viaDepartment, 'person')).toMatchObject({ allowed: true });
    expect(level(viaDepartment, 'person').reason).toContain('not needed');
  });

  it('department and person are both refused when neither reaches the record', async () => {
    const e = await explain(t.admin, { user: 'wang', object: 'account', operation: 'read', id: rec.west });
    expect(e.allowed).toBe(false);
    expect(level(e, 'department').allowed).toBe(false);
    expect(level(e, 'person').allowed).toBe(false);
    expect(level(e, 'person').reason).toContain('own');
    expect(level(e, 'department').reason).toContain('east_reader');
    // A write outside the read scope is refused the same way.
    const update = await explain(t.admin, { user: 'li', object: 'account', operation: 'update', id: rec.west });
    expect(level(update, 'person').allowed).toBe(false);
    expect(update.allowed).toBe(false);
  });

  it('field level: names the field, its access and the role; allowed and saying so without a field', async () => {
    const hidden = await explain(t.admin, { user: 'li', object: 'account', operation: 'read', id: rec.liOwn, field: 'secret' });
    expect(hidden.allowed).toBe(false);
    expect(level(hidden, 'field').allowed).toBe(false);
    expect(level(hidden, 'field').reason).toMatch(/secret.*none|none.*secret/);
    expect(level(hidden, 'field').reason).toContain('sales_rep');
    const readable = await explain(t.admin, { user: 'li', object: 'account', operation: 'read', id: rec.liOwn, field: 'amount' });
    expect(level(readable, 'field').allowed).toBe(true);
    const notWritable = await explain(t.admin, { user: 'li', object: 'account', operation: 'update', id: rec.liOwn, field: 'amount' });
    expect(level(notWritable, 'field').reason).toMatch(/amount.*read|read.*amount/);
    const noField = await explain(t.admin, { user: 'li', object: 'account', operation: 'update', id: rec.liOwn });
    expect(level(noField, 'field').allowed).toBe(true);
    expect(noField.allowed).toBe(true);
  });

  it('status level: refuses an operation the record’s state does not allow', async () => {
    const update = await explain(t.admin, { user: 'li', object: 'account', operation: 'update', id: rec.approved });
    expect(update.allowed).toBe(false);
    expect(level(update, 'status').allowed).toBe(false);
    expect(level(update, 'status').reason).toContain('approved');
    const read = await explain(t.admin, { user: 'li', object: 'account', operation: 'read', id: rec.approved });
    expect(read.allowed).toBe(true);
    expect(level(read, 'status').allowed).toBe(true);
  });

  it('without an id, department and person describe the scope', async () => {
    const e = await explain(t.admin, { user: 'wang', object: 'account', operation: 'read' });
    const scopes = `${level(e, 'department').reason} ${level(e, 'person').reason}`;
    expect(scopes).toContain('own');
    expect(scopes).toContain('department');
    expect(scopes).toContain('sales_rep');
    expect(scopes).toContain('east_reader');
  });

  it('login level: refused for a deactivated user', async () => {
    const leaver = await addUser(t, { roles: ['sales_rep'] });
    expect((await t.admin.delete(`/api/admin/users/${leaver.id}`)).status).toBe(204);
    const e = await explain(t.admin, { user: leaver.username, object: 'account', operation: 'read' });
    expect(level(e, 'login').allowed).toBe(false);
    expect(e.allowed).toBe(false);
  });

  it('shows the superuser bypass on every level', async () => {
    const e = await explain(t.admin, { user: 'admin', object: 'account', operation: 'delete', id: rec.west, field: 'secret' });
    expect(e.allowed).toBe(true);
    const bypass = { allowed: true, reason: "superuser role 'admin' bypasses this level" };
    for (const l of e.levels.filter((x) => x.level !== 'login')) expect(l).toEqual({ level: l.level, ...bypass });
    // The documented wording holds for every level, login included.
    expect(level(e, 'login')).toEqual({ level: 'login', ...bypass });
  });
});

describe('explain: who may ask', () => {
  it('lets a user ask about themselves, by username or id', async () => {
    const byName = await explain(li.api, { user: 'li', object: 'account', operation: 'read', id: rec.liOwn });
    expect(byName.allowed).toBe(true);
    const byId = await explain(li.api, { user: li.id, object: 'account', operation: 'update', id: rec.approved });
    expect(byId.allowed).toBe(false);
    expect(level(byId, 'status').allowed).toBe(false);
    const aboutField = await explain(li.api, { user: 'li', object: 'account', operation: 'read', field: 'secret' });
    expect(level(aboutField, 'field').allowed).toBe(false);
    // Even about an object none of their roles reaches.
    expect((await explain(zhao.api, { user: 'zhao', object: 'account', operation: 'read' })).allowed).toBe(false);
  });

  it('refuses a non-superuser asking about somebody else with 403', async () => {
    expectStatus(await li.api.get('/api/permissions/explain?user=wang&object=account&operation=read'), 403, 'FORBIDDEN');
    expectStatus(await li.api.get(`/api/permissions/explain?user=${wang.id}&object=account&operation=read`), 403, 'FORBIDDEN');
    expectStatus(await wang.api.get('/api/permissions/explain?user=admin&object=account&operation=read'), 403, 'FORBIDDEN');
    expect((await t.client().get('/api/permissions/explain?user=li&object=account&operation=read')).status).toBe(401);
  });

  it('answers 404 for an unknown user, object or record, and 400 for an unknown field or a bad operation', async () => {
    const ask = (params: Record<string, string>) => t.admin.get(`/api/permissions/explain?${new URLSearchParams(params)}`);
    expectStatus(await ask({ user: 'nobody_here', object: 'account', operation: 'read' }), 404, 'NOT_FOUND');
    expectStatus(await ask({ user: '987654321', object: 'account', operation: 'read' }), 404, 'NOT_FOUND');
    expectStatus(await ask({ user: 'li', object: 'nothing', operation: 'read' }), 404, 'NOT_FOUND');
    expectStatus(await ask({ user: 'li', object: 'account', operation: 'read', id: '987654321' }), 404, 'NOT_FOUND');
    expect((await ask({ user: 'li', object: 'account', operation: 'read', field: 'nope' })).status).toBe(400);
    expect((await ask({ user: 'li', object: 'account', operation: 'Not an operation!' })).status).toBe(400);
  });
});
