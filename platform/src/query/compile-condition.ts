import { fieldKind, type ValueKind } from './field-kind.ts';
import { checkText, filterValue } from './filter-value.ts';
import { filterVariable } from './filter-variable.ts';
import { phoneFilterKey } from './phone-filter-key.ts';
import { phoneKeySql } from './phone-key.ts';
import { invalidFilter, pointerToken, quoted } from './invalid-filter.ts';
import type { QueryScope, ResolvedPath } from './query-scope.ts';
import { bound, FALSE_SQL, joinSql, rawSql, sql, TRUE_SQL, type SqlFragment } from './sql-fragment.ts';
import { msg } from '../core/messages/message.ts';

export const MAX_IN_VALUES = 1000;

const ORDERED: ReadonlySet<ValueKind> = new Set(['number', 'integer', 'id', 'text', 'date', 'datetime']);

/** `%`, `_` and `\` are LIKE metacharacters; escaped, the client's text matches literally. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function textArray(values: readonly SqlFragment[]): SqlFragment {
  return sql`ARRAY[${joinSql(values, ', ')}]::text[]`;
}

/**
 * Compiles `{<path>: {<op>: value}}` for one op. Null from a `$user` variable means "unknown":
 * it equals nothing (so `$eq` is false and `$ne` true) and orders against nothing.
 */
export function compileCondition(path: ResolvedPath, op: string, raw: unknown, scope: QueryScope, pointer: string): SqlFragment {
  const kind = fieldKind(path.field);
  const e: SqlFragment = { sql: path.sql, bindings: path.bindings };
  const type = path.field.type === 'formula' ? msg('query.formulaType', { type: path.field.returns }) : path.field.type;
  const refuse = () => invalidFilter(pointer, msg('query.opOnType', { op, field: path.field.name, type }));
  const single = () => filterVariable(raw, scope.variables, pointer, kind, path);
  const list = (): unknown[] => {
    if (!Array.isArray(raw)) throw invalidFilter(pointer, msg('query.expectsArray', { op }));
    if (raw.length > MAX_IN_VALUES) throw invalidFilter(pointer, msg('query.atMostValues', { op, max: MAX_IN_VALUES }));
    return raw;
  };

  switch (op) {
    case '$eq':
    case '$ne': {
      const { value, fromVariable } = single();
      const eq = op === '$eq';
      if (value === null) {
        if (fromVariable) return eq ? FALSE_SQL : TRUE_SQL;
        return sql`${e} ${rawSql(eq ? 'IS NULL' : 'IS NOT NULL')}`;
      }
      if (kind === 'multienum') {
        if (!Array.isArray(value)) throw invalidFilter(pointer, msg('query.expectsOptions', { op, field: path.field.name }));
        const arr = textArray(stringList(value, pointer));
        const same = sql`(${e} @> ${arr} AND ${e} <@ ${arr})`;
        return eq ? same : sql`NOT COALESCE(${same}, FALSE)`;
      }
      const v = filterValue(kind, value, pointer);
      return eq ? sql`${e} = ${v}` : sql`${e} IS DISTINCT FROM ${v}`;
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      if (!ORDERED.has(kind)) throw refuse();
      const { value, fromVariable } = single();
      if (value === null && fromVariable) return FALSE_SQL;
      const symbol = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op];
      return sql`${e} ${rawSql(symbol)} ${filterValue(kind, value, pointer)}`;
    }
    case '$between': {
      if (!ORDERED.has(kind)) throw refuse();
      const pair = list();
      if (pair.length !== 2) throw invalidFilter(pointer, msg('query.between'));
      const [low, high] = pair.map((item, i) => filterVariable(item, scope.variables, `${pointer}/${i}`, kind, path));
      if ((low.value === null && low.fromVariable) || (high.value === null && high.fromVariable)) return FALSE_SQL;
      const lo = filterValue(kind, low.value, `${pointer}/0`);
      const hi = filterValue(kind, high.value, `${pointer}/1`);
      return sql`${e} BETWEEN ${lo} AND ${hi}`;
    }
    case '$in':
    case '$nin': {
      if (kind === 'json') throw refuse();
      const inList = op === '$in';
      let withNull = false;
      const values: SqlFragment[] = [];
      list().forEach((item, i) => {
        const p = `${pointer}/${i}`;
        const { value, fromVariable } = filterVariable(item, scope.variables, p, kind, path);
        if (value === null) withNull ||= !fromVariable;
        else if (typeof value === 'object') throw invalidFilter(p, msg('query.scalars', { op }));
        else values.push(kind === 'multienum' ? bound(checkText(value, p), 'text') : filterValue(kind, value, p));
      });
      let match: SqlFragment;
      if (kind === 'multienum') match = values.length ? sql`${e} && ${textArray(values)}` : FALSE_SQL;
      else match = values.length ? sql`${e} IN (${joinSql(values, ', ')})` : FALSE_SQL;
      if (withNull) match = sql`(${e} IS NULL OR ${match})`;
      if (inList) return match;
      if (match === FALSE_SQL) return TRUE_SQL;
      return sql`NOT COALESCE(${match}, FALSE)`;
    }
    case '$contains': {
      const { value, fromVariable } = single();
      if (kind === 'text') {
        if (value === null && fromVariable) return FALSE_SQL;
        return sql`${e} ILIKE ${bound(`%${likeEscape(checkText(value, pointer))}%`, 'text')}`;
      }
      if (kind === 'multienum') {
        if (value === null && fromVariable) return FALSE_SQL;
        return sql`${e} @> ${textArray([bound(checkText(value, pointer), 'text')])}`;
      }
      if (kind === 'json') return sql`${e} @> ${filterValue('json', value, pointer)}`;
      throw refuse();
    }
    case '$startsWith': {
      if (kind !== 'text') throw refuse();
      const { value, fromVariable } = single();
      if (value === null && fromVariable) return FALSE_SQL;
      return sql`${e} ILIKE ${bound(`${likeEscape(checkText(value, pointer))}%`, 'text')}`;
    }
    case '$phone': {
      if (path.field.type !== 'phone') throw refuse();
      const { value, fromVariable } = single();
      if (value === null && fromVariable) return FALSE_SQL;
      return sql`${{ sql: phoneKeySql(e.sql), bindings: e.bindings }} = ${bound(phoneFilterKey(value, pointer), 'text')}`;
    }
    case '$null': {
      if (typeof raw !== 'boolean') throw invalidFilter(pointer, msg('query.nullFlag'));
      if (kind === 'multienum') return raw ? sql`(${e} IS NULL OR cardinality(${e}) = 0)` : sql`cardinality(${e}) > 0`;
      return sql`${e} ${rawSql(raw ? 'IS NULL' : 'IS NOT NULL')}`;
    }
    default:
      throw invalidFilter(pointer, msg('query.unknownOpOn', { op: quoted(op), field: path.field.name }));
  }
}

function stringList(values: unknown[], pointer: string): SqlFragment[] {
  if (values.length > MAX_IN_VALUES) throw invalidFilter(pointer, msg('query.atMostOptions', { max: MAX_IN_VALUES }));
  return values.map((v, i) => bound(checkText(v, `${pointer}/${pointerToken(i)}`), 'text'));
}
