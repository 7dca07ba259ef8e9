import { ITEM_FIELDS, type Access, type Filter, type ObjectGrant, type Scope, type SingleScope } from './world-spec.ts';
import type { ItemRow, ListQuery, TagRow, User, World } from './world.ts';

/**
 * The permission rules of docs/permissions.md written out plainly over the in-memory world: no SQL,
 * no closure tables, just walking parent pointers and reading role documents. The test compares
 * every answer of the API with what these functions say it must be.
 */

type ObjectKey = 'item' | 'tag';
type Row = ItemRow | TagRow;
export type Expected<T = never> = { status: number; alsoAllowed?: number[]; body?: T };

/** Timestamps are compared only for being shown (non-null) or not. */
export const SOME_TIMESTAMP = Symbol('some timestamp');
const TIMESTAMP_FIELDS = new Set(['_created_at', '_updated_at']);
const ALWAYS_READABLE = new Set(['id', '_version']);
const RANK: Record<Access, number> = { none: 0, read: 1, write: 2 };

// ---- login, role and operation levels

/** A role without login rules (or a superuser role) lets its holder in from anywhere; `refused` roles only from 10/8. */
function canLogIn(user: User): boolean {
  return user.roles.length === 0 || user.roles.some((r) => r.superuser || r.login !== 'refused');
}

const isSuperuser = (user: User) => user.roles.some((r) => r.superuser);

const grantsOn = (user: User, object: ObjectKey): ObjectGrant[] => user.roles.flatMap((r) => (r[object] ? [r[object]] : []));

const grantsOf = (user: User, object: ObjectKey, op: string) => grantsOn(user, object).filter((g) => g.operations.includes(op));

/** The login, role and operation levels together: 403 on every endpoint of the object when false. */
function mayUse(user: User, object: ObjectKey, op: string): boolean {
  return canLogIn(user) && (isSuperuser(user) || grantsOf(user, object, op).length > 0);
}

// ---- status level

function stateAllows(grant: ObjectGrant, op: string, state: string | null): boolean {
  if (state === null) return true;
  const operations = grant.states?.[state]?.operations;
  return operations === undefined || operations.includes(op);
}

/** The roles that grant `op` for a record in `state` (a role's state map can take the operation away). */
const grantsInState = (user: User, object: ObjectKey, op: string, state: string | null) => grantsOf(user, object, op).filter((g) => stateAllows(g, op, state));

// ---- record scope (department and person levels)

const SCOPE_FALLBACK: Record<string, string> = { export: 'read', approve: 'read', update: 'read', delete: 'update', transfer: 'update', submit: 'update' };

/** The scope a role gives an operation, following the fallback table when it gives none. */
function scopeOf(grant: ObjectGrant, op: string): Scope {
  for (let current = op; ; current = SCOPE_FALLBACK[current] ?? 'update') {
    const given = grant.scope?.[current];
    if (given !== undefined) return given;
    if (current === 'read') return 'all';
  }
}

function departmentAndAncestors(world: World, department: string): string[] {
  const chain: string[] = [];
  for (let d: string | null = department; d !== null; d = world.departments.find((x) => x.id === d)?.parent ?? null) chain.push(d);
  return chain;
}

function ownerAndManagers(world: World, owner: string): string[] {
  const chain: string[] = [];
  for (let u: string | null = owner; u !== null; u = world.users.find((x) => x.id === u)?.manager ?? null) chain.push(u);
  return chain;
}

function singleScopeReaches(world: World, scope: SingleScope, user: User, row: Row): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'own':
      return row._owner === user.id;
    case 'subordinates':
      return row._owner !== null && ownerAndManagers(world, row._owner).includes(user.id);
    case 'department':
      return user.department !== null && row._department === user.department;
    case 'department_tree':
      return user.department !== null && row._department !== null && departmentAndAncestors(world, row._department).includes(user.department);
    default: {
      const variables = { id: user.id, department: user.department, username: user.username };
      return matchesFilter(scope.filter, (path) => (row as unknown as Record<string, unknown>)[path] ?? null, variables);
    }
  }
}

function scopeReaches(world: World, scope: Scope, user: User, row: Row): boolean {
  return (Array.isArray(scope) ? scope : [scope]).some((s) => singleScopeReaches(world, s, user, row));
}

/** Read and write shares widen read and export; write shares widen update; nothing widens delete or transfer. */
function sharedWith(world: World, user: User, op: string, record: string): boolean {
  const accesses = op === 'read' || op === 'export' ? ['read', 'write'] : op === 'update' ? ['write'] : [];
  return world.shares.some(
    (s) => s.record === record && accesses.includes(s.access) && (s.user === user.id || (s.department !== null && s.department === user.department)),
  );
}

