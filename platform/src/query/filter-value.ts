import { invalidFilter } from './invalid-filter.ts';
import { SQL_TYPE, type ValueKind } from './field-kind.ts';
import { bound, type SqlFragment } from './sql-fragment.ts';
import { isDateText, isDateTimeText } from './temporal-text.ts';
import { msg } from '../core/messages/message.ts';

export const MAX_TEXT_LENGTH = 10_000;
const MAX_JSON_LENGTH = 100_000;
const INT64_MAX = 9223372036854775807n;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** NUL and unpaired surrogates cannot be stored in PostgreSQL text or jsonb. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** Refusing unstorable text here keeps it from ever reaching the database as an error. */
export function checkText(value: unknown, pointer: string): string {
  if (typeof value !== 'string') throw invalidFilter(pointer, msg('query.expectedString'));
  if (value.length > MAX_TEXT_LENGTH) throw invalidFilter(pointer, msg('query.textTooLong', { max: MAX_TEXT_LENGTH }));
  if (!isStorableText(value)) throw invalidFilter(pointer, msg('query.unstorableText'));
  return value;
}

export function hasUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return !isStorableText(value);
  if (Array.isArray(value)) return value.some(hasUnstorable);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => !isStorableText(k) || hasUnstorable(v));
  }
  return false;
}

function isId(value: unknown): value is string | number {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0;
  return typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= INT64_MAX;
}

/**
 * Checks one comparison value against the kind of the field it is compared with and returns it
 * as a bound, cast placeholder. Multienum values are single options (array operators build on this).
 */
export function filterValue(kind: ValueKind, value: unknown, pointer: string): SqlFragment {
  const fail = () => invalidFilter(pointer, msg('query.expected', { kind: msg(`query.kind.${kind}`) }));
  switch (kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fail();
      return bound(value, SQL_TYPE.number);
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw fail();
      return bound(value, SQL_TYPE.integer);
    case 'id':
      if (!isId(value)) throw fail();
      return bound(String(value), SQL_TYPE.id);
    case 'boolean':
      if (typeof value !== 'boolean') throw fail();
      return bound(value, SQL_TYPE.boolean);
    case 'date':
      if (typeof value !== 'string' || !isDateText(value)) throw fail();
      return bound(value, SQL_TYPE.date);
    case 'datetime':
      if (typeof value !== 'string' || !isDateTimeText(value)) throw fail();
      return bound(value, SQL_TYPE.datetime);
    case 'text':
    case 'multienum':
      return bound(checkText(value, pointer), 'text');
    case 'json': {
      const text = value === undefined ? undefined : JSON.stringify(value);
      if (text === undefined || text.length > MAX_JSON_LENGTH) throw fail();
      if (hasUnstorable(value)) throw invalidFilter(pointer, msg('query.unstorableJson'));
      return bound(text, SQL_TYPE.json);
    }
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}
