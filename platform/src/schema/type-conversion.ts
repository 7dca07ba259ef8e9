import { columnTypeOf, type ColumnType, type StoredFieldType } from './column-types.ts';
import { msg, type Message } from '../core/messages/message.ts';

/**
 * How an existing column's values become values of a new field type, as the USING expression of
 * ALTER COLUMN ... TYPE. Every expression is total: a value that does not convert becomes NULL
 * instead of raising an error, so a type change can never fail half-way on bad data. Conditions
 * that guard a cast are nested CASEs because PostgreSQL does not promise to evaluate AND in order.
 * No expression contains '?' (knex would take it for a placeholder): `{0,1}` is used instead.
 */
export interface TypeConversion {
  usingSql: string;
  /** True when some values may be cleared or changed; findDataLoss counts them. */
  lossy: boolean;
  /** A predicate over the old column that is true for rows that would lose data; null when none can. */
  lossSql: string | null;
  /** What happens to those rows, completing "3 records have ...". */
  loss: Message | null;
}

const NUMBER = '^[+-]{0,1}([0-9]+([.][0-9]*){0,1}|[.][0-9]+)$';
const INTEGER = '^[+-]{0,1}[0-9]{1,18}$';
const DATE = '[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,6}){0,1}){0,1}';
const OFFSET = '([zZ]|[+-](0[0-9]|1[0-4])(:{0,1}[0-5][0-9]){0,1})';
const DATETIME = `^${DATE}([ T]${TIME}${OFFSET}{0,1}){0,1}$`;
const TRUE_WORDS = "'true','t','yes','y','1','on','是'";
const FALSE_WORDS = "'false','f','no','n','0','off','否'";
/** Rounded numerics within this bound always fit in a bigint. */
const BIGINT_BOUND = '9000000000000000000';

/** True when the first ten characters of `text` (already matching DATE) name a real day: 2024-02-30 does not. */
function isRealDay(text: string): string {
  const part = (from: number, length: number) => `substr(${text}, ${from}, ${length})::int`;
  return `extract(month from make_date(${part(1, 4)}, ${part(6, 2)}, 1) + (${part(9, 2)} - 1)) = ${part(6, 2)}`;
}

/** Conversions from a text value (`text` is an expression, e.g. a trimmed column). */
function fromText(text: string, to: ColumnType): { sql: string; loss: Message } | null {
  switch (to) {
    case 'numeric':
      return {
        sql: `CASE WHEN length(${text}) <= 1000 AND ${text} ~ '${NUMBER}' THEN ${text}::numeric END`,
        loss: msg('loss.notNumbers'),
      };
    case 'bigint':
      return { sql: `CASE WHEN ${text} ~ '${INTEGER}' THEN ${text}::bigint END`, loss: msg('loss.notWholeNumbers') };
    case 'boolean':
      return {
        sql: `CASE WHEN lower(${text}) IN (${TRUE_WORDS}) THEN true WHEN lower(${text}) IN (${FALSE_WORDS}) THEN false END`,
        loss: msg('loss.notYesNo'),
      };
    case 'date':
      return {
        sql: `CASE WHEN ${text} ~ '^${DATE}$' THEN CASE WHEN ${isRealDay(text)} THEN ${text}::date END END`,
        loss: msg('loss.notDates'),
      };
    case 'timestamptz':
      return {
        sql: `CASE WHEN ${text} ~ '${DATETIME}' THEN CASE WHEN ${isRealDay(text)} THEN ${text}::timestamptz END END`,
        loss: msg('loss.notDateTimes'),
      };
    default:
      return null;
  }
}

const safe = (usingSql: string): TypeConversion => ({ usingSql, lossy: false, lossSql: null, loss: null });
/** A lossy conversion whose lost rows are exactly those where the old value is set and the new one is not. */
const clearing = (column: string, usingSql: string, loss: Message): TypeConversion => ({
  usingSql,
  lossy: true,
  lossSql: `${column} IS NOT NULL AND (${usingSql}) IS NULL`,
  loss,
});

/**
 * The conversion of `column` from one field type to another whose column type differs (or which
 * becomes a lookup). Links cannot be derived from other values, so anything becoming a lookup is cleared.
 */
export function typeConversion(from: StoredFieldType, to: StoredFieldType, column: string): TypeConversion {
  const source = columnTypeOf(from) as ColumnType;
  const target = columnTypeOf(to) as ColumnType;
  const cleared = (loss: Message): TypeConversion => ({ usingSql: `NULL::${target}`, lossy: true, lossSql: `${column} IS NOT NULL`, loss });
  if (to === 'lookup') return cleared(msg('loss.becomesLookup'));

  if (target === 'jsonb') return safe(`to_jsonb(${column})`);
  if (target === 'text') {
    if (source === 'text[]') {
      if (to !== 'enum') return safe(`array_to_string(${column}, ';')`);
      return { usingSql: `${column}[1]`, lossy: true, lossSql: `cardinality(${column}) > 1`, loss: msg('loss.severalValues') };
    }
    if (source === 'jsonb') return safe(`${column} #>> '{}'`);
    return safe(`${column}::text`);
  }
  if (target === 'text[]') {
    if (source === 'jsonb') {
      const scalar = `CASE WHEN jsonb_typeof(${column}) IN ('string', 'number', 'boolean') THEN ARRAY[${column} #>> '{}'] END`;
      return clearing(column, scalar, msg('loss.listsOrObjects'));
    }
    return safe(`CASE WHEN ${column} IS NULL THEN NULL ELSE ARRAY[${column}::text] END`);
  }
  if (source === 'text' || source === 'jsonb') {
    const text = source === 'text' ? `btrim(${column})` : `btrim(${column} #>> '{}')`;
    const converted = fromText(text, target);
    if (converted) return clearing(column, converted.sql, converted.loss);
  }
  if (source === 'bigint' && target === 'numeric') return safe(`${column}::numeric`);
  if (source === 'numeric' && target === 'bigint') {
    return {
      usingSql: `CASE WHEN abs(${column}) < ${BIGINT_BOUND} THEN round(${column})::bigint END`,
      lossy: true,
      lossSql: `(${column} <> trunc(${column}) OR abs(${column}) >= ${BIGINT_BOUND})`,
      loss: msg('loss.fraction'),
    };
  }
  if (source === 'boolean' && (target === 'numeric' || target === 'bigint')) {
    return clearing(column, `CASE WHEN ${column} THEN 1 WHEN NOT ${column} THEN 0 END`, msg('loss.cleared'));
  }
  if ((source === 'numeric' || source === 'bigint') && target === 'boolean') {
    return clearing(column, `CASE WHEN ${column} = 1 THEN true WHEN ${column} = 0 THEN false END`, msg('loss.notZeroOne'));
  }
  if (source === 'date' && target === 'timestamptz') return safe(`${column}::timestamptz`);
  if (source === 'timestamptz' && target === 'date') {
    return { usingSql: `${column}::date`, lossy: true, lossSql: `${column}::date::timestamptz <> ${column}`, loss: msg('loss.timeOfDay') };
  }
  return cleared(msg('loss.notConvertible'));
}
