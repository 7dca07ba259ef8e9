import type { ObjectDefinition } from '../generated/object.ts';
import { detail, type ErrorDetail } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { quoteIdentifier } from '../query/sql-fragment.ts';
import { columnTypeOf } from './column-types.ts';

/**
 * The condition of a `uniqueWhere` rule becomes the predicate of a partial unique index, so the
 * database itself keeps e.g. one active booking per booth, whatever runs at the same time. An index
 * predicate must be fixed SQL: the condition may only compare the object's own stored fields with
 * literal values, joined by AND.
 */
const COMPARABLE_TYPES = new Set(['text', 'email', 'phone', 'url', 'enum', 'boolean', 'integer', 'number', 'currency', 'percent', 'date', 'lookup']);
const OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', '$null']);
const MAX_VALUES = 50;

type Literal = string | number | boolean;

export interface UniqueWherePredicate {
  sql?: string;
  problems: ErrorDetail[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as SQL text. Strings are quoted with doubled quotes (standard_conforming_strings is on in every supported server). */
function literal(value: Literal, columnType: string): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'::${columnType}`;
}

function literalFits(value: unknown, fieldType: string): value is Literal {
  if (fieldType === 'boolean') return typeof value === 'boolean';
  if (fieldType === 'lookup') return typeof value === 'string' && /^[1-9][0-9]{0,18}$/.test(value);
  if (['integer', 'number', 'currency', 'percent'].includes(fieldType)) return typeof value === 'number' && Number.isFinite(value) && (fieldType !== 'integer' || Number.isInteger(value));
  if (fieldType === 'date') return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
  return typeof value === 'string' && value.length <= 500;
}

/** Checks the rule's condition against the definition and, when it is usable, gives the index predicate. */
export function uniqueWherePredicate(where: unknown, def: ObjectDefinition, at: string): UniqueWherePredicate {
  const problems: ErrorDetail[] = [];
  if (!isPlainObject(where) || Object.keys(where).length === 0) {
    return { problems: [detail(at, msg('object.uniqueWhereShape'))] };
  }
  const parts: string[] = [];
  for (const [name, condition] of Object.entries(where)) {
    const path = `${at}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const field = def.fields.find((f) => f.name === name);
    if (!field || !COMPARABLE_TYPES.has(field.type)) {
      problems.push(detail(path, field ? msg('object.uniqueWhereFieldType', { type: field.type }) : msg('object.notAField', { name })));
      continue;
    }
    if (!isPlainObject(condition) || Object.keys(condition).length === 0) {
      problems.push(detail(path, msg('object.uniqueWhereShape')));
      continue;
    }
    const column = quoteIdentifier(field.name);
    const columnType = columnTypeOf(field.type) as string;
    for (const [op, value] of Object.entries(condition)) {
      const opPath = `${path}/${op}`;
      if (!OPERATORS.has(op)) {
        problems.push(detail(opPath, msg('object.uniqueWhereOperator', { op })));
        continue;
      }
      if (op === '$null') {
        if (typeof value !== 'boolean') problems.push(detail(opPath, msg('object.uniqueWhereValue')));
        else parts.push(`${column} IS ${value ? '' : 'NOT '}NULL`);
        continue;
      }
      const list = op === '$in' || op === '$nin';
      const values = list ? value : [value];
      if (!Array.isArray(values) || values.length === 0 || values.length > MAX_VALUES || !values.every((v) => literalFits(v, field.type))) {
        problems.push(detail(opPath, msg('object.uniqueWhereValue')));
        continue;
      }
      if (field.type === 'enum' && field.options) {
        const known = new Set(field.options.map((o) => (typeof o === 'string' ? o : o.value)));
        const unknown = (values as string[]).find((v) => !known.has(v));
        if (unknown !== undefined) {
          problems.push(detail(opPath, msg('object.uniqueWhereOption', { value: unknown })));
          continue;
        }
      }
      const sqlValues = (values as Literal[]).map((v) => literal(v, columnType));
      if (op === '$eq') parts.push(`${column} = ${sqlValues[0]}`);
      else if (op === '$ne') parts.push(`${column} <> ${sqlValues[0]}`);
      else parts.push(`${column} ${op === '$in' ? 'IN' : 'NOT IN'} (${sqlValues.join(', ')})`);
    }
  }
  if (problems.length) return { problems };
  return { sql: parts.map((p) => `(${p})`).join(' AND '), problems };
}
