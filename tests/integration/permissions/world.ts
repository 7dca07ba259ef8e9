import { expect } from 'vitest';
import { addClosureNode } from '../../../platform/src/organisation/closure-table.ts';
import { managerChain } from '../../../platform/src/organisation/manager-chain.ts';
import type { ApiClient, TestApp } from '../helpers/test-app.ts';
import type { Filter, FilterSpec, LoginRule, ObjectGrant, WorldSpec } from './world-spec.ts';

/** A random world as it exists in the database, with the in-memory copy the oracle reasons about. */

export interface Department {
  id: string;
  parent: string | null;
}

export interface Role {
  name: string;
  superuser: boolean;
  login: LoginRule;
  item: ObjectGrant | null;
  tag: ObjectGrant | null;
}

export interface User {
  id: string;
  username: string;
  department: string | null;
  manager: string | null;
  roles: Role[];
  api: ApiClient;
}

/** An item record's stored values (timestamps left out: only whether they are shown matters). */
export interface ItemRow {
  id: string;
  _version: number;
  _owner: string | null;
  _department: string | null;
  _state: string | null;
  _created_by: string | null;
  title: string | null;
  kind: string | null;
  amount: number | null;
  secret: string | null;
  tag: string | null;
}

export interface TagRow {
  id: string;
  label: string;
  _owner: string | null;
  _department: string | null;
  _state: null;
}

export interface Share {
  record: string;
  user: string | null;
  department: string | null;
  access: 'read' | 'write';
}

export interface ListQuery {
  filter: Filter | null;
  sort: string | null;
  fields: string[] | null;
}

export interface World {
  /** Names this world's objects, roles and users, and its failure reports. */
  label: string;
  item: string;
  tag: string;
  departments: Department[];
  roles: Role[];
  users: User[];
  tags: TagRow[];
  /** Live item records by id; deleted ones move to `removed`. */
  items: Map<string, ItemRow>;
  removed: string[];
  shares: Share[];
  queries: ListQuery[];
}

const at = <T>(list: readonly T[], pick: number): T => list[pick % list.length];
const atOrNull = <T>(list: readonly T[], pick: number | null): T | null => (pick === null || list.length === 0 ? null : at(list, pick));

async function defineObjects(t: TestApp, item: string, tag: string): Promise<void> {
  const tagRes = await t.admin.put(`/api/meta/objects/${tag}`, { titleField: 'label', fields: [{ name: 'label', type: 'text' }] });
  expect(tagRes.status, JSON.stringify(tagRes.body)).toBe(201);
  const itemRes = await t.admin.put(`/api/meta/objects/${item}`, {
    titleField: 'title',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'kind', type: 'enum', options: ['alpha', 'beta', 'gamma'] },
      { name: 'amount', type: 'number' },
      { name: 'secret', type: 'text' },
      { name: 'tag', type: 'lookup', target: tag },
    ],
  });
  expect(itemRes.status, JSON.stringify(itemRes.body)).toBe(201);
}

async function createDepartments(t: TestApp, label: string, parents: (number | null)[]): Promise<Department[]> {
  const departments: Department[] = [];
  for (const [i, parentPick] of parents.entries()) {
    const parent = i === 0 ? null : atOrNull(departments, parentPick)?.id ?? null;
    const res = await t.admin.post('/api/admin/departments', { name: `${label} d${i}`, parent });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    departments.push({ id: String(res.body.id), parent });
  }
  return departments;
}

function roleDocument(role: Role, item: string, tag: string): Record<string, unknown> {
  const objects: Record<string, ObjectGrant> = {};
  if (role.item) objects[item] = role.item;
  if (role.tag) objects[tag] = role.tag;
  const document: Record<string, unknown> = { name: role.name, objects };
  if (role.superuser) document.superuser = true;
  if (role.login === 'loopback') document.login = { allowedCidrs: ['127.0.0.0/8', '::1/128'] };
  if (role.login === 'refused') document.login = { allowedCidrs: ['10.0.0.0/8'] };
  return document;
}

async function createRoles(t: TestApp, spec: WorldSpec, label: string, item: string, tag: string): Promise<Role[]> {
  const roles: Role[] = [];
  for (const [i, r] of spec.roles.entries()) {
    const role: Role = { name: `${label}_r${i}`, superuser: r.superuser, login: r.login, item: r.item, tag: r.tag };
    const res = await t.admin.put(`/api/admin/roles/${role.name}`, roleDocument(role, item, tag));
    expect(res.status, `role ${JSON.stringify(roleDocument(role, item, tag))}: ${JSON.stringify(res.body)}`).toBe(201);
    roles.push(role);
  }
  return roles;
}

