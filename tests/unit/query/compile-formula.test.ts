import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/src/core/errors.ts';
import type { FormulaReturnType } from '../../../platform/src/core/snapshot-types.ts';
import { compileFilter } from '../../../platform/src/query/compile-filter.ts';
import { compileFormula } from '../../../platform/src/query/compile-formula.ts';
import { DB_START_TIMEOUT, databaseFor, insert, objectDef, scopeOf, selectIds, snapshotOf } from './query-fixtures.ts';

const snapshot = snapshotOf(
  objectDef('company', [
    { name: 'name', type: 'text' },
    { name: 'rating', type: 'integer' },
    { name: 'score', type: 'formula', returns: 'integer', expression: { $multiply: [{ $field: 'rating' }, 10] } },
  ]),
  objectDef('deal', [
    { name: 'amount', type: 'currency' },
    { name: 'cost', type: 'number' },
    { name: 'qty', type: 'integer' },
    { name: 'title', type: 'text' },
    { name: 'closed', type: 'boolean' },
    { name: 'start_date', type: 'date' },
    { name: 'close_date', type: 'date' },
    { name: 'opened_at', type: 'datetime' },
    { name: 'closed_at', type: 'datetime' },
    { name: 'tags', type: 'multienum', options: ['x'] },
    { name: 'account', type: 'lookup', target: 'company' },
    { name: 'margin', type: 'formula', returns: 'number', expression: { $subtract: [{ $field: 'amount' }, { $field: 'cost' }] } },
    { name: 'margin_pct', type: 'formula', returns: 'percent', expression: { $divide: [{ $field: 'margin' }, { $field: 'amount' }] } },
    { name: 'loop_a', type: 'formula', returns: 'number', expression: { $add: [{ $field: 'loop_b' }, 1] } },
    { name: 'loop_b', type: 'formula', returns: 'number', expression: { $field: 'loop_a' } },
    { name: 'self', type: 'formula', returns: 'number', expression: { $field: 'self' } },
  ]),
);

let db: Knex;

beforeAll(async () => {
  db = await databaseFor(snapshot);
  await insert(db, 'records.company', [{ id: 1, name: 'Initech', rating: 4 }]);
  await insert(db, 'records.deal', [
    {
      id: 1, amount: 1000, cost: 600, qty: 3, title: '  Big Deal ', closed: true, start_date: '2024-01-31', close_date: '2024-03-15',
      opened_at: '2024-01-01T00:00:00Z', closed_at: '2024-01-02T06:30:00Z', account: 1,
    },
    { id: 2, amount: 0, cost: null, qty: null, title: null, closed: false },
  ]);
}, DB_START_TIMEOUT);

afterAll(async () => {
  await db.destroy();
});

async function evaluate(expr: unknown, returns: FormulaReturnType, id = 1): Promise<unknown> {
  const scope = scopeOf(snapshot, 'deal');
  const value = compileFormula(expr, scope, { returns });
  const joins = scope.joins();
  const select = returns === 'date' ? `(${value.sql})::text` : value.sql;
  const result = await db.raw(`SELECT ${select} AS v FROM "records"."deal" AS "t0" ${joins.sql} WHERE "t0"."id" = ?`, [
    ...value.bindings,
    ...joins.bindings,
    id,
  ] as Knex.Value[]);
  const v = result.rows[0].v;
  // Drivers differ in how they return numeric and bigint; the comparisons here are by value.
  return v !== null && ['number', 'currency', 'percent', 'integer'].includes(returns) ? Number(v) : v;
}

function refusal(expr: unknown, returns: FormulaReturnType = 'number'): AppError {
  try {
    compileFormula(expr, scopeOf(snapshot, 'deal'), { returns, pointer: '/expression' });
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('INVALID_FILTER');
    return err as AppError;
  }
  throw new Error('expected the formula to be refused');
}

const f = (path: string) => ({ $field: path });

