import { invalidFilter } from './invalid-filter.ts';
import { bound, joinSql, rawSql, sql, type SqlFragment } from './sql-fragment.ts';
import {
  castTo,
  commonType,
  expectType,
  operandList,
  singleOperand,
  typed,
  type CompileExpression,
  type FormulaOperator,
  type TypedSql,
} from './formula-types.ts';
import { msg } from '../core/messages/message.ts';

function numbers(operand: unknown, compile: CompileExpression, pointer: string, min: number, max?: number): SqlFragment[] {
  return operandList(operand, pointer, min, max).map(([node, p]) => castTo(expectType(compile(node, p), ['number'], p), 'number'));
}

/** Division and modulo by zero give NULL rather than failing the whole query. */
function arithmetic(symbol: '+' | '-' | '*' | '/' | '%'): FormulaOperator {
  return (operand, compile, pointer) => {
    const [first, ...rest] = numbers(operand, compile, pointer, 2);
    const result = rest.reduce((acc, x) => {
      if (symbol === '/') return sql`(${acc} / NULLIF(${x}, 0))`;
      if (symbol === '%') return sql`MOD(${acc}, NULLIF(${x}, 0))`;
      return sql`(${acc} ${rawSql(symbol)} ${x})`;
    }, first);
    return typed(result, 'number');
  };
}

function unaryNumber(wrap: (x: SqlFragment) => SqlFragment): FormulaOperator {
  return (operand, compile, pointer) => {
    const [node, p] = singleOperand(operand, pointer);
    return typed(wrap(castTo(expectType(compile(node, p), ['number'], p), 'number')), 'number');
  };
}

const round: FormulaOperator = (operand, compile, pointer) => {
  const [[node, p], places] = Array.isArray(operand) ? operandList(operand, pointer, 1, 2) : [[operand, pointer] as [unknown, string]];
  const x = castTo(expectType(compile(node, p), ['number'], p), 'number');
  if (!places) return typed(sql`ROUND(${x})`, 'number');
  const [digits, dp] = places;
  if (typeof digits !== 'number' || !Number.isInteger(digits) || digits < -20 || digits > 20) {
    throw invalidFilter(dp, msg('query.decimalPlaces'));
  }
  return typed(sql`ROUND(${x}, ${bound(digits, 'integer')})`, 'number');
};

function comparison(symbol: '=' | '<>' | '>' | '>=' | '<' | '<='): FormulaOperator {
  return (operand, compile, pointer) => {
    const [a, b] = operandList(operand, pointer, 2, 2).map(([node, p]) => compile(node, p));
    const equality = symbol === '=' || symbol === '<>';
    if (equality && (a.type === 'null' || b.type === 'null')) {
      const other = a.type === 'null' ? b : a;
      return typed(sql`(${other} ${rawSql(symbol === '=' ? 'IS NULL' : 'IS NOT NULL')})`, 'boolean');
    }
    const type = commonType([a, b], pointer);
    if (type === 'boolean' && !equality) throw invalidFilter(pointer, msg('query.booleanCompare'));
    return typed(sql`(${castTo(a, type)} ${rawSql(symbol)} ${castTo(b, type)})`, 'boolean');
  };
}

function logical(separator: ' AND ' | ' OR '): FormulaOperator {
  return (operand, compile, pointer) => {
    const items = operandList(operand, pointer, 1).map(([node, p]) => castTo(expectType(compile(node, p), ['boolean'], p), 'boolean'));
    return typed(sql`(${joinSql(items, separator)})`, 'boolean');
  };
}

function unaryText(fn: 'UPPER' | 'LOWER' | 'BTRIM' | 'CHAR_LENGTH'): FormulaOperator {
  return (operand, compile, pointer) => {
    const [node, p] = singleOperand(operand, pointer);
    const x = castTo(expectType(compile(node, p), ['text'], p), 'text');
    return typed(sql`${rawSql(fn)}(${x})`, fn === 'CHAR_LENGTH' ? 'number' : 'text');
  };
}

const concat: FormulaOperator = (operand, compile, pointer) => {
  const items = operandList(operand, pointer, 1).map(([node, p]) => sql`COALESCE(${castTo(compile(node, p), 'text')}, '')`);
  return typed(sql`(${joinSql(items, ' || ')})`, 'text');
};

const coalesce: FormulaOperator = (operand, compile, pointer) => {
  const items = operandList(operand, pointer, 1).map(([node, p]) => compile(node, p));
  const type = commonType(items, pointer);
  if (type === 'null') return typed(rawSql('NULL'), 'null');
  return typed(sql`COALESCE(${joinSql(items.map((i) => castTo(i, type)), ', ')})`, type);
};

const conditional: FormulaOperator = (operand, compile, pointer) => {
  const [[c, cp], [a, ap], [b, bp]] = operandList(operand, pointer, 3, 3);
  const condition = castTo(expectType(compile(c, cp), ['boolean'], cp), 'boolean');
  const branches: TypedSql[] = [compile(a, ap), compile(b, bp)];
  const type = commonType(branches, pointer);
  if (type === 'null') return typed(rawSql('NULL'), 'null');
  const [then, otherwise] = branches.map((x) => castTo(x, type));
  return typed(sql`(CASE WHEN ${condition} THEN ${then} ELSE ${otherwise} END)`, type);
};

const not: FormulaOperator = (operand, compile, pointer) => {
  const [node, p] = singleOperand(operand, pointer);
  return typed(sql`(NOT ${castTo(expectType(compile(node, p), ['boolean'], p), 'boolean')})`, 'boolean');
};

/** Arithmetic, comparison, logic, text and choice operators; dates live in formula-dates.ts. */
export const FORMULA_OPERATORS: Readonly<Record<string, FormulaOperator>> = {
  $add: arithmetic('+'),
  $subtract: arithmetic('-'),
  $multiply: arithmetic('*'),
  $divide: arithmetic('/'),
  $mod: arithmetic('%'),
  $round: round,
  $abs: unaryNumber((x) => sql`ABS(${x})`),
  $negate: unaryNumber((x) => sql`(-${x})`),
  $eq: comparison('='),
  $ne: comparison('<>'),
  $gt: comparison('>'),
  $gte: comparison('>='),
  $lt: comparison('<'),
  $lte: comparison('<='),
  $and: logical(' AND '),
  $or: logical(' OR '),
  $not: not,
  $concat: concat,
  $upper: unaryText('UPPER'),
  $lower: unaryText('LOWER'),
  $trim: unaryText('BTRIM'),
  $length: unaryText('CHAR_LENGTH'),
  $coalesce: coalesce,
  $if: conditional,
};
