import { compileCondition } from './compile-condition.ts';
import { invalidFilter, pointerToken, quoted } from './invalid-filter.ts';
import type { QueryScope } from './query-scope.ts';
import { FALSE_SQL, joinSql, sql, TRUE_SQL, type SqlFragment } from './sql-fragment.ts';
import { msg } from '../core/messages/message.ts';

export const MAX_FILTER_DEPTH = 20;
export const MAX_FILTER_CONDITIONS = 200;
/** Bounds the work spent on keys and empty objects, which are not conditions. */
const MAX_FILTER_NODES = 2_000;

interface Budget {
  conditions: number;
  nodes: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Compiles the filter language of SPEC 5.3 to a boolean SQL expression over `scope`'s tables
 * (joins for lookup paths are added to the scope). Unknown values compare as not matching,
 * so `$not` of a condition on a null field is true.
 */
export function compileFilter(filter: unknown, scope: QueryScope, pointer = ''): SqlFragment {
  return compileNode(filter, scope, pointer, 0, { conditions: 0, nodes: 0 });
}

function parenthesize(parts: SqlFragment[], separator: ' AND ' | ' OR '): SqlFragment {
  if (parts.length === 1) return parts[0];
  return joinSql(parts.map((p) => sql`(${p})`), separator);
}

function charge(budget: Budget, pointer: string, condition: boolean): void {
  budget.nodes++;
  if (condition) budget.conditions++;
  if (budget.conditions > MAX_FILTER_CONDITIONS || budget.nodes > MAX_FILTER_NODES) {
    throw invalidFilter(pointer, msg('query.tooManyConditions', { max: MAX_FILTER_CONDITIONS }));
  }
}

function compileNode(node: unknown, scope: QueryScope, pointer: string, depth: number, budget: Budget): SqlFragment {
  if (depth > MAX_FILTER_DEPTH) throw invalidFilter(pointer, msg('query.tooDeep', { max: MAX_FILTER_DEPTH }));
  if (!isPlainObject(node)) throw invalidFilter(pointer, msg('query.expectedFilter'));
  const parts: SqlFragment[] = [];
  for (const [key, value] of Object.entries(node)) {
    const p = `${pointer}/${pointerToken(key)}`;
    charge(budget, p, false);
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) throw invalidFilter(p, msg('query.expectsFilters', { op: key }));
      const items = value.map((item, i) => compileNode(item, scope, `${p}/${i}`, depth + 1, budget));
      if (items.length === 0) parts.push(key === '$and' ? TRUE_SQL : FALSE_SQL);
      else parts.push(sql`(${parenthesize(items, key === '$and' ? ' AND ' : ' OR ')})`);
    } else if (key === '$not') {
      parts.push(sql`NOT COALESCE((${compileNode(value, scope, p, depth + 1, budget)}), FALSE)`);
    } else if (key.startsWith('$')) {
      throw invalidFilter(p, msg('query.unknownOp', { op: quoted(key) }));
    } else {
      parts.push(compilePath(key, value, scope, p, budget));
    }
  }
  return parts.length === 0 ? TRUE_SQL : parenthesize(parts, ' AND ');
}

function compilePath(path: string, value: unknown, scope: QueryScope, pointer: string, budget: Budget): SqlFragment {
  if (Array.isArray(value)) throw invalidFilter(pointer, msg('query.useIn', { path: quoted(path) }));
  const resolved = scope.resolvePath(path, 'filter', pointer);
  if (!isPlainObject(value)) {
    charge(budget, pointer, true);
    return compileCondition(resolved, '$eq', value, scope, pointer);
  }
  const ops = Object.entries(value);
  if (ops.length === 0) throw invalidFilter(pointer, msg('query.noOperator', { path: quoted(path) }));
  const parts = ops.map(([op, operand]) => {
    const p = `${pointer}/${pointerToken(op)}`;
    charge(budget, p, true);
    return compileCondition(resolved, op, operand, scope, p);
  });
  return parenthesize(parts, ' AND ');
}
