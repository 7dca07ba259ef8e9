import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, createError } from '../../../platform/src/core/errors.ts';
import { compileFilter } from '../../../platform/src/query/compile-filter.ts';
import type { QueryScopeOptions } from '../../../platform/src/query/query-scope.ts';
import { DB_START_TIMEOUT, databaseFor, insert, objectDef, scopeOf, selectIds, snapshotOf } from './query-fixtures.ts';

const snapshot = snapshotOf(
  objectDef('account', [
    { name: 'name', type: 'text' },
    { name: 'industry', type: 'enum', options: ['tobacco', 'telecom', 'food'] },
    { name: 'annual_revenue', type: 'number' },
    { name: 'employees', type: 'integer' },
    { name: 'active', type: 'boolean' },
    { name: 'founded', type: 'date' },
    { name: 'last_seen', type: 'datetime' },
    { name: 'tags', type: 'multienum', options: ['a', 'b', 'c'] },
    { name: 'data', type: 'json' },
    { name: 'email', type: 'email' },
    { name: 'parent', type: 'lookup', target: 'account' },
    { name: 'big', type: 'formula', returns: 'boolean', expression: { $gt: [{ $field: 'annual_revenue' }, 1000] } },
    { name: 'parent_name', type: 'formula', returns: 'text', expression: { $field: 'parent.name' } },
  ]),
);

let db: Knex;

beforeAll(async () => {
  db = await databaseFor(snapshot);
  await insert(db, 'departments', [
    { id: 10, name: 'Sales', parent: null, head: 1 },
    { id: 20, name: 'Support', parent: 10, head: 2 },
  ]);
  await insert(db, 'users', [
    { id: 1, username: 'alice', name: 'Alice', department: 10, manager: null, active: true },
    { id: 2, username: 'bob', name: 'Bob', department: 20, manager: 1, active: true },
  ]);
  const row = (id: number, values: Record<string, unknown>) => ({ id, _version: 1, ...values });
  await insert(db, 'records.account', [
    row(1, {
      name: 'Acme', industry: 'tobacco', annual_revenue: 5000, employees: 50, active: true, founded: '2001-02-03',
      last_seen: '2024-01-01T10:00:00Z', tags: ['a', 'b'], data: JSON.stringify({ tier: 'gold', n: 1 }),
      email: 'info@acme.com', _owner: 1, _department: 10,
    }),
    row(2, {
      name: 'Beta_Co', industry: 'telecom', annual_revenue: 100, employees: 5, active: false, founded: '2010-06-30',
      last_seen: '2024-06-01T00:00:00Z', tags: ['b'], data: JSON.stringify({ tier: 'silver' }), parent: 1, _owner: 2, _department: 20,
    }),
    row(3, { name: 'gamma 100%', industry: 'food', parent: 2, _owner: 1, _department: 10 }),
    row(4, { annual_revenue: 1000, employees: 0, active: true, founded: '1999-12-31', tags: [], data: JSON.stringify({ tier: 'gold', n: 2 }), parent: 3 }),
    row(5, { name: 'Back\\slash', annual_revenue: -1.5, parent: 4, _owner: 2 }),
    row(6, { name: 'Acme Deleted', annual_revenue: 5000, _deleted_at: '2024-01-01T00:00:00Z' }),
    row(7, { name: 'Orphan', parent: 6 }),
  ]);
}, DB_START_TIMEOUT);

afterAll(async () => {
  await db.destroy();
});

async function ids(filter: unknown, options?: QueryScopeOptions): Promise<number[]> {
  const scope = scopeOf(snapshot, 'account', options);
  const where = compileFilter(filter, scope);
  return (await selectIds(db, scope, where)).map(Number);
}