/** Users go straight into the table: the API would hash a password for each, which is slow. */
async function createUsers(t: TestApp, spec: WorldSpec, label: string, departments: Department[], roles: Role[]): Promise<User[]> {
  const users: User[] = [];
  await t.tessera.db.transaction(async (trx) => {
    for (const [i, u] of spec.users.entries()) {
      const manager = i === 0 ? null : atOrNull(users.slice(0, i), u.manager)?.id ?? null;
      const department = atOrNull(departments, u.department)?.id ?? null;
      const userRoles = [...new Set(u.roles.map((pick) => at(roles, pick)))];
      const username = `${label}_u${i}`;
      const [row] = await trx('users')
        .insert({ username, password_hash: 'not-a-password-hash', name: username, department, manager, roles: userRoles.map((r) => r.name), active: true })
        .returning('id');
      const id = String(row.id);
      await addClosureNode(managerChain, id, manager, trx);
      users.push({ id, username, department, manager, roles: userRoles, api: t.admin });
    }
  });
  for (const user of users) user.api = t.client((await t.tessera.services.sessions.create(user.id)).token);
  return users;
}

async function createTags(t: TestApp, spec: WorldSpec, tag: string, departments: Department[], users: User[]): Promise<TagRow[]> {
  const rows = spec.tags.map((s) => ({ label: s.label, _owner: atOrNull(users, s.owner)?.id ?? null, _department: atOrNull(departments, s.department)?.id ?? null }));
  const inserted = await t.tessera.db(`records.${tag}`).insert(rows).returning('id');
  return rows.map((row, i) => ({ ...row, id: String(inserted[i].id), _state: null }));
}

async function createItems(t: TestApp, spec: WorldSpec, item: string, departments: Department[], users: User[], tags: TagRow[]): Promise<Map<string, ItemRow>> {
  const rows = spec.records.map((r) => {
    const owner = atOrNull(users, r.owner);
    return {
      title: typeof r.title === 'string' ? r.title : at(users, r.title.usernameOf).username,
      kind: r.kind,
      amount: r.amount,
      secret: r.secret,
      tag: atOrNull(tags, r.tag)?.id ?? null,
      _owner: owner?.id ?? null,
      _department: r.department === 'owner' ? owner?.department ?? null : atOrNull(departments, r.department)?.id ?? null,
      _state: r.state,
      _created_by: r.createdBy === 'owner' ? owner?.id ?? null : atOrNull(users, r.createdBy)?.id ?? null,
    };
  });
  const inserted = await t.tessera.db(`records.${item}`).insert(rows).returning('id');
  return new Map(rows.map((row, i) => [String(inserted[i].id), { ...row, id: String(inserted[i].id), _version: 1 }]));
}

/** Shares are made through the API as the admin; a second share for the same target changes its access (200). */
async function createShares(t: TestApp, spec: WorldSpec, world: World): Promise<void> {
  const ids = [...world.items.keys()];
  for (const s of spec.shares) {
    const record = at(ids, s.record);
    const user = 'user' in s.target ? at(world.users, s.target.user).id : null;
    const department = 'department' in s.target ? at(world.departments, s.target.department).id : null;
    const target = user !== null ? { user } : { department };
    const existing = world.shares.find((x) => x.record === record && x.user === user && x.department === department);
    const res = await t.admin.post(`/api/records/${world.item}/${record}/shares`, { ...target, access: s.access });
    expect(res.status, `share ${JSON.stringify({ record, ...target, access: s.access })}: ${JSON.stringify(res.body)}`).toBe(existing ? 200 : 201);
    if (existing) existing.access = s.access;
    else world.shares.push({ record, user, department, access: s.access });
  }
}

function resolveFilter(spec: FilterSpec, users: User[], departments: Department[]): Filter {
  if ('and' in spec) return { $and: spec.and.map((f) => resolveFilter(f, users, departments)) };
  if ('or' in spec) return { $or: spec.or.map((f) => resolveFilter(f, users, departments)) };
  if ('not' in spec) return { $not: resolveFilter(spec.not, users, departments) };
  const { path, op, value } = spec.condition;
  let resolved = value;
  if (typeof value === 'object' && value !== null) {
    if ('userOf' in value) resolved = at(users, value.userOf as number).id;
    if ('usernameOf' in value) resolved = at(users, value.usernameOf as number).username;
    if ('departmentOf' in value) resolved = at(departments, value.departmentOf as number).id;
  }
  return { [path]: { [op]: resolved } };
}

/** Creates the world in the running app: objects, departments, roles, users with sessions, records and shares. */
export async function buildWorld(t: TestApp, spec: WorldSpec, label: string): Promise<World> {
  const item = `${label}_item`;
  const tag = `${label}_tag`;
  await defineObjects(t, item, tag);
  const departments = await createDepartments(t, label, spec.departments);
  const roles = await createRoles(t, spec, label, item, tag);
  const users = await createUsers(t, spec, label, departments, roles);
  const tags = await createTags(t, spec, tag, departments, users);
  const items = await createItems(t, spec, item, departments, users, tags);
  const queries = spec.queries.map((q) => ({ filter: q.filter ? resolveFilter(q.filter, users, departments) : null, sort: q.sort, fields: q.fields }));
  const world: World = { label, item, tag, departments, roles, users, tags, items, removed: [], shares: [], queries };
  await createShares(t, spec, world);
  return world;
}
