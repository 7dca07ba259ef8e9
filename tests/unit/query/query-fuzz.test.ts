import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/src/core/errors.ts';
import { compileFilter } from '../../../platform/src/query/compile-filter.ts';
import { decodeCursor, encodeCursor, keysetCondition } from '../../../platform/src/query/keyset-cursor.ts';
import { orderBySql, parseSort } from '../../../platform/src/query/parse-sort.ts';
import type { SqlFragment } from '../../../platform/src/query/sql-fragment.ts';
import { DB_START_TIMEOUT, databaseFor, insert, objectDef, scopeOf, selectIds, snapshotOf } from './query-fixtures.ts';

const snapshot = snapshotOf(
  objectDef('account', [
    { name: 'name', type: 'text' },
    { name: 'industry', type: 'enum', options: ['tobacco', 'telecom'] },
    { name: 'amount', type: 'currency' },
    { name: 'employees', type: 'integer' },
    { name: 'active', type: 'boolean' },
    { name: 'founded', type: 'date' },
    { name: 'seen', type: 'datetime' },
    { name: 'tags', type: 'multienum', options: ['a', 'b'] },
    { name: 'data', type: 'json' },
    { name: 'parent', type: 'lookup', target: 'account' },
    { name: 'big', type: 'formula', returns: 'boolean', expression: { $gt: [{ $field: 'amount' }, 100] } },
    { name: 'age', type: 'formula', returns: 'integer', expression: { $dateDiff: { unit: 'year', start: { $field: 'founded' }, end: { $today: [] } } } },
    { name: 'label', type: 'formula', returns: 'text', expression: { $concat: [{ $field: 'name' }, ' (', { $field: 'parent.name' }, ')'] } },
  ]),
);

const FIELDS = ['id', 'name', 'industry', 'amount', 'employees', 'active', 'founded', 'seen', 'tags', 'data', 'parent', 'big', 'age', 'label', '_owner', '_version', '_created_at', '_state'];
const PATHS = [
  ...FIELDS,
  'parent.name', 'parent.amount', 'parent.parent.tags', 'parent.parent.parent.big', 'parent.parent.parent.parent.name',
  '_owner.username', '_owner.department.name', '_owner.manager.department.parent', 'parent._owner.active',
  'nope', 'name.first', '', '.', 'parent.', 'PARENT', '__proto__', 'constructor', '$and', '$user.id',
];
const OPS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$contains', '$startsWith', '$null', '$between', '$regex', '$where', '__proto__'];
const HOSTILE = [
  "'; drop table records.account; --", '?', '??', '$1', '\\', '%', '_', '%_\\', 'a\u0000b', '\ud800', '"', "'", '/*', '--',
  '1', '0', '-1', '99999999999999999999', '1.5', '1e400', 'NaN', 'true', '2024-02-29', '2023-02-29', '0000-01-01', '9999-12-31',
  '2024-01-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01 10:00:00+15:59', '2024-01-01T10:00:00+16:00',
  '$user.id', '$user.department', '$user.username', '$user.nope', '$user.', '$user.__proto__', '$user.constructor',
];

const scalar = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  fc.array(scalar, { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant([]),
);
const ops = fc.dictionary(fc.oneof(fc.constantFrom(...OPS), fc.string({ maxLength: 4 })), value, { maxKeys: 3 });
const path = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PATHS) }, fc.string({ maxLength: 8 }));

const { filter } = fc.letrec((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: fc.dictionary(path, fc.oneof(ops, value), { maxKeys: 3 }) },
    fc.record({ $and: fc.array(tie('filter'), { maxLength: 3 }) }),
    fc.record({ $or: fc.array(tie('filter'), { maxLength: 3 }) }),
    fc.record({ $not: tie('filter') }),
    fc.jsonValue({ maxDepth: 2 }),
  ),
}));

const variables = fc.option(
  fc.record({ id: fc.constantFrom('1', '2', null), department: fc.constantFrom('10', null), username: fc.constantFrom('alice', "o'hara") }),
  { nil: undefined },
);

let db: Knex;

beforeAll(async () => {
  db = await databaseFor(snapshot);
  await insert(db, 'departments', [{ id: 10, name: 'Sales' }]);
  await insert(db, 'users', [{ id: 1, username: 'alice', department: 10, active: true }, { id: 2, username: 'bob', manager: 1 }]);
  await insert(db, 'records.account', [
    { id: 1, name: 'Acme', amount: 500, employees: 3, active: true, founded: '2000-01-01', seen: '2024-01-01T00:00:00Z', tags: ['a'], data: '{"k":[1,2]}', _owner: 1 },
    { id: 2, name: 'Beta', amount: 50, parent: 1, tags: [], data: '"text"', _owner: 2, _state: 'open' },
    { id: 3, parent: 2 },
  ]);
}, DB_START_TIMEOUT);

