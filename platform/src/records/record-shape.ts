import type { Knex } from 'knex';
import type { FieldInfo, ObjectInfo } from '../metadata/snapshot-types.ts';
import type { Policy } from '../permissions/resolve-policy.ts';
import type { QueryScope } from '../query/index.ts';
import { createError } from '../core/errors.ts';

export type RecordData = Record<string, unknown>;

const toIso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : new Date(String(v)).toISOString());

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

/** The fields a caller receives: readable ones, optionally narrowed by `fields=`. */
export function visibleFields(object: ObjectInfo, policy: Policy, requested?: readonly string[]): FieldInfo[] {
  const readable = [...object.fields.values()].filter((f) => policy.fieldAccess(f) !== 'none');
  if (!requested?.length) return readable;
  const wanted = new Set(requested);
  for (const name of wanted) {
    const f = object.fields.get(name);
    if (!f) throw createError('BAD_REQUEST', `Unknown field '${name}' in fields.`, [{ path: '/fields', message: `'${name}' is not a field of ${object.name}` }]);
    if (policy.fieldAccess(f) === 'none') throw createError('FORBIDDEN', `You are not permitted to use the field '${name}'.`, [{ path: '/fields', message: `'${name}' is not visible to you` }]);
  }
  return readable.filter((f) => f.name === 'id' || f.name === '_version' || wanted.has(f.name));
}

/** SELECT expressions for the given fields: a column, or the formula computed by PostgreSQL. */
export function selectFields(db: Knex, scope: QueryScope, fields: readonly FieldInfo[]): Knex.Raw[] {
  return fields.map((f) => {
    const resolved = scope.resolvePath(f.name, 'select');
    return db.raw(`${resolved.sql} AS ??`, [...resolved.bindings, f.name] as Knex.RawBinding[]);
  });
}

export function toApiRecord(fields: readonly FieldInfo[], row: RecordData): RecordData {
  const out: RecordData = {};
  for (const f of fields) out[f.name] = toApiValue(f, row[f.name]);
  return out;
}
