import { createError } from '../core/errors.ts';
import { SQL_TYPE, type ValueKind } from './field-kind.ts';
import { isStorableText } from './filter-value.ts';
import { isDateText, isDateTimeText } from './temporal-text.ts';
import type { SortKey } from './parse-sort.ts';
import { bound, FALSE_SQL, joinSql, rawSql, sql, type SqlFragment } from './sql-fragment.ts';
import { msg } from '../core/messages/message.ts';

const MAX_CURSOR_LENGTH = 65_536;
const INT64 = 9223372036854775807n;

function badCursor() {
  return createError('BAD_REQUEST', msg('query.badCursor'), [{ path: 'cursor', message: msg('query.badCursor') }]);
}

export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * Every value is checked against its key's kind, so that a forged cursor is a 400 and never
 * a database cast error. Values are returned as the text PostgreSQL printed them.
 */
export function decodeCursor(cursor: string, keys: readonly SortKey[]): (string | null)[] {
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(values) || values.length !== keys.length) throw badCursor();
  return values.map((value, i) => {
    const key = keys[i];
    if (value === null && key.nullable) return null;
    const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    if (typeof text !== 'string' || !fitsKind(text, key.kind)) throw badCursor();
    return text;
  });
}

function fitsKind(text: string, kind: ValueKind): boolean {
  switch (kind) {
    case 'number':
      return /^-?\d{1,1000}(\.\d{1,1000})?(e[+-]?\d{1,4})?$/i.test(text) || /^(NaN|-?Infinity)$/.test(text);
    case 'integer':
    case 'id': {
      if (!/^-?\d{1,19}$/.test(text)) return false;
      const n = BigInt(text);
      return n <= INT64 && n >= -INT64 - 1n;
    }
    case 'boolean':
      return text === 'true' || text === 'false';
    case 'date':
      return isDateText(text) || text === 'infinity' || text === '-infinity';
    case 'datetime':
      return isDateTimeText(text) || text === 'infinity' || text === '-infinity';
    case 'text':
      return isStorableText(text);
    default:
      return false;
  }
}

/**
 * The sort keys as extra select columns `_k0`, `_k1`, ...: as text, so cursors round-trip exactly
 * (microseconds, big numerics); dates through JSON, whose format does not follow DateStyle.
 */
export function sortSelectSql(keys: readonly SortKey[]): SqlFragment {
  return joinSql(
    keys.map((k, i) => {
      const text = k.kind === 'date' || k.kind === 'datetime' ? sql`to_json(${k}) #>> '{}'` : sql`(${k})::text`;
      return sql`${text} AS ${rawSql(`"_k${i}"`)}`;
    }),
    ', ',
  );
}

/** The cursor values of a row selected with sortSelectSql. */
export function cursorValuesOf(row: Readonly<Record<string, unknown>>, keys?: readonly SortKey[]): unknown[] {
  const values: unknown[] = [];
  for (let i = 0; keys ? i < keys.length : `_k${i}` in row; i++) {
    const value = row[`_k${i}`];
    values.push(value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? String(value) : (value ?? null));
  }
  return values;
}

/**
 * Rows strictly after the cursor row in the order of `keys`, with nulls as the largest value
 * (NULLS LAST ascending, NULLS FIRST descending).
 */
export function keysetCondition(keys: readonly SortKey[], values: readonly unknown[]): SqlFragment {
  if (keys.length === 0 || keys.length !== values.length) throw new Error('Keyset condition: keys and values differ in length.');
  const v = (i: number) => bound(values[i], SQL_TYPE[keys[i].kind]);
  const direction = keys[0].direction;
  if (keys.every((k) => k.direction === direction) && values.every((x) => x !== null && x !== undefined)) {
    const left = joinSql(keys, ', ');
    const right = joinSql(keys.map((_, i) => v(i)), ', ');
    if (direction === 'desc') return sql`(${left}) < (${right})`;
    // A row comparison involving NULL is unknown; rows with a null key after equal prefixes come next.
    const nullTails = keys.flatMap((k, i) => {
      if (!k.nullable) return [];
      const prefix = keys.slice(0, i).map((p, j) => sql`${p} = ${v(j)}`);
      return [joinSql([...prefix, sql`${k} IS NULL`], ' AND ')];
    });
    return sql`((${left}) > (${right})${joinSql(nullTails.map((t) => sql` OR (${t})`), '')})`;
  }
  const branches: SqlFragment[] = [];
  keys.forEach((k, i) => {
    const after = afterValue(k, values[i], v(i));
    if (!after) return;
    const prefix = keys.slice(0, i).map((p, j) => (values[j] === null ? sql`${p} IS NULL` : sql`${p} = ${v(j)}`));
    branches.push(sql`(${joinSql([...prefix, after], ' AND ')})`);
  });
  return branches.length ? sql`(${joinSql(branches, ' OR ')})` : FALSE_SQL;
}

function afterValue(key: SortKey, value: unknown, placeholder: SqlFragment): SqlFragment | null {
  if (key.direction === 'asc') {
    if (value === null) return null;
    return key.nullable ? sql`(${key} > ${placeholder} OR ${key} IS NULL)` : sql`${key} > ${placeholder}`;
  }
  if (value === null) return sql`${key} IS NOT NULL`;
  return sql`${key} < ${placeholder}`;
}
