import { invalidFilter, quoted } from './invalid-filter.ts';
import { rawSql, sql, type SqlFragment } from './sql-fragment.ts';
import { castTo, expectType, typed, type CompileExpression, type FormulaOperator, type TypedSql } from './formula-types.ts';
import { msg } from '../core/messages/message.ts';

const DIFF_UNITS = ['day', 'hour', 'minute', 'month', 'year'] as const;
const ADD_UNITS = ['day', 'month', 'year', 'hour'] as const;
const SECONDS: Record<string, string> = { day: '86400', hour: '3600', minute: '60' };
const INTERVAL: Record<(typeof ADD_UNITS)[number], string> = {
  day: "INTERVAL '1 day'",
  month: "INTERVAL '1 month'",
  year: "INTERVAL '1 year'",
  hour: "INTERVAL '1 hour'",
};

function namedOperands(operand: unknown, pointer: string, names: readonly string[]): Record<string, unknown> {
  if (typeof operand !== 'object' || operand === null || Array.isArray(operand)) {
    throw invalidFilter(pointer, msg('query.expectedNamed', { names: names.join(', ') }));
  }
  const record = operand as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!names.includes(key)) throw invalidFilter(`${pointer}/${key}`, msg('query.unexpectedKey', { key: quoted(key) }));
  }
  for (const name of names) {
    if (!(name in record)) throw invalidFilter(pointer, msg('query.missing', { name }));
  }
  return record;
}

function unitOf<T extends string>(value: unknown, units: readonly T[], pointer: string): T {
  if (typeof value !== 'string' || !units.includes(value as T)) {
    throw invalidFilter(pointer, msg('query.unit', { units: units.join(', ') }));
  }
  return value as T;
}

function temporal(node: unknown, compile: CompileExpression, pointer: string): TypedSql {
  return expectType(compile(node, pointer), ['date', 'datetime'], pointer);
}

/** `end - start` as a whole number of units, truncated toward zero. */
const dateDiff: FormulaOperator = (operand, compile, pointer) => {
  const args = namedOperands(operand, pointer, ['unit', 'start', 'end']);
  const unit = unitOf(args.unit, DIFF_UNITS, `${pointer}/unit`);
  const start = temporal(args.start, compile, `${pointer}/start`);
  const end = temporal(args.end, compile, `${pointer}/end`);
  // Two dates are compared as local midnights, so a daylight-saving change never shortens a day.
  const base = start.type !== 'datetime' && end.type !== 'datetime' ? 'timestamp' : 'timestamptz';
  const s = sql`(${start})::${rawSql(base)}`;
  const e = sql`(${end})::${rawSql(base)}`;
  let result: SqlFragment;
  if (unit === 'month') result = sql`(EXTRACT(YEAR FROM AGE(${e}, ${s})) * 12 + EXTRACT(MONTH FROM AGE(${e}, ${s})))`;
  else if (unit === 'year') result = sql`EXTRACT(YEAR FROM AGE(${e}, ${s}))`;
  else result = sql`TRUNC(EXTRACT(EPOCH FROM (${e} - ${s})) / ${rawSql(SECONDS[unit])})`;
  return typed(sql`(${result})::numeric`, 'number');
};

/** A date plus whole or fractional units; a date stays a date unless hours are added. */
const dateAdd: FormulaOperator = (operand, compile, pointer) => {
  const args = namedOperands(operand, pointer, ['unit', 'amount', 'date']);
  const unit = unitOf(args.unit, ADD_UNITS, `${pointer}/unit`);
  const amountPointer = `${pointer}/amount`;
  const amount = castTo(expectType(compile(args.amount, amountPointer), ['number'], amountPointer), 'number');
  const date = temporal(args.date, compile, `${pointer}/date`);
  const step = sql`(${amount})::double precision * ${rawSql(INTERVAL[unit])}`;
  if (date.type === 'date' && unit !== 'hour') return typed(sql`((${date})::timestamp + ${step})::date`, 'date');
  return typed(sql`((${date})::timestamptz + ${step})`, 'datetime');
};

const PARTS = ['year', 'quarter', 'month', 'week', 'day', 'dow', 'doy'] as const;
const EXTRACT_FIELD: Record<(typeof PARTS)[number], string> = { year: 'YEAR', quarter: 'QUARTER', month: 'MONTH', week: 'WEEK', day: 'DAY', dow: 'ISODOW', doy: 'DOY' };

/** One calendar part of a date as a number: year, quarter, month, ISO week, day of month, ISO weekday (Monday 1) or day of year. */
const datePart: FormulaOperator = (operand, compile, pointer) => {
  const args = namedOperands(operand, pointer, ['part', 'date']);
  const part = unitOf(args.part, PARTS, `${pointer}/part`);
  const date = temporal(args.date, compile, `${pointer}/date`);
  return typed(sql`(EXTRACT(${rawSql(EXTRACT_FIELD[part])} FROM ${date}))::numeric`, 'number');
};

function noOperands(value: string, type: 'date' | 'datetime'): FormulaOperator {
  return (operand, _compile, pointer) => {
    if (!Array.isArray(operand) || operand.length > 0) throw invalidFilter(pointer, msg('query.emptyArray'));
    return typed(rawSql(value), type);
  };
}

export const DATE_OPERATORS: Readonly<Record<string, FormulaOperator>> = {
  $dateDiff: dateDiff,
  $dateAdd: dateAdd,
  $datePart: datePart,
  $now: noOperands('CURRENT_TIMESTAMP', 'datetime'),
  $today: noOperands('CURRENT_DATE', 'date'),
};
