import { invalidFilter } from './invalid-filter.ts';
import { rawSql, sql, type SqlFragment } from './sql-fragment.ts';
import { msg } from '../core/messages/message.ts';

/** The value types formula expressions are checked with; 'null' is the type of the literal null. */
export type FormulaType = 'number' | 'text' | 'boolean' | 'date' | 'datetime' | 'null';

export interface TypedSql extends SqlFragment {
  type: FormulaType;
}

/** Compiles a sub-expression found at `pointer`. */
export type CompileExpression = (node: unknown, pointer: string) => TypedSql;

/** One operator: its operand (the value under the `$op` key), found at `pointer`. */
export type FormulaOperator = (operand: unknown, compile: CompileExpression, pointer: string) => TypedSql;

const SQL_OF: Record<Exclude<FormulaType, 'null'>, string> = {
  number: 'numeric',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
};

export function typed(fragment: SqlFragment, type: FormulaType): TypedSql {
  return { sql: fragment.sql, bindings: fragment.bindings, type };
}

/** An operand cast to the type the operator works on, so PostgreSQL never has to guess. */
export function castTo(value: TypedSql, type: FormulaType): SqlFragment {
  if (type === 'null') return value;
  return sql`(${value})::${rawSql(SQL_OF[type])}`;
}

export function expectType(value: TypedSql, allowed: readonly FormulaType[], pointer: string): TypedSql {
  if (value.type !== 'null' && !allowed.includes(value.type)) {
    throw invalidFilter(pointer, msg('query.expectedType', { allowed: allowed.join(' or '), type: value.type }));
  }
  return value;
}

/** The one type a set of values can all be compared or chosen as: numbers, texts, booleans or dates. */
export function commonType(values: readonly TypedSql[], pointer: string): FormulaType {
  const types = new Set(values.map((v) => v.type).filter((t) => t !== 'null'));
  if (types.size === 0) return 'null';
  if (types.size === 1) return [...types][0];
  if (types.size === 2 && types.has('date') && types.has('datetime')) return 'datetime';
  throw invalidFilter(pointer, msg('query.mixedTypes', { types: [...types].join(' and ') }));
}

/** The operand as a list of `[node, pointer]`, checked for length. */
export function operandList(operand: unknown, pointer: string, min: number, max = Infinity): [unknown, string][] {
  const count = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  if (!Array.isArray(operand) || operand.length < min || operand.length > max) {
    throw invalidFilter(pointer, msg('query.operandCount', { count }));
  }
  return operand.map((node, i) => [node, `${pointer}/${i}`]);
}

/** A unary operator's operand, written either bare (`{"$abs": x}`) or as `[x]`. */
export function singleOperand(operand: unknown, pointer: string): [unknown, string] {
  if (!Array.isArray(operand)) return [operand, pointer];
  return operandList(operand, pointer, 1, 1)[0];
}