describe('compileFormula: literals and fields', () => {
  it('binds literals with explicit types and casts to the return type', () => {
    const compiled = compileFormula({ $concat: ['a', 1, true, null] }, scopeOf(snapshot, 'deal'), { returns: 'text' });
    expect(compiled.sql).toBe("CAST(((COALESCE((?::text)::text, '') || COALESCE((?::numeric)::text, '') || COALESCE((TRUE)::text, '') || COALESCE((NULL)::text, '')))::text AS text)");
    expect(compiled.bindings).toEqual(['a', 1]);
  });

  it.each([
    [5, 'number', 5],
    [2.5, 'integer', 3],
    ['hello', 'text', 'hello'],
    [true, 'boolean', true],
    [null, 'date', null],
    [f('amount'), 'currency', 1000],
    [f('title'), 'text', '  Big Deal '],
    [f('account.name'), 'text', 'Initech'],
    [f('account._version'), 'integer', 1],
    [f('margin'), 'number', 400],
    [f('margin_pct'), 'percent', 0.4],
    [f('account.score'), 'integer', 40],
    [f('close_date'), 'text', '2024-03-15'],
  ] as const)('%j as %s', async (expr, returns, expected) => {
    expect(await evaluate(expr, returns)).toEqual(expected);
  });
});

describe('compileFormula: operators', () => {
  it.each([
    [{ $add: [f('amount'), f('cost'), 1] }, 'number', 1601],
    [{ $subtract: [f('amount'), f('cost'), 100] }, 'number', 300],
    [{ $multiply: [f('amount'), 2, 0.5] }, 'number', 1000],
    [{ $divide: [f('qty'), 2] }, 'number', 1.5],
    [{ $divide: [f('amount'), 0] }, 'number', null],
    [{ $mod: [f('qty'), 2] }, 'integer', 1],
    [{ $mod: [f('qty'), 0] }, 'integer', null],
    [{ $round: [{ $divide: [f('amount'), 3] }, 2] }, 'number', 333.33],
    [{ $round: { $divide: [f('amount'), 3] } }, 'number', 333],
    [{ $round: [2.5] }, 'number', 3],
    [{ $abs: -5 }, 'number', 5],
    [{ $abs: [{ $negate: f('amount') }] }, 'number', 1000],
    [{ $negate: f('amount') }, 'number', -1000],
    [{ $eq: [f('qty'), 3] }, 'boolean', true],
    [{ $ne: [f('title'), 'x'] }, 'boolean', true],
    [{ $gt: [f('amount'), f('cost')] }, 'boolean', true],
    [{ $gte: [f('qty'), 3] }, 'boolean', true],
    [{ $lt: [f('close_date'), f('start_date')] }, 'boolean', false],
    [{ $lte: ['a', 'b'] }, 'boolean', true],
    [{ $lt: [f('start_date'), f('opened_at')] }, 'boolean', false],
    [{ $eq: [f('closed'), true] }, 'boolean', true],
    [{ $eq: [f('cost'), null] }, 'boolean', false],
    [{ $ne: [null, f('cost')] }, 'boolean', true],
    [{ $and: [f('closed'), { $gt: [f('qty'), 1] }] }, 'boolean', true],
    [{ $or: [false, { $lt: [f('qty'), 1] }] }, 'boolean', false],
    [{ $not: f('closed') }, 'boolean', false],
    [{ $not: [false] }, 'boolean', true],
    [{ $concat: [f('account.name'), ' / ', f('qty')] }, 'text', 'Initech / 3'],
    [{ $upper: f('title') }, 'text', '  BIG DEAL '],
    [{ $lower: [f('title')] }, 'text', '  big deal '],
    [{ $trim: f('title') }, 'text', 'Big Deal'],
    [{ $length: { $trim: f('title') } }, 'integer', 8],
    [{ $coalesce: [null, f('cost'), 0] }, 'number', 600],
    [{ $if: [f('closed'), 'won', 'open'] }, 'text', 'won'],
    [{ $if: [{ $gt: [f('qty'), 5] }, f('amount'), null] }, 'number', null],
  ] as const)('%j', async (expr, returns, expected) => {
    expect(await evaluate(expr, returns)).toEqual(expected);
  });

  it.each([
    [{ $concat: ['a', f('title'), 1] }, 'text', 'a1'],
    [{ $coalesce: [f('cost'), 0] }, 'number', 0],
    [{ $if: [f('closed'), 'won', 'open'] }, 'text', 'open'],
    [{ $add: [f('cost'), 1] }, 'number', null],
    [{ $divide: [f('margin'), f('amount')] }, 'number', null],
    [{ $upper: f('title') }, 'text', null],
  ] as const)('with nulls: %j', async (expr, returns, expected) => {
    expect(await evaluate(expr, returns, 2)).toEqual(expected);
  });
});

