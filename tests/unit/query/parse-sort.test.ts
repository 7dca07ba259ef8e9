import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/src/core/errors.ts';
import { orderBySql, parseSort } from '../../../platform/src/query/parse-sort.ts';
import { objectDef, scopeOf, snapshotOf } from './query-fixtures.ts';

const snapshot = snapshotOf(
  objectDef('account', [
    { name: 'name', type: 'text' },
    { name: 'annual_revenue', type: 'number' },
    { name: 'tags', type: 'multienum', options: ['a'] },
    { name: 'data', type: 'json' },
    { name: 'parent', type: 'lookup', target: 'account' },
    { name: 'double_revenue', type: 'formula', returns: 'number', expression: { $multiply: [{ $field: 'annual_revenue' }, 2] } },
  ]),
);

function refusal(sort: string): AppError {
  try {
    parseSort(sort, scopeOf(snapshot, 'account'));
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the sort to be refused');
}

describe('parseSort', () => {
  it('parses directions and appends id as the tiebreaker', () => {
    const keys = parseSort('-annual_revenue,name', scopeOf(snapshot, 'account'));
    expect(keys.map((k) => [k.path, k.direction, k.sql])).toEqual([
      ['annual_revenue', 'desc', '"t0"."annual_revenue"'],
      ['name', 'asc', '"t0"."name"'],
      ['id', 'asc', '"t0"."id"'],
    ]);
    expect(keys[2].nullable).toBe(false);
    expect(orderBySql(keys)).toEqual({
      sql: '"t0"."annual_revenue" DESC NULLS FIRST, "t0"."name" ASC NULLS LAST, "t0"."id" ASC NULLS LAST',
      bindings: [],
    });
  });

  it('sorts by id alone when nothing is given and keeps an explicit id', () => {
    expect(parseSort(undefined, scopeOf(snapshot, 'account')).map((k) => `${k.direction} ${k.path}`)).toEqual(['asc id']);
    expect(parseSort('  ', scopeOf(snapshot, 'account')).map((k) => k.path)).toEqual(['id']);
    expect(parseSort('-id', scopeOf(snapshot, 'account')).map((k) => `${k.direction} ${k.path}`)).toEqual(['desc id']);
    expect(parseSort('name, -id', scopeOf(snapshot, 'account')).map((k) => k.path)).toEqual(['name', 'id']);
  });

  it('sorts through lookups and by formulas', () => {
    const scope = scopeOf(snapshot, 'account');
    const keys = parseSort('parent.name,-double_revenue', scope);
    expect(keys[0].sql).toBe('"t1"."name"');
    expect(keys[1].sql).toContain('"t0"."annual_revenue"');
    expect(orderBySql(keys).bindings).toEqual([2]);
    expect(scope.joins().sql).toContain('LEFT JOIN "records"."account" AS "t1"');
  });

  it('calls the field guard with use "sort"', () => {
    const calls: string[] = [];
    parseSort('parent.name', scopeOf(snapshot, 'account', { fieldGuard: (o, f, use) => calls.push(`${o.name}.${f.name}:${use}`) }));
    expect(calls).toEqual(['account.parent:sort', 'account.name:sort', 'account.id:sort']);
  });

  it.each([
    ['nope', "Unknown field 'nope' on object 'account'."],
    ['-parent.nope', "Unknown field 'nope'"],
    ['tags', 'multienum'],
    ['data', 'json'],
    ['name,,id', 'empty'],
    ['-', 'empty'],
    ['name,name', 'twice'],
    ['a,b,c,d,e,f,g,h,i', 'At most 8'],
    ['parent.parent.parent.parent.name', 'more than 3 lookups'],
    ['name;drop table x', 'Unknown field'],
  ])('refuses %j', (sort, message) => {
    const err = refusal(sort);
    expect(err.code).toBe('INVALID_FILTER');
    expect(err.message).toContain(message);
    expect(err.details?.[0].path).toBe('sort');
  });
});
