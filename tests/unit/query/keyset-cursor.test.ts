import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/src/core/errors.ts';
import {
  cursorValuesOf,
  decodeCursor,
  encodeCursor,
  keysetCondition,
  sortSelectSql,
} from '../../../platform/src/query/keyset-cursor.ts';
import { orderBySql, parseSort, type SortKey } from '../../../platform/src/query/parse-sort.ts';
import { TRUE_SQL } from '../../../platform/src/query/sql-fragment.ts';
import { DB_START_TIMEOUT, databaseFor, insert, objectDef, scopeOf, selectRows, snapshotOf } from './query-fixtures.ts';

const snapshot = snapshotOf(
  objectDef('item', [
    { name: 'n', type: 'integer' },
    { name: 'x', type: 'number' },
    { name: 's', type: 'text' },
    { name: 'd', type: 'date' },
    { name: 't', type: 'datetime' },
    { name: 'flag', type: 'boolean' },
    { name: 'parent', type: 'lookup', target: 'item' },
    { name: 'twice', type: 'formula', returns: 'number', expression: { $multiply: [{ $field: 'n' }, 2] } },
  ]),
);

const keysOf = (sort: string) => parseSort(sort, scopeOf(snapshot, 'item'));

function badCursor(cursor: string, keys: SortKey[]): void {
  try {
    decodeCursor(cursor, keys);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BAD_REQUEST');
    expect((err as AppError).message).toBe('The cursor is not valid.');
    return;
  }
  throw new Error(`expected ${cursor} to be refused`);
}

describe('cursor encoding', () => {
  it('round-trips values as base64url JSON', () => {
    const keys = keysOf('-x,s,d,t,flag');
    const values = ['12.50', null, '2024-01-31', '2024-01-01 10:00:00.123456+00', 'true', '42'];
    const cursor = encodeCursor(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, keys)).toEqual(values);
    expect(decodeCursor(encodeCursor([12.5, 's', null, '2024-01-01T10:00:00Z', false, 42]), keys)).toEqual([
      '12.5', 's', null, '2024-01-01T10:00:00Z', 'false', '42',
    ]);
  });

  it('refuses garbage, wrong lengths and values that do not fit their key', () => {
    const keys = keysOf('x,d');
    for (const cursor of ['', 'not a cursor!', 'e30', encodeCursor([1, '2024-01-01']), encodeCursor([1, '2024-01-01', 1, 2])]) {
      badCursor(cursor, keys);
    }
    badCursor(Buffer.from('[1,').toString('base64url'), keys);
    badCursor(encodeCursor(['abc', '2024-01-01', '1']), keys);
    badCursor(encodeCursor(['1', '2024-13-01', '1']), keys);
    badCursor(encodeCursor(['1', '2024-01-01', null]), keys);
    badCursor(encodeCursor(['1', '2024-01-01', '1.5']), keys);
    badCursor(encodeCursor(['1', '2024-01-01', '99999999999999999999']), keys);
    badCursor(encodeCursor([{}, '2024-01-01', '1']), keys);
    badCursor(encodeCursor(['1', "2024-01-01'; drop table x", '1']), keys);
    badCursor(encodeCursor(['a\u0000']), keysOf('-id').slice(0, 1).map((k) => ({ ...k, kind: 'text' as const })));
    badCursor('A'.repeat(70_000), keys);
  });
});

describe('keysetCondition', () => {
  it('uses a row comparison when every key shares a direction and no value is null', () => {
    expect(keysetCondition(keysOf('-x,-id'), ['5', '9'])).toEqual({
      sql: '("t0"."x", "t0"."id") < (?::numeric, ?::bigint)',
      bindings: ['5', '9'],
    });
    // Ascending, nulls come last: rows with a null key after an equal prefix follow the cursor row.
    expect(keysetCondition(keysOf('x,s'), ['5', 'b', '9'])).toEqual({
      sql: '(("t0"."x", "t0"."s", "t0"."id") > (?::numeric, ?::text, ?::bigint) OR ("t0"."x" IS NULL) OR ("t0"."x" = ?::numeric AND "t0"."s" IS NULL))',
      bindings: ['5', 'b', '9', '5'],
    });
  });

  it('expands to OR branches for mixed directions and null values', () => {
    expect(keysetCondition(keysOf('-x,s'), ['5', 'b', '9']).sql).toBe(
      '(("t0"."x" < ?::numeric) OR ("t0"."x" = ?::numeric AND ("t0"."s" > ?::text OR "t0"."s" IS NULL)) OR ("t0"."x" = ?::numeric AND "t0"."s" = ?::text AND "t0"."id" > ?::bigint))',
    );
    expect(keysetCondition(keysOf('x'), [null, '9'])).toEqual({
      sql: '(("t0"."x" IS NULL AND "t0"."id" > ?::bigint))',
      bindings: ['9'],
    });
    expect(keysetCondition(keysOf('-x'), [null, '9']).sql).toBe('(("t0"."x" IS NOT NULL) OR ("t0"."x" IS NULL AND "t0"."id" > ?::bigint))');
  });

  it('selects sort keys as text columns and reads them back', () => {
    const keys = keysOf('-twice');
    const select = sortSelectSql(keys);
    expect(select.sql).toBe('(CAST(((("t0"."n")::numeric * (?::numeric)::numeric))::numeric AS numeric))::text AS "_k0", ("t0"."id")::text AS "_k1"');
    expect(select.bindings).toEqual([2]);
    expect(cursorValuesOf({ id: 1, _k0: '4', _k1: '1' })).toEqual(['4', '1']);
    expect(cursorValuesOf({ _k0: new Date('2024-01-01T00:00:00Z'), _k1: 7n, _k2: null }, keys)).toEqual(['2024-01-01T00:00:00.000Z', '7']);
  });
});