describe('compileFormula: dates', () => {
  const diff = (unit: string, start: unknown, end: unknown) => ({ $dateDiff: { unit, start, end } });
  const add = (unit: string, amount: unknown, date: unknown) => ({ $dateAdd: { unit, amount, date } });

  it.each([
    [diff('day', f('start_date'), f('close_date')), 44],
    [diff('day', f('close_date'), f('start_date')), -44],
    [diff('month', f('start_date'), f('close_date')), 1],
    [diff('year', f('start_date'), f('close_date')), 0],
    [diff('month', f('close_date'), f('start_date')), -1],
    [diff('hour', f('opened_at'), f('closed_at')), 30],
    [diff('minute', f('opened_at'), f('closed_at')), 1830],
    [diff('day', f('opened_at'), f('closed_at')), 1],
    [diff('day', f('start_date'), f('opened_at')), -30],
  ])('%j', async (expr, expected) => {
    expect(await evaluate(expr, 'integer')).toBe(expected);
  });

  it.each([
    [add('day', 10, f('close_date')), 'date', '2024-03-25'],
    [add('month', 1, f('start_date')), 'date', '2024-02-29'],
    [add('year', -1, f('close_date')), 'date', '2023-03-15'],
    [add('day', { $negate: f('qty') }, f('close_date')), 'date', '2024-03-12'],
  ] as const)('%j', async (expr, returns, expected) => {
    expect(await evaluate(expr, returns)).toBe(expected);
  });

  it.each([
    ['year', f('close_date'), 2024],
    ['quarter', f('close_date'), 1],
    ['month', f('close_date'), 3],
    ['day', f('close_date'), 15],
    ['dow', f('close_date'), 5],
    ['doy', f('close_date'), 75],
    ['week', f('close_date'), 11],
  ])('takes the %s of a date', async (part, date, expected) => {
    expect(await evaluate({ $datePart: { part, date } }, 'integer')).toBe(expected);
  });

  it('refuses an unknown date part', async () => {
    await expect(evaluate({ $datePart: { part: 'century', date: f('close_date') } }, 'integer')).rejects.toMatchObject({ code: 'INVALID_FILTER' });
  });

  it('adds hours to date-times', async () => {
    const value = await evaluate(add('hour', 2, f('opened_at')), 'datetime');
    expect(new Date(value as string).toISOString()).toBe('2024-01-01T02:00:00.000Z');
    expect(await evaluate({ $eq: [add('hour', 30.5, f('opened_at')), f('closed_at')] }, 'boolean')).toBe(true);
  });

  it('knows today and now', async () => {
    const now = await evaluate({ $now: [] }, 'datetime');
    expect(Math.abs(new Date(now as string).getTime() - Date.now())).toBeLessThan(60_000);
    expect(await evaluate({ $today: [] }, 'date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await evaluate({ $gte: [diff('day', f('close_date'), { $today: [] }), 0] }, 'boolean')).toBe(true);
  });
});

describe('compileFormula: formula fields in filters', () => {
  it('filters and compares formulas of joined objects', async () => {
    const scope = scopeOf(snapshot, 'deal');
    const where = compileFilter({ margin: { $gt: 100 }, 'account.score': { $gte: 40 } }, scope);
    expect(await selectIds(db, scope, where)).toEqual(['1']);
    expect(where.sql).toContain('"t1"."rating"');
  });
});

describe('compileFormula: refusals', () => {
  it.each([
    [{ $add: ['a', 1] }, 'number', '/expression/$add/0', 'number'],
    [{ $add: [1] }, 'number', '/expression/$add', 'at least 2'],
    [{ $add: 1 }, 'number', '/expression/$add', 'array'],
    [{ $pow: [1, 2] }, 'number', '/expression/$pow', '$pow'],
    [{ $add: [1, 2], $subtract: [1, 2] }, 'number', '/expression', 'exactly one key'],
    [{}, 'number', '/expression', 'exactly one key'],
    [[1, 2], 'number', '/expression', 'array'],
    [f('nope'), 'number', '/expression/$field', "Unknown field 'nope' on object 'deal'."],
    [f('tags'), 'text', '/expression/$field', 'multienum'],
    [{ $field: 5 }, 'number', '/expression/$field', 'field path'],
    [f('title'), 'number', '/expression', 'text value'],
    [{ $eq: [f('title'), 1] }, 'boolean', '/expression/$eq', 'Cannot mix'],
    [{ $gt: [true, false] }, 'boolean', '/expression/$gt', '$eq and $ne'],
    [{ $eq: [1] }, 'boolean', '/expression/$eq', '2 operands'],
    [{ $if: [1, 2, 3] }, 'number', '/expression/$if/0', 'boolean'],
    [{ $if: [true, 2] }, 'number', '/expression/$if', '3 operands'],
    [{ $round: [1, 1.5] }, 'number', '/expression/$round/1', 'integer'],
    [{ $upper: 5 }, 'text', '/expression/$upper', 'text'],
    [{ $dateDiff: { unit: 'week', start: f('start_date'), end: f('close_date') } }, 'number', '/expression/$dateDiff/unit', 'unit'],
    [{ $dateDiff: { unit: 'day', start: '2024-01-01', end: f('close_date') } }, 'number', '/expression/$dateDiff/start', 'date'],
    [{ $dateDiff: { unit: 'day', start: f('start_date') } }, 'number', '/expression/$dateDiff', "'end'"],
    [{ $dateAdd: { unit: 'day', amount: 1, date: f('start_date'), extra: 1 } }, 'date', '/expression/$dateAdd/extra', 'extra'],
    [{ $dateAdd: { unit: 'minute', amount: 1, date: f('start_date') } }, 'date', '/expression/$dateAdd/unit', 'unit'],
    [{ $now: [1] }, 'datetime', '/expression/$now', 'empty array'],
    [{ $today: [] }, 'number', '/expression', 'date value'],
    ['a\u0000', 'text', '/expression', 'cannot be stored'],
  ] as const)('%j', (expr, returns, path, message) => {
    const err = refusal(expr, returns);
    expect(err.details?.[0].path).toBe(path);
    expect(err.message).toContain(message);
  });

  it('detects formulas that refer to themselves', () => {
    expect(refusal(f('self')).message).toContain('refers to itself');
    const err = refusal({ $add: [f('loop_a'), 1] });
    expect(err.message).toContain('refers to itself');
    expect(err.details?.[0].path).toBe('/expression/$add/0/$field');
    expect(() => compileFilter({ loop_b: 1 }, scopeOf(snapshot, 'deal'))).toThrow(/refers to itself/);
  });

  it('limits the size of an expression', () => {
    let expr: unknown = 1;
    for (let i = 0; i < 600; i++) expr = { $add: [expr, 1] };
    expect(refusal(expr).message).toContain('more than 1000 parts');
  });
});