/** `OR over roles R granting op: ((scope_R(op) OR shares(op)) AND stateAllows_R(op))`. */
function ownReach(world: World, user: User, op: string, row: ItemRow): boolean {
  return grantsInState(user, 'item', op, row._state).some((g) => scopeReaches(world, scopeOf(g, op), user, row) || sharedWith(world, user, op, row.id));
}

/** An operation on an existing record reaches it only when its own reach and the read reach both do. */
export function reaches(world: World, user: User, op: string, row: ItemRow): boolean {
  if (!canLogIn(user)) return false;
  if (isSuperuser(user)) return true;
  return ownReach(world, user, op, row) && (op === 'read' || ownReach(world, user, 'read', row));
}

function tagReadable(world: World, user: User, tag: TagRow): boolean {
  if (isSuperuser(user)) return true;
  return grantsOf(user, 'tag', 'read').some((g) => scopeReaches(world, scopeOf(g, 'read'), user, tag));
}

// ---- field level

function roleAccess(grant: ObjectGrant, field: string, state: string | null): Access {
  const base = grant.fields?.[field] ?? grant.fields?.['*'] ?? 'write';
  const stateFields = state === null ? undefined : grant.states?.[state]?.fields;
  const cap = stateFields?.[field] ?? stateFields?.['*'];
  return cap !== undefined && RANK[cap] < RANK[base] ? cap : base;
}

/**
 * The most generous access among the roles granting `op` in `state`; `state` null gives the widest
 * access. A role whose state map drops `op` does not grant it for that record ("the role's operations
 * for that record become those listed"; "only the roles that grant op take part in the levels below"),
 * so its field map does not count there.
 */
function fieldAccess(user: User, object: ObjectKey, op: string, field: string, state: string | null): Access {
  if (ALWAYS_READABLE.has(field)) return 'read';
  if (isSuperuser(user)) return 'write';
  let best: Access = 'none';
  for (const grant of grantsInState(user, object, op, state)) {
    const access = roleAccess(grant, field, state);
    if (RANK[access] > RANK[best]) best = access;
  }
  return best;
}

/** The fields in answers for `op`: those not `none` in every state (caps only lower, so the stateless case decides). */
function shownFields(user: User, op: string): string[] {
  return ITEM_FIELDS.filter((f) => fieldAccess(user, 'item', op, f, null) !== 'none');
}

/** The record as `op` shows it: fields hidden in the record's state are null. */
export function maskedRow(user: User, op: string, row: ItemRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of shownFields(user, op)) {
    const hidden = fieldAccess(user, 'item', op, field, row._state) === 'none';
    if (hidden) out[field] = null;
    else if (TIMESTAMP_FIELDS.has(field)) out[field] = SOME_TIMESTAMP;
    else out[field] = (row as unknown as Record<string, unknown>)[field];
  }
  return out;
}

/** A field, `tag.label` (the target object and field must be readable) or `_owner.<field>` (users are not restricted). */
function pathVisible(user: User, path: string): boolean {
  const [first, rest] = path.split('.', 2);
  if (!shownFields(user, 'read').includes(first)) return false;
  if (first === 'tag' && rest !== undefined) return mayUse(user, 'tag', 'read') && fieldAccess(user, 'tag', 'read', rest, null) !== 'none';
  return true;
}

/** A path's value for a request filter: masked fields are null, and so is a lookup to a tag outside the caller's read scope. */
function requestValue(world: World, user: User, masked: Record<string, unknown>, path: string): unknown {
  const [first, rest] = path.split('.', 2);
  const value = masked[first] ?? null;
  if (rest === undefined || value === null) return value;
  if (first === 'tag') {
    const tag = world.tags.find((x) => x.id === value);
    return tag && tagReadable(world, user, tag) ? (tag as unknown as Record<string, unknown>)[rest] : null;
  }
  const owner = world.users.find((u) => u.id === value);
  return owner ? (owner as unknown as Record<string, unknown>)[rest] ?? null : null;
}

// ---- the filter language (the part the worlds use)

const same = (a: unknown, b: unknown) => String(a) === String(b);

function operand(value: unknown, variables: Record<string, string | null> | undefined): { value: unknown; fromVariable: boolean } {
  if (variables && typeof value === 'string' && value.startsWith('$user.')) return { value: variables[value.slice(6)] ?? null, fromVariable: true };
  return { value, fromVariable: false };
}

/** One condition; a null `$user` variable equals nothing, and an unknown (null) value matches no comparison. */
function matchesCondition(actual: unknown, op: string, raw: unknown, variables: Record<string, string | null> | undefined): boolean {
  const { value, fromVariable } = operand(raw, variables);
  switch (op) {
    case '$eq':
      if (value === null) return !fromVariable && actual === null;
      return actual !== null && same(actual, value);
    case '$ne':
      if (value === null) return fromVariable || actual !== null;
      return actual === null || !same(actual, value);
    case '$in':
      return actual !== null && (raw as unknown[]).some((v) => same(actual, v));
    case '$gt':
      return actual !== null && Number(actual) > Number(value);
    case '$null':
      return raw ? actual === null : actual !== null;
    case '$startsWith':
      return actual !== null && String(actual).toLowerCase().startsWith(String(value).toLowerCase());
    default:
      throw new Error(`the oracle does not know ${op}`);
  }
}