describe('keyset pagination on a real database', () => {
  let db: Knex;

  beforeAll(async () => {
    db = await databaseFor(snapshot);
  }, DB_START_TIMEOUT);

  afterAll(async () => {
    await db.destroy();
  });

  interface Item {
    id: number;
    n: number | null;
    x: number | null;
    s: string | null;
    d: string | null;
    t: string | null;
    flag: boolean | null;
    parent: number | null;
  }

  const CANDIDATES = ['n', 'x', 's', 'd', 't', 'flag', 'twice', 'parent.n', 'parent.s', 'id'] as const;

  function valueOf(item: Item, path: (typeof CANDIDATES)[number], byId: Map<number, Item>): unknown {
    switch (path) {
      case 'twice':
        return item.n === null ? null : item.n * 2;
      case 'parent.n':
      case 'parent.s': {
        const parent = item.parent === null ? undefined : byId.get(item.parent);
        return parent ? parent[path === 'parent.n' ? 'n' : 's'] : null;
      }
      default:
        return item[path];
    }
  }

  /** Nulls are the largest value; descending reverses everything, nulls included. */
  function compare(a: unknown, b: unknown): number {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    return (a as number | string) < (b as number | string) ? -1 : 1;
  }

  const itemArb = (id: number) =>
    fc.record({
      id: fc.constant(id),
      n: fc.option(fc.integer({ min: -2, max: 2 }), { nil: null }),
      x: fc.option(fc.integer({ min: -6, max: 6 }).map((v) => v / 4), { nil: null }),
      s: fc.option(fc.constantFrom('', 'a', 'ab', 'b', 'ba'), { nil: null }),
      d: fc.option(fc.constantFrom('1999-12-31', '2024-01-01', '2024-02-29'), { nil: null }),
      t: fc.option(
        fc.constantFrom('2023-12-31T23:59:59.999999Z', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000001Z', '2024-01-01T00:00:00.500000Z'),
        { nil: null },
      ),
      flag: fc.option(fc.boolean(), { nil: null }),
      parent: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
    });

  const scenario = fc.integer({ min: 0, max: 20 }).chain((count) =>
    fc.record({
      items: fc.tuple(...Array.from({ length: count }, (_, i) => itemArb(i + 1))).map((items) =>
        items.map((item) => ({ ...item, parent: item.parent !== null && item.parent <= count ? item.parent : null })),
      ),
      sort: fc.uniqueArray(fc.constantFrom(...CANDIDATES), { minLength: 1, maxLength: 4 }),
      directions: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      pageSize: fc.integer({ min: 1, max: 7 }),
    }),
  );

  it('walks every page in the order of a JS sort, with nulls and mixed directions', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ items, sort, directions, pageSize }) => {
        await db.raw('DELETE FROM "records"."item"');
        await insert(db, 'records.item', items);
        const byId = new Map(items.map((i) => [i.id, i]));
        const spec = sort.map((path, i) => `${directions[i] ? '-' : ''}${path}`).join(',');

        const expected = [...items]
          .sort((a, b) => {
            for (let i = 0; i < sort.length; i++) {
              const c = compare(valueOf(a, sort[i], byId), valueOf(b, sort[i], byId));
              if (c !== 0) return directions[i] ? -c : c;
            }
            return a.id - b.id;
          })
          .map((i) => String(i.id));

        const seen: string[] = [];
        let cursor: string | null = null;
        for (let page = 0; page <= items.length + 1; page++) {
          const scope = scopeOf(snapshot, 'item');
          const keys = parseSort(spec, scope);
          const where = cursor === null ? TRUE_SQL : keysetCondition(keys, decodeCursor(cursor, keys));
          const select = sortSelectSql(keys);
          const rows = await selectRows(
            db, scope, { sql: `"t0"."id", ${select.sql}`, bindings: select.bindings }, where, orderBySql(keys), pageSize,
          );
          seen.push(...rows.map((r) => String(r.id)));
          if (rows.length < pageSize) break;
          cursor = encodeCursor(cursorValuesOf(rows[rows.length - 1], keys));
        }
        expect(seen).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
