import type { Knex } from 'knex';
import type { FieldInfo, ObjectInfo } from '../core/snapshot-types.ts';
import type { Policy } from '../permissions/resolve-policy.ts';
import type { QueryScope, SqlFragment } from '../query/index.ts';
import { quoteIdentifier } from '../query/sql-fragment.ts';
import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { nameLabel } from '../core/messages/kind-labels.ts';

export type RecordData = Record<string, unknown>;

// The drivers already return ISO strings (see core/database.ts); Dates come only from JS-side values.
const toIso = (v: unknown) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** Converts a column value as the drivers return it into the JSON the API promises. */
export function toApiValue(field: FieldInfo, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const type = field.type === 'formula' ? field.returns : field.type;
  switch (type) {
    case 'id':
    case 'lookup':
      return String(value);
    case 'integer':
    case 'number':
    case 'currency':
    case 'percent':
      return Number(value);
    case 'datetime':
      return toIso(value);
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    default:
      return value;
  }
}

const visibleCache = new WeakMap<ObjectInfo, Map<string, FieldInfo[]>>();

/** The fields a caller receives: readable ones, optionally narrowed by `fields=`. */
export function visibleFields(object: ObjectInfo, policy: Policy, requested?: readonly string[]): FieldInfo[] {
  const key = `${policy.fieldsKey}|${requested?.join(',') ?? ''}`;
  let byKey = visibleCache.get(object);
  const cached = byKey?.get(key);
  if (cached) return cached;
  const fields = computeVisibleFields(object, policy, requested);
  if (!byKey) visibleCache.set(object, (byKey = new Map()));
  if (byKey.size < 1000) byKey.set(key, fields);
  return fields;
}

function computeVisibleFields(object: ObjectInfo, policy: Policy, requested?: readonly string[]): FieldInfo[] {
  const readable = [...object.fields.values()].filter((f) => policy.fieldAccess(f) !== 'none');
  if (!requested?.length) return readable;
  const wanted = new Set(requested);
  for (const name of wanted) {
    const f = object.fields.get(name);
    if (!f) throw createError('BAD_REQUEST', msg('record.unknownField', { name }), [{ path: `/fields/${name.slice(0, 100)}`, message: msg('value.notAField', { name: name.slice(0, 100), object: nameLabel(object) }) }]);
    if (policy.fieldAccess(f) === 'none') throw createError('FORBIDDEN', msg('record.fieldNotPermitted', { name }), [{ path: `/fields/${name}`, message: msg('record.fieldNotVisible', { name }) }]);
  }
  return readable.filter((f) => f.name === 'id' || f.name === '_version' || wanted.has(f.name));
}

const rootColumns = new WeakMap<readonly FieldInfo[], string>();

/**
 * One SELECT list for the given fields: columns of the root table, and formulas computed by
 * PostgreSQL. `fields` has passed the policy already (visibleFields), so stored columns of the root
 * are written directly; formulas go through the scope, which adds the joins they need.
 */
export function selectFieldsSql(scope: QueryScope, fields: readonly FieldInfo[]): SqlFragment {
  const hasFormulas = fields.some((f) => f.column === null);
  if (!hasFormulas && !scope.rootFieldsMasked && scope.rootAlias === 't0') {
    let sql = rootColumns.get(fields);
    if (sql === undefined) {
      sql = fields.map((f) => `"t0".${quoteIdentifier(f.column!)} AS ${quoteIdentifier(f.name)}`).join(', ');
      rootColumns.set(fields, sql);
    }
    return { sql, bindings: [] };
  }
  const parts: string[] = [];
  const bindings: unknown[] = [];
  for (const f of fields) {
    const resolved = scope.resolvePath(f.name, 'select');
    parts.push(`${resolved.sql} AS ${quoteIdentifier(f.name)}`);
    bindings.push(...resolved.bindings);
  }
  return { sql: parts.join(', '), bindings };
}

export function selectFields(db: Knex, scope: QueryScope, fields: readonly FieldInfo[]): Knex.Raw {
  const select = selectFieldsSql(scope, fields);
  return db.raw(select.sql, select.bindings as Knex.RawBinding[]);
}

export function toApiRecord(fields: readonly FieldInfo[], row: RecordData): RecordData {
  const out: RecordData = {};
  for (const f of fields) out[f.name] = toApiValue(f, row[f.name]);
  return out;
}