function matchesFilter(filter: Filter, valueOf: (path: string) => unknown, variables?: Record<string, string | null>): boolean {
  return Object.entries(filter).every(([key, value]) => {
    if (key === '$and') return (value as Filter[]).every((f) => matchesFilter(f, valueOf, variables));
    if (key === '$or') return (value as Filter[]).some((f) => matchesFilter(f, valueOf, variables));
    if (key === '$not') return !matchesFilter(value as Filter, valueOf, variables);
    const conditions = typeof value === 'object' && value !== null ? Object.entries(value) : [['$eq', value]];
    return conditions.every(([op, operandValue]) => matchesCondition(valueOf(key), op as string, operandValue, variables));
  });
}

function filterPaths(filter: Filter): string[] {
  return Object.entries(filter).flatMap(([key, value]) => {
    if (key === '$and' || key === '$or') return (value as Filter[]).flatMap(filterPaths);
    if (key === '$not') return filterPaths(value as Filter);
    return [key];
  });
}

// ---- answers

const sortPath = (sort: string) => sort.replace(/^-/, '');

/** GET /api/records/<item>?limit=500&count=true plus the query's filter, sort and fields. */
export function expectedList(world: World, user: User, query: ListQuery): Expected<Record<string, unknown>[]> {
  if (!mayUse(user, 'item', 'read')) return { status: 403 };
  const named = [...(query.filter ? filterPaths(query.filter) : []), ...(query.sort ? [sortPath(query.sort)] : []), ...(query.fields ?? [])];
  if (!named.every((path) => pathVisible(user, path))) return { status: 403 };
  const rows = [...world.items.values()]
    .filter((row) => reaches(world, user, 'read', row))
    .map((row) => maskedRow(user, 'read', row))
    .filter((masked) => !query.filter || matchesFilter(query.filter, (path) => requestValue(world, user, masked, path)));
  const projected = query.fields ? rows.map((r) => pick(r, ['id', '_version', ...query.fields!])) : rows;
  return { status: 200, body: projected };
}

const pick = (row: Record<string, unknown>, fields: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => fields.includes(k)));

export function expectedGet(world: World, user: User, id: string): Expected<Record<string, unknown>> {
  if (!mayUse(user, 'item', 'read')) return { status: 403 };
  const row = world.items.get(id);
  if (!row || !reaches(world, user, 'read', row)) return { status: 404 };
  return { status: 200, body: maskedRow(user, 'read', row) };
}

/**
 * PATCH of one field. Out of the read scope is 404; but when the field is not writable in any state,
 * 403 for the field would not reveal the record either, so the doc leaves the order open and both pass.
 */
export function expectedPatch(world: World, user: User, id: string, field: string, value: unknown): Expected {
  if (!mayUse(user, 'item', 'update')) return { status: 403 };
  const row = world.items.get(id);
  const neverWritable = fieldAccess(user, 'item', 'update', field, null) !== 'write';
  if (!row || !reaches(world, user, 'read', row)) return neverWritable ? { status: 404, alsoAllowed: [403] } : { status: 404 };
  if (!reaches(world, user, 'update', row)) return { status: 403 };
  if (fieldAccess(user, 'item', 'update', field, row._state) !== 'write') return { status: 403 };
  // The changed record must still be inside the update reach (like row-level security's WITH CHECK).
  if (!reaches(world, user, 'update', { ...row, [field]: value })) return { status: 403 };
  return { status: 200 };
}

export function expectedDelete(world: World, user: User, id: string): Expected {
  if (!mayUse(user, 'item', 'delete')) return { status: 403 };
  const row = world.items.get(id);
  if (!row || !reaches(world, user, 'read', row)) return { status: 404 };
  if (!reaches(world, user, 'delete', row)) return { status: 403 };
  return { status: 204 };
}

/** GET …/:id/shares needs the record readable; the answer lists the record's shares. */
export function expectedShares(world: World, user: User, id: string): Expected<number> {
  const got = expectedGet(world, user, id);
  return got.status === 200 ? { status: 200, body: world.shares.filter((s) => s.record === id).length } : { status: got.status };
}

/** Export: the `export` operation's scope and its shown fields. */
export function expectedExport(world: World, user: User): Expected<{ columns: string[]; rows: Record<string, unknown>[] }> {
  if (!mayUse(user, 'item', 'export')) return { status: 403 };
  const rows = [...world.items.values()].filter((row) => reaches(world, user, 'export', row)).map((row) => maskedRow(user, 'export', row));
  return { status: 200, body: { columns: shownFields(user, 'export'), rows } };
}
