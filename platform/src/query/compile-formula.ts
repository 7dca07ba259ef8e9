import type { FormulaReturnType } from '../core/snapshot-types.ts';
import { fieldKind, type ValueKind } from './field-kind.ts';
import { checkText } from './filter-value.ts';
import { DATE_OPERATORS } from './formula-dates.ts';
import { FORMULA_OPERATORS } from './formula-operators.ts';
import { castTo, typed, type FormulaType, type TypedSql } from './formula-types.ts';
import { invalidFilter, pointerToken, quoted } from './invalid-filter.ts';
import type { QueryScope } from './query-scope.ts';
import { bound, rawSql, sql, type SqlFragment } from './sql-fragment.ts';
import { msg } from '../core/messages/message.ts';

export interface FormulaOptions {
  returns: FormulaReturnType;
  /** The lookup path of the object the formula belongs to ('' or absent for the scope's root). */
  basePath?: string;
  /** Where the expression sits in the caller's document; error paths start here. */
  pointer?: string;
}

const MAX_NODES = 1_000;
const OPERATORS = { ...FORMULA_OPERATORS, ...DATE_OPERATORS };

const RETURNS: Record<FormulaReturnType, { sqlType: string; accepts: readonly FormulaType[]; as: FormulaType }> = {
  number: { sqlType: 'numeric', accepts: ['number'], as: 'number' },
  currency: { sqlType: 'numeric', accepts: ['number'], as: 'number' },
  percent: { sqlType: 'numeric', accepts: ['number'], as: 'number' },
  integer: { sqlType: 'bigint', accepts: ['number'], as: 'number' },
  text: { sqlType: 'text', accepts: ['number', 'text', 'boolean', 'date', 'datetime'], as: 'text' },
  boolean: { sqlType: 'boolean', accepts: ['boolean'], as: 'boolean' },
  date: { sqlType: 'date', accepts: ['date', 'datetime'], as: 'date' },
  datetime: { sqlType: 'timestamptz', accepts: ['date', 'datetime'], as: 'datetime' },
};

const TYPE_OF_KIND: Partial<Record<ValueKind, FormulaType>> = {
  number: 'number',
  integer: 'number',
  id: 'number',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

/**
 * Compiles a formula expression (JSON) to an SQL expression of the field's return type.
 * `$field` paths are resolved through `scope`, relative to `basePath`; formulas they name are inlined.
 */
export function compileFormula(expr: unknown, scope: QueryScope, options: FormulaOptions): SqlFragment {
  const pointer = options.pointer ?? '';
  const target = Object.hasOwn(RETURNS, options.returns) ? RETURNS[options.returns] : undefined;
  if (!target) throw invalidFilter(pointer, msg('query.unknownReturnType', { type: quoted(options.returns) }));
  let nodes = 0;
  const basePath = options.basePath ?? '';

  const compile = (node: unknown, at: string): TypedSql => {
    if (++nodes > MAX_NODES) throw invalidFilter(at, msg('query.tooManyParts', { max: MAX_NODES }));
    if (node === null) return typed(rawSql('NULL'), 'null');
    switch (typeof node) {
      case 'number':
        if (!Number.isFinite(node)) throw invalidFilter(at, msg('query.finite'));
        return typed(bound(node, 'numeric'), 'number');
      case 'string':
        return typed(bound(checkText(node, at), 'text'), 'text');
      case 'boolean':
        return typed(rawSql(node ? 'TRUE' : 'FALSE'), 'boolean');
      case 'object':
        break;
      default:
        throw invalidFilter(at, msg('query.expectedLiteral'));
    }
    if (Array.isArray(node)) throw invalidFilter(at, msg('query.expectedLiteralNotArray'));
    const entries = Object.entries(node as Record<string, unknown>);
    if (entries.length !== 1) throw invalidFilter(at, msg('query.oneKey'));
    const [op, operand] = entries[0];
    const opPointer = `${at}/${pointerToken(op)}`;
    if (op === '$field') return fieldReference(operand, scope, basePath, opPointer);
    const operator = Object.hasOwn(OPERATORS, op) ? OPERATORS[op] : undefined;
    if (!operator) throw invalidFilter(opPointer, msg('query.unknownFormulaOp', { op: quoted(op) }));
    return operator(operand, compile, opPointer);
  };

  const result = compile(expr, pointer);
  if (result.type !== 'null' && !target.accepts.includes(result.type)) {
    throw invalidFilter(pointer, msg('query.formulaReturns', { type: result.type, returns: options.returns }));
  }
  return sql`CAST(${castTo(result, result.type === 'null' ? 'null' : target.as)} AS ${rawSql(target.sqlType)})`;
}

function fieldReference(path: unknown, scope: QueryScope, basePath: string, pointer: string): TypedSql {
  if (typeof path !== 'string') throw invalidFilter(pointer, msg('query.fieldExpectsPath'));
  const resolved = scope.resolveFormulaReference(basePath, path, pointer);
  const type = TYPE_OF_KIND[fieldKind(resolved.field)];
  if (!type) throw invalidFilter(pointer, msg('query.notInFormula', { type: resolved.field.type, field: resolved.field.name }));
  return typed(resolved, type);
}