afterAll(async () => {
  await db.destroy();
});

/** Either a result or a client error; anything else (a TypeError, a 500) fails the property. */
function compileOrRefuse<T>(compile: () => T, codes: readonly string[]): T | undefined {
  try {
    return compile();
  } catch (err) {
    if (!isAppError(err) || !codes.includes(err.code)) throw err;
    expect(err.details?.[0]?.path).toBeTypeOf('string');
    return undefined;
  }
}

describe('hostile input', () => {
  it('filters either compile to SQL the database accepts or are refused with INVALID_FILTER', async () => {
    let executed = 0;
    await fc.assert(
      fc.asyncProperty(filter, variables, async (input, vars) => {
        const scope = scopeOf(snapshot, 'account', vars ? { variables: vars } : undefined);
        const where = compileOrRefuse(() => compileFilter(input, scope), ['INVALID_FILTER']);
        if (!where) return;
        expect(where.sql.split('?').length - 1).toBe(where.bindings.length);
        await selectIds(db, scope, where);
        executed++;
      }),
      { numRuns: 400 },
    );
    // The generator is meant to reach the database often, not only the refusals.
    expect(executed).toBeGreaterThan(40);
  });

  const SORTABLE = ['id', 'name', 'industry', 'amount', 'employees', 'active', 'founded', 'seen', 'big', 'age', 'label', 'parent', 'parent.name', '_owner.username', 'parent.parent.seen'];
  const sortPath = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...SORTABLE) }, fc.constantFrom(...PATHS), fc.string({ maxLength: 6 }));
  const sortSpec = fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.tuple(fc.boolean(), sortPath), { maxLength: 4 }) },
    fc.array(fc.tuple(fc.boolean(), sortPath), { maxLength: 9 }),
  ).map((items) => items.map(([d, p]) => `${d ? '-' : ''}${p}`).join(','));
  // Per kind: values that fit, values at the edge, and values that must be refused.
  const CURSOR_POOLS: Record<string, unknown[]> = {
    number: ['1', '-2.50', '1e5', '-0', 'NaN', 'Infinity', 12.5, '12.', '.5', '1e99999', 'abc'],
    integer: ['1', '-3', '9223372036854775807', '-9223372036854775808', '9223372036854775808', 1.5, '1.0'],
    id: ['1', '2', 3, '9223372036854775807', '-1', 'x'],
    text: ['', 'a', "'; drop table x; --", '?', '\\', 'a\u0000'],
    boolean: ['true', 'false', true, 'yes'],
    date: ['2024-01-01', '2024-02-29', 'infinity', '2023-02-29', '0000-01-01', '2024-1-1'],
    datetime: ['2024-01-01 10:00:00.123456+00', '2024-01-01T10:00:00Z', '1900-01-01 00:00:00+00:53:28', '2024-02-30 10:00:00+00', '2024-01-01 24:00:00+00'],
  };
  const rarely = <T,>(arb: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 1, arbitrary: arb.map((value) => ({ value })) }, { weight: 9, arbitrary: fc.constant(undefined) });
  const cursorPick = fc.array(fc.tuple(fc.nat(), rarely(scalar)), { minLength: 9, maxLength: 9 });

  it('sorts and cursors either work on the database or are refused', async () => {
    let withCursor = 0;
    const input = fc.tuple(sortSpec, cursorPick, rarely(fc.string({ maxLength: 12 })));
    await fc.assert(
      fc.asyncProperty(input, async ([spec, values, junk]) => {
        const scope = scopeOf(snapshot, 'account');
        const keys = compileOrRefuse(() => parseSort(spec, scope), ['INVALID_FILTER']);
        if (!keys) return;
        const cursor =
          junk?.value ??
          encodeCursor(keys.map((key, i) => {
            const [index, random] = values[i];
            const pool = CURSOR_POOLS[key.kind];
            return random ? random.value : index % 5 === 0 && key.nullable ? null : pool[index % pool.length];
          }));
        const decoded = compileOrRefuse(() => decodeCursor(cursor, keys), ['BAD_REQUEST']);
        const where: SqlFragment = decoded ? keysetCondition(keys, decoded) : { sql: 'TRUE', bindings: [] };
        await selectIds(db, scope, where, orderBySql(keys));
        if (decoded) withCursor++;
      }),
      { numRuns: 400 },
    );
    expect(withCursor).toBeGreaterThan(20);
  });
});