function compileError(filter: unknown, options?: QueryScopeOptions): AppError {
  try {
    compileFilter(filter, scopeOf(snapshot, 'account', options));
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the filter to be refused');
}

const ALL = [1, 2, 3, 4, 5, 7];

describe('compileFilter: operators on a real database', () => {
  it.each([
    ['$eq', { name: { $eq: 'Acme' } }, [1]],
    ['shorthand $eq', { name: 'Acme' }, [1]],
    ['$eq is case-sensitive', { name: 'acme' }, []],
    ['$eq null', { name: { $eq: null } }, [4]],
    ['shorthand null', { name: null }, [4]],
    ['$ne keeps nulls', { name: { $ne: 'Acme' } }, [2, 3, 4, 5, 7]],
    ['$ne null', { name: { $ne: null } }, [1, 2, 3, 5, 7]],
    ['$gt', { annual_revenue: { $gt: 100 } }, [1, 4]],
    ['$gte', { annual_revenue: { $gte: 100 } }, [1, 2, 4]],
    ['$lt', { annual_revenue: { $lt: 100 } }, [5]],
    ['$lte', { annual_revenue: { $lte: 100 } }, [2, 5]],
    ['two ops on one path', { annual_revenue: { $gt: 0, $lt: 2000 } }, [2, 4]],
    ['$in', { employees: { $in: [0, 5] } }, [2, 4]],
    ['$in with null', { employees: { $in: [0, null] } }, [3, 4, 5, 7]],
    ['$nin keeps nulls', { employees: { $nin: [0, 5] } }, [1, 3, 5, 7]],
    ['$nin with null', { employees: { $nin: [0, null] } }, [1, 2]],
    ['empty $in', { employees: { $in: [] } }, []],
    ['empty $nin', { employees: { $nin: [] } }, ALL],
    ['$contains is case-insensitive', { name: { $contains: 'ACME' } }, [1]],
    ['$contains escapes %', { name: { $contains: '0%' } }, [3]],
    ['$contains escapes _', { name: { $contains: '_' } }, [2]],
    ['$contains escapes backslash', { name: { $contains: '\\' } }, [5]],
    ['$contains on email', { email: { $contains: '@ACME' } }, [1]],
    ['$startsWith', { name: { $startsWith: 'b' } }, [2, 5]],
    ['$startsWith escapes _', { name: { $startsWith: 'Beta_' } }, [2]],
    ['$startsWith escapes %', { name: { $startsWith: 'Beta%' } }, []],
    ['$null true', { annual_revenue: { $null: true } }, [3, 7]],
    ['$null false', { annual_revenue: { $null: false } }, [1, 2, 4, 5]],
    ['$between numbers', { annual_revenue: { $between: [100, 1000] } }, [2, 4]],
    ['$between dates', { founded: { $between: ['2000-01-01', '2010-12-31'] } }, [1, 2]],
    ['$between text', { name: { $between: ['A', 'C'] } }, [1, 2, 5]],
    ['date $lt', { founded: { $lt: '2000-01-01' } }, [4]],
    ['datetime $gte', { last_seen: { $gte: '2024-03-01T00:00:00Z' } }, [2]],
    ['datetime with offset', { last_seen: { $lt: '2024-01-01T13:00:00+02:00' } }, [1]],
    ['boolean true', { active: true }, [1, 4]],
    ['boolean false', { active: { $eq: false } }, [2]],
    ['boolean $ne', { active: { $ne: true } }, [2, 3, 5, 7]],
    ['enum value outside the options', { industry: 'steel' }, []],
    ['multienum $contains', { tags: { $contains: 'b' } }, [1, 2]],
    ['multienum $in (any of)', { tags: { $in: ['a', 'c'] } }, [1]],
    ['multienum $nin (none of)', { tags: { $nin: ['a'] } }, [2, 3, 4, 5, 7]],
    ['multienum $eq (same set)', { tags: { $eq: ['b', 'a'] } }, [1]],
    ['multienum $ne', { tags: { $ne: ['b'] } }, [1, 3, 4, 5, 7]],
    ['multienum $null counts empty', { tags: { $null: true } }, [3, 4, 5, 7]],
    ['multienum $null false', { tags: { $null: false } }, [1, 2]],
    ['json $contains', { data: { $contains: { tier: 'gold' } } }, [1, 4]],
    ['json $eq', { data: { $eq: { tier: 'silver' } } }, [2]],
    ['lookup by string id', { parent: '1' }, [2]],
    ['lookup by integer id', { parent: { $eq: 1 } }, [2]],
    ['id $in', { id: { $in: ['1', 2] } }, [1, 2]],
    ['id $gt', { id: { $gt: '4' } }, [5, 7]],
    ['system integer field', { _version: 1 }, ALL],
  ])('%s', async (_name, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });
});

describe('compileFilter: logic', () => {
  it('treats {} as TRUE and several keys as AND', async () => {
    expect(await ids({})).toEqual(ALL);
    expect(await ids({ industry: 'tobacco', employees: 50 })).toEqual([1]);
    expect(await ids({ industry: 'tobacco', employees: 5 })).toEqual([]);
  });

  it('compiles $and, $or and $not', async () => {
    expect(await ids({ $or: [{ industry: 'food' }, { employees: 50 }] })).toEqual([1, 3]);
    expect(await ids({ $and: [{ annual_revenue: { $gt: 0 } }, { active: true }] })).toEqual([1, 4]);
    expect(await ids({ $and: [] })).toEqual(ALL);
    expect(await ids({ $or: [] })).toEqual([]);
    expect(await ids({ $not: { annual_revenue: { $gt: 100 } } })).toEqual([2, 3, 5, 7]);
    expect(await ids({ $not: { $or: [{ name: null }, { active: true }] } })).toEqual([2, 3, 5, 7]);
    expect(await ids({ $not: {} })).toEqual([]);
    expect(await ids({ $or: [{ $and: [{ industry: 'food' }, { $not: { name: null } }] }, { id: '5' }], active: { $null: true } })).toEqual([3, 5]);
  });

  it('keeps OR from leaking into a surrounding AND', () => {
    const where = compileFilter({ $or: [{ name: 'a' }, { name: 'b' }], industry: 'food' }, scopeOf(snapshot, 'account'));
    expect(where.sql).toBe('((("t0"."name" = ?::text) OR ("t0"."name" = ?::text))) AND ("t0"."industry" = ?::text)');
    expect(where.bindings).toEqual(['a', 'b', 'food']);
  });
});

describe('compileFilter: lookup paths', () => {
  it('joins each lookup prefix once and excludes deleted targets', async () => {
    const scope = scopeOf(snapshot, 'account');
    const where = compileFilter({ 'parent.name': 'Acme', 'parent.industry': { $ne: 'food' }, 'parent.parent.name': { $null: true } }, scope);
    expect(scope.joins().sql).toBe(
      'LEFT JOIN "records"."account" AS "t1" ON "t1"."id" = "t0"."parent" AND "t1"."_deleted_at" IS NULL ' +
        'LEFT JOIN "records"."account" AS "t2" ON "t2"."id" = "t1"."parent" AND "t2"."_deleted_at" IS NULL',
    );
    expect(where.sql).toContain('"t1"."name" = ?::text');
    expect(await selectIds(db, scope, where)).toEqual(['2']);
    expect(await ids({ 'parent.name': { $null: true } })).toEqual([1, 5, 7]);
    expect(await ids({ 'parent.industry': 'tobacco' })).toEqual([2]);
  });

  it('follows up to three lookups and refuses a fourth', async () => {
    expect(await ids({ 'parent.parent.parent.name': 'Acme' })).toEqual([4]);
    expect(await ids({ 'parent.parent.parent.name': 'Beta_Co' })).toEqual([5]);
    const err = compileError({ $and: [{ 'parent.parent.parent.parent.name': 'Acme' }] });
    expect(err.code).toBe('INVALID_FILTER');
    expect(err.details?.[0].path).toBe('/$and/0/parent.parent.parent.parent.name');
    expect(err.message).toContain('more than 3 lookups');
  });

  it('reaches the built-in user and department objects without a deleted-at condition', async () => {
    const scope = scopeOf(snapshot, 'account');
    compileFilter({ '_owner.department.name': 'Support' }, scope);
    expect(scope.joins().sql).toBe(
      'LEFT JOIN "users" AS "t1" ON "t1"."id" = "t0"."_owner" LEFT JOIN "departments" AS "t2" ON "t2"."id" = "t1"."department"',
    );
    expect(await ids({ '_owner.username': 'alice' })).toEqual([1, 3]);
    expect(await ids({ '_owner.department.name': 'Support' })).toEqual([2, 5]);
    expect(await ids({ '_owner.manager.department.name': 'Sales' })).toEqual([2, 5]);
    expect(await ids({ '_department.parent.name': 'Sales' })).toEqual([2]);
  });

  it('ANDs the join condition into each join, bindings in order', async () => {
    const joinCondition: QueryScopeOptions['joinCondition'] = (target, alias) =>
      target.name === 'account' ? { sql: `"${alias}"."industry" IS DISTINCT FROM ?::text`, bindings: ['tobacco'] } : null;
    const scope = scopeOf(snapshot, 'account', { joinCondition });
    const where = compileFilter({ 'parent.id': { $null: false }, '_owner.username': 'bob' }, scope);
    expect(scope.joins()).toEqual({
      sql: 'LEFT JOIN "records"."account" AS "t1" ON "t1"."id" = "t0"."parent" AND "t1"."_deleted_at" IS NULL AND ("t1"."industry" IS DISTINCT FROM ?::text) LEFT JOIN "users" AS "t2" ON "t2"."id" = "t0"."_owner"',
      bindings: ['tobacco'],
    });
    expect(await selectIds(db, scope, where)).toEqual(['5']);
  });

  it('applies the joins, with their bindings, to a knex query builder', async () => {
    const joinCondition: QueryScopeOptions['joinCondition'] = (_target, alias) => ({ sql: `"${alias}"."employees" > ?::bigint`, bindings: [10] });
    const scope = scopeOf(snapshot, 'account', { joinCondition });
    const where = compileFilter({ 'parent.name': 'Acme' }, scope);
    const qb = db.from('records.account as t0').select('t0.id');
    scope.applyJoins(qb).whereRaw(where.sql, where.bindings as Knex.Value[]);
    expect((await qb).map((r: { id: unknown }) => String(r.id))).toEqual(['2']);
  });

  it('calls the field guard for every segment and lets it refuse', () => {
    const calls: string[] = [];
    const fieldGuard: QueryScopeOptions['fieldGuard'] = (object, field, use) => {
      calls.push(`${object.name}.${field.name}:${use}`);
      if (field.name === 'annual_revenue') throw createError('FORBIDDEN', 'No.');
    };
    compileFilter({ 'parent._owner.username': 'x' }, scopeOf(snapshot, 'account', { fieldGuard }));
    expect(calls).toEqual(['account.parent:filter', 'account._owner:filter', 'user.username:filter']);
    expect(compileError({ 'parent.annual_revenue': 1 }, { fieldGuard }).code).toBe('FORBIDDEN');
  });
});

describe('compileFilter: formula fields', () => {
  it('filters on boolean and lookup formulas', async () => {
    expect(await ids({ big: true })).toEqual([1]);
    expect(await ids({ big: { $eq: false } })).toEqual([2, 4, 5]);
    expect(await ids({ big: { $null: true } })).toEqual([3, 7]);
    expect(await ids({ parent_name: { $startsWith: 'ac' } })).toEqual([2]);
    expect(await ids({ 'parent.parent_name': 'Acme' })).toEqual([3]);
  });
});

describe('compileFilter: variables', () => {
  const variables = { id: '1', department: '20', username: 'alice' };

  it('replaces $user.<key> by the variable value', async () => {
    expect(await ids({ _owner: '$user.id' }, { variables })).toEqual([1, 3]);
    expect(await ids({ _department: { $eq: '$user.department' } }, { variables })).toEqual([2]);
    expect(await ids({ '_owner.username': '$user.username' }, { variables })).toEqual([1, 3]);
    expect(await ids({ _owner: { $in: ['$user.id', '2'] } }, { variables })).toEqual([1, 2, 3, 5]);
  });

  it('treats a null variable as matching nothing', async () => {
    const none = { id: null, department: null, username: 'system' };
    expect(await ids({ _department: '$user.department' }, { variables: none })).toEqual([]);
    expect(await ids({ _department: { $ne: '$user.department' } }, { variables: none })).toEqual(ALL);
    expect(await ids({ _owner: { $in: ['$user.id'] } }, { variables: none })).toEqual([]);
  });

  it('refuses an unknown variable and leaves strings alone without variables', async () => {
    const err = compileError({ name: { $eq: '$user.salary' } }, { variables });
    expect(err.code).toBe('INVALID_FILTER');
    expect(err.details?.[0].path).toBe('/name/$eq');
    expect(err.message).toContain('$user.salary');
    expect(await ids({ name: '$user.id' })).toEqual([]);
    expect(compileError({ _owner: '$user.id' }).code).toBe('INVALID_FILTER');
  });
});

describe('compileFilter: refusals name the JSON pointer', () => {
  it.each([
    [{ nope: 1 }, '/nope', "Unknown field 'nope' on object 'account'."],
    [{ 'parent.nope': 1 }, '/parent.nope', "Unknown field 'nope' on object 'account'."],
    [{ 'name.first': 'x' }, '/name.first', "'name'"],
    [{ 'Name': 'x' }, '/Name', 'Unknown field'],
    [{ $and: [{}, { annual_revenue: { $gt: '5' } }] }, '/$and/1/annual_revenue/$gt', 'number'],
    [{ name: { $regex: 'a' } }, '/name/$regex', '$regex'],
    [{ $xor: [] }, '/$xor', '$xor'],
    [{ name: {} }, '/name', 'No operator'],
    [{ name: ['a'] }, '/name', '$in'],
    [{ $and: {} }, '/$and', 'array'],
    [{ $or: [1] }, '/$or/0', 'filter object'],
    [{ $not: [] }, '/$not', 'filter object'],
    [{ employees: 1.5 }, '/employees', 'integer'],
    [{ employees: { $in: [1, '2'] } }, '/employees/$in/1', 'integer'],
    [{ annual_revenue: Number.NaN }, '/annual_revenue', 'number'],
    [{ founded: '2023-02-30' }, '/founded', 'date'],
    [{ founded: '2023-2-3' }, '/founded', 'date'],
    [{ last_seen: 'yesterday' }, '/last_seen', 'date-time'],
    [{ last_seen: '2024-01-01T25:00:00Z' }, '/last_seen', 'date-time'],
    [{ active: 'true' }, '/active', 'true or false'],
    [{ parent: 'abc' }, '/parent', 'id'],
    [{ parent: '99999999999999999999' }, '/parent', 'id'],
    [{ id: -1 }, '/id', 'id'],
    [{ name: 5 }, '/name', 'string'],
    [{ name: 'x'.repeat(10_001) }, '/name', '10000'],
    [{ name: 'a\u0000b' }, '/name', 'cannot be stored'],
    [{ active: { $gt: true } }, '/active/$gt', 'boolean'],
    [{ data: { $lt: 1 } }, '/data/$lt', 'json'],
    [{ tags: { $between: ['a', 'b'] } }, '/tags/$between', 'multienum'],
    [{ annual_revenue: { $contains: 5 } }, '/annual_revenue/$contains', 'number'],
    [{ founded: { $contains: '2020' } }, '/founded/$contains', 'date'],
    [{ tags: { $startsWith: 'a' } }, '/tags/$startsWith', 'multienum'],
    [{ annual_revenue: { $between: [1] } }, '/annual_revenue/$between', '[low, high]'],
    [{ annual_revenue: { $between: [1, null] } }, '/annual_revenue/$between/1', 'number'],
    [{ annual_revenue: { $in: 5 } }, '/annual_revenue/$in', 'array'],
    [{ annual_revenue: { $null: 'yes' } }, '/annual_revenue/$null', 'true or false'],
    [{ tags: 'a' }, '/tags', 'array'],
    [{ 'a/b~c': 1 }, '/a~1b~0c', 'Unknown field'],
  ])('%j', (filter, path, message) => {
    const err = compileError(filter);
    expect(err.code).toBe('INVALID_FILTER');
    expect(err.details?.[0].path).toBe(path);
    expect(err.message).toContain(message);
  });

  it('refuses values that are not filter objects', () => {
    for (const filter of [null, [], 'x', 5, true, undefined]) {
      expect(compileError(filter).details?.[0].path).toBe('');
    }
  });

  it('limits nesting, conditions and list sizes', () => {
    let deep: unknown = { name: 'x' };
    for (let i = 0; i < 20; i++) deep = { $not: deep };
    expect(() => compileFilter(deep, scopeOf(snapshot, 'account'))).not.toThrow();
    expect(compileError({ $not: deep }).message).toContain('nested');

    const conditions = (n: number) => ({ $or: Array.from({ length: n }, (_, i) => ({ employees: i })) });
    expect(() => compileFilter(conditions(200), scopeOf(snapshot, 'account'))).not.toThrow();
    expect(compileError(conditions(201)).message).toContain('200 conditions');

    const list = (n: number) => ({ employees: { $in: Array.from({ length: n }, (_, i) => i) } });
    expect(() => compileFilter(list(1000), scopeOf(snapshot, 'account'))).not.toThrow();
    expect(compileError(list(1001)).details?.[0].path).toBe('/employees/$in');
  });

  it('prefixes error paths with the given pointer', () => {
    try {
      compileFilter({ nope: 1 }, scopeOf(snapshot, 'account'), '/rowFilter');
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).details?.[0].path).toBe('/rowFilter/nope');
    }
  });
});

describe('compileFilter: values never become SQL text', () => {
  it('binds every value', async () => {
    const hostile = "'; DROP TABLE records.account; --";
    const where = compileFilter({ name: hostile, email: { $contains: hostile }, industry: { $in: [hostile, '?', '$1'] } }, scopeOf(snapshot, 'account'));
    expect(where.sql).not.toContain('DROP');
    expect(where.sql.match(/\?/g)?.length).toBe(where.bindings.length);
    expect(await ids({ name: { $in: [hostile, '?', '??', '$1'] } })).toEqual([]);
    expect(await ids({})).toEqual(ALL);
  });
});
