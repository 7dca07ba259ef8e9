import fc from 'fast-check';

/**
 * What a random permission world is made of, before it exists in the database: departments, users,
 * roles, records, shares, and the list queries and writes the test will send. References between
 * them are "picks" (any natural number) that are resolved modulo the list they point into, so fast-check
 * can shrink a world freely without breaking its references.
 */

export const KINDS = ['alpha', 'beta', 'gamma'] as const;
/** States named in role state maps; `archived` is named by no role, so no role restricts it. */
export const NAMED_STATES = ['draft', 'pending', 'approved'] as const;
export const RECORD_STATES = [...NAMED_STATES, 'archived'] as const;
export const TAG_LABELS = ['red', 'green', 'blue'] as const;
export const OPERATIONS = ['read', 'create', 'update', 'delete', 'export', 'transfer'] as const;

/** The item object's fields in the order the API lists them: system fields first. */
export const SYSTEM_FIELDS = ['id', '_version', '_owner', '_department', '_state', '_created_at', '_created_by', '_updated_at'] as const;
export const CUSTOM_FIELDS = ['title', 'kind', 'amount', 'secret', 'tag'] as const;
export const ITEM_FIELDS: readonly string[] = [...SYSTEM_FIELDS, ...CUSTOM_FIELDS];
/** Fields a PATCH may try to change (system fields are never writable, lookups are left alone). */
export const PATCHABLE_FIELDS = ['title', 'kind', 'amount', 'secret'] as const;
export type PatchableField = (typeof PATCHABLE_FIELDS)[number];

export type Access = 'none' | 'read' | 'write';
export type FieldMap = Record<string, Access>;
export type Filter = Record<string, unknown>;
export type SingleScope = 'own' | 'subordinates' | 'department' | 'department_tree' | 'all' | { filter: Filter };
export type Scope = SingleScope | SingleScope[];

export interface StateGrant {
  operations?: string[];
  fields?: FieldMap;
}

/** `objects.<object>` of a role document. */
export interface ObjectGrant {
  operations: string[];
  scope?: Record<string, Scope>;
  fields?: FieldMap;
  states?: Record<string, StateGrant>;
}

/** `refused` roles only admit logins from 10.0.0.0/8, and the tests connect from 127.0.0.1. */
export type LoginRule = 'unrestricted' | 'loopback' | 'refused';

export interface RoleSpec {
  superuser: boolean;
  login: LoginRule;
  item: ObjectGrant | null;
  tag: ObjectGrant | null;
}

export interface UserSpec {
  department: number | null;
  manager: number | null;
  roles: number[];
}

export interface TagSpec {
  label: string;
  owner: number | null;
  department: number | null;
}

export interface RecordSpec {
  /** A title, or the username of a picked user (so `$user.username` scopes reach something). */
  title: string | { usernameOf: number };
  kind: string | null;
  amount: number | null;
  secret: string | null;
  tag: number | null;
  owner: number | null;
  department: number | 'owner' | null;
  state: string | null;
  createdBy: number | 'owner' | null;
}

export interface ShareSpec {
  record: number;
  target: { user: number } | { department: number };
  access: 'read' | 'write';
}

/** One condition of a list filter; `{userOf}` and `{departmentOf}` values are resolved to ids or usernames. */
export interface ConditionSpec {
  path: string;
  op: string;
  value: unknown;
}

export type FilterSpec = { condition: ConditionSpec } | { and: FilterSpec[] } | { or: FilterSpec[] } | { not: FilterSpec };

export interface ListQuerySpec {
  filter: FilterSpec | null;
  sort: string | null;
  fields: string[] | null;
}

export interface WriteSpec {
  user: number;
  record: number;
  action: 'patch' | 'delete';
  field: PatchableField;
  value: number;
}

export interface WorldSpec {
  departments: (number | null)[];
  roles: RoleSpec[];
  users: UserSpec[];
  tags: TagSpec[];
  records: RecordSpec[];
  shares: ShareSpec[];
  queries: ListQuerySpec[];
  writes: WriteSpec[];
}

const pick = fc.nat({ max: 63 });
const access = fc.constantFrom<Access>('none', 'read', 'write');

const filterScope: fc.Arbitrary<{ filter: Filter }> = fc.oneof(
  fc.constantFrom(...KINDS).map((k) => ({ filter: { kind: { $eq: k } } })),
  fc.subarray([...KINDS], { minLength: 1 }).map((ks) => ({ filter: { kind: { $in: ks } } })),
  fc.constant({ filter: { _owner: { $eq: '$user.id' } } }),
  fc.constant({ filter: { _created_by: { $eq: '$user.id' } } }),
  fc.constant({ filter: { _department: { $eq: '$user.department' } } }),
  fc.constant({ filter: { _department: { $ne: '$user.department' } } }),
  fc.constant({ filter: { title: { $eq: '$user.username' } } }),
  fc.integer({ min: 0, max: 100 }).map((n) => ({ filter: { amount: { $gt: n } } })),
  fc.constantFrom(...RECORD_STATES).map((s) => ({ filter: { $or: [{ _state: { $eq: s } }, { _state: { $null: true } }] } })),
);

const singleScope: fc.Arbitrary<SingleScope> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<SingleScope>('own', 'subordinates', 'department', 'department_tree', 'all') },
  { weight: 2, arbitrary: filterScope },
);
const scope: fc.Arbitrary<Scope> = fc.oneof({ weight: 3, arbitrary: singleScope }, { weight: 1, arbitrary: fc.array(singleScope, { minLength: 1, maxLength: 3 }) });

const itemFieldMap: fc.Arbitrary<FieldMap> = fc.record(
  Object.fromEntries([...ITEM_FIELDS, '*'].map((f) => [f, access])) as Record<string, fc.Arbitrary<Access>>,
  { requiredKeys: [] },
) as fc.Arbitrary<FieldMap>;

/** An object grant whose scopes and state operations only name granted operations (the role check demands it). */
function objectGrant(operations: readonly string[], fieldMap: fc.Arbitrary<FieldMap>, scopes: fc.Arbitrary<Scope>, states: readonly string[]): fc.Arbitrary<ObjectGrant> {
  return fc
    .record({
      operations: fc.subarray([...operations]),
      scope: fc.dictionary(fc.constantFrom(...operations), scopes, { maxKeys: 3 }),
      fields: fc.option(fieldMap, { freq: 3 }),
      states: fc.dictionary(
        fc.constantFrom(...(states.length ? states : ['draft'])),
        fc.record({ operations: fc.option(fc.subarray([...operations])), fields: fc.option(fieldMap) }),
        { maxKeys: states.length ? 2 : 0 },
      ),
    })
    .map(({ operations: granted, scope: scopeMap, fields, states: stateMap }) => {
      const grant: ObjectGrant = { operations: granted };
      const scoped = Object.entries(scopeMap).filter(([op]) => granted.includes(op));
      if (scoped.length) grant.scope = Object.fromEntries(scoped);
      if (fields) grant.fields = fields;
      const stateEntries = Object.entries(stateMap).map(([state, s]) => {
        const stateGrant: StateGrant = {};
        if (s.operations) stateGrant.operations = s.operations.filter((op) => granted.includes(op));
        if (s.fields) stateGrant.fields = s.fields;
        return [state, stateGrant] as const;
      });
      if (stateEntries.length) grant.states = Object.fromEntries(stateEntries);
      return grant;
    });
}

const tagScope: fc.Arbitrary<Scope> = fc.oneof(
  fc.constantFrom<SingleScope>('own', 'department', 'all'),
  fc.constantFrom(...TAG_LABELS).map((label) => ({ filter: { label: { $eq: label } } })),
);
const tagFieldMap = fc.record({ label: access }, { requiredKeys: [] }) as fc.Arbitrary<FieldMap>;

// Most roles grant read on items: the interesting answers need someone who can see something.
const itemOperations = fc.tuple(objectGrant(OPERATIONS, itemFieldMap, scope, NAMED_STATES), fc.nat({ max: 9 })).map(([grant, dice]) =>
  dice < 8 && !grant.operations.includes('read') ? { ...grant, operations: ['read', ...grant.operations] } : grant,
);

const role: fc.Arbitrary<RoleSpec> = fc.record({
  superuser: fc.nat({ max: 14 }).map((n) => n === 0),
  login: fc.constantFrom<LoginRule>('unrestricted', 'unrestricted', 'unrestricted', 'loopback', 'refused'),
  item: fc.option(itemOperations, { freq: 8 }),
  tag: fc.option(objectGrant(['read'], tagFieldMap, tagScope, []), { freq: 2 }),
});

const user: fc.Arbitrary<UserSpec> = fc.record({
  department: fc.option(pick, { freq: 4 }),
  manager: fc.option(pick, { freq: 2 }),
  roles: fc.uniqueArray(pick, { maxLength: 3 }),
});

const tag: fc.Arbitrary<TagSpec> = fc.record({ label: fc.constantFrom(...TAG_LABELS), owner: fc.option(pick), department: fc.option(pick) });

const record: fc.Arbitrary<RecordSpec> = fc.record({
  title: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('t1', 'T2', 'x3') }, { weight: 1, arbitrary: pick.map((n) => ({ usernameOf: n })) }),
  kind: fc.option(fc.constantFrom(...KINDS), { freq: 5 }),
  amount: fc.option(fc.integer({ min: 0, max: 100 }), { freq: 5 }),
  secret: fc.option(fc.constantFrom('s0', 's1'), { freq: 5 }),
  tag: fc.option(pick, { freq: 2 }),
  owner: fc.option(pick, { freq: 8 }),
  department: fc.oneof({ weight: 5, arbitrary: fc.constant<'owner'>('owner') }, { weight: 4, arbitrary: pick }, { weight: 1, arbitrary: fc.constant(null) }),
  state: fc.option(fc.constantFrom(...RECORD_STATES), { freq: 2 }),
  createdBy: fc.oneof(fc.constant<'owner'>('owner'), pick, fc.constant(null)),
});

const share: fc.Arbitrary<ShareSpec> = fc.record({
  record: pick,
  target: fc.oneof(fc.record({ user: pick }), fc.record({ department: pick })),
  access: fc.constantFrom<'read' | 'write'>('read', 'write'),
});

const condition: fc.Arbitrary<ConditionSpec> = fc.oneof(
  fc.constantFrom(...KINDS).chain((k) => fc.constantFrom({ path: 'kind', op: '$eq', value: k }, { path: 'kind', op: '$ne', value: k })),
  fc.boolean().map((b) => ({ path: 'kind', op: '$null', value: b })),
  fc.integer({ min: 0, max: 100 }).map((n) => ({ path: 'amount', op: '$gt', value: n })),
  fc.constantFrom('t', 'T2', 'X').map((s) => ({ path: 'title', op: '$startsWith', value: s })),
  fc.constantFrom('s0', 's1').map((s) => ({ path: 'secret', op: '$eq', value: s })),
  fc.constantFrom(...TAG_LABELS).map((l) => ({ path: 'tag.label', op: '$eq', value: l })),
  fc.boolean().map((b) => ({ path: 'tag.label', op: '$null', value: b })),
  fc.constantFrom(...RECORD_STATES).map((s) => ({ path: '_state', op: '$eq', value: s })),
  fc.boolean().map((b) => ({ path: '_department', op: '$null', value: b })),
  pick.map((n) => ({ path: '_department', op: '$eq', value: { departmentOf: n } })),
  pick.map((n) => ({ path: '_owner', op: '$eq', value: { userOf: n } })),
  pick.map((n) => ({ path: '_owner.username', op: '$eq', value: { usernameOf: n } })),
  fc.boolean().map((b) => ({ path: '_owner.department', op: '$null', value: b })),
);

const filter: fc.Arbitrary<FilterSpec> = fc.letrec<{ node: FilterSpec }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 2, depthIdentifier: 'filter' },
    { weight: 4, arbitrary: condition.map((c) => ({ condition: c })) },
    { weight: 1, arbitrary: fc.array(tie('node'), { minLength: 1, maxLength: 2 }).map((and) => ({ and })) },
    { weight: 1, arbitrary: fc.array(tie('node'), { minLength: 1, maxLength: 2 }).map((or) => ({ or })) },
    { weight: 1, arbitrary: tie('node').map((not) => ({ not })) },
  ),
})).node;

const listQuery: fc.Arbitrary<ListQuerySpec> = fc.record({
  filter: fc.option(filter, { freq: 6 }),
  sort: fc.option(fc.constantFrom('title', '-amount', 'kind', '-secret', '_state', 'tag.label', '_owner.username')),
  fields: fc.option(fc.subarray([...ITEM_FIELDS], { minLength: 1, maxLength: 3 })),
});

const write: fc.Arbitrary<WriteSpec> = fc.record({
  user: pick,
  record: pick,
  action: fc.constantFrom<'patch' | 'delete'>('patch', 'patch', 'delete'),
  field: fc.constantFrom(...PATCHABLE_FIELDS),
  value: fc.nat({ max: 99 }),
});

export const worldSpec: fc.Arbitrary<WorldSpec> = fc.record({
  departments: fc.array(fc.option(pick, { freq: 4 }), { minLength: 3, maxLength: 8 }),
  roles: fc.array(role, { minLength: 1, maxLength: 4 }),
  users: fc.array(user, { minLength: 4, maxLength: 8 }),
  tags: fc.array(tag, { minLength: 1, maxLength: 4 }),
  records: fc.array(record, { minLength: 10, maxLength: 30 }),
  shares: fc.array(share, { maxLength: 8 }),
  queries: fc.array(listQuery, { minLength: 2, maxLength: 4 }),
  writes: fc.array(write, { minLength: 4, maxLength: 12 }),
});
