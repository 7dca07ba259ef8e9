import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import { detail, createError, type ErrorDetail } from '../core/errors.ts';
import type { FieldInfo, ObjectInfo } from '../core/snapshot-types.ts';
import type { Policy } from '../permissions/resolve-policy.ts';
import { QueryScope, compileFormula } from '../query/index.ts';
import { checkFieldValue, fieldError, isBlank } from './field-values.ts';
import { msg } from '../core/messages/message.ts';
import { nameLabel, objectLabel } from '../core/messages/kind-labels.ts';

/** Keys a client may send that are not fields to write. */
const CONTROL_KEYS = new Set(['id', '_version']);

export type ColumnValues = Record<string, unknown>;

function assertPlainObject(input: unknown): asserts input is Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw createError('BAD_REQUEST', msg('record.bodyNotValues'));
  }
}

const NO_FIELDS: ReadonlySet<string> = new Set();

export interface CheckedValues {
  /** The values that passed their checks. */
  values: ColumnValues;
  /** One detail per value that did not (empty when all did). */
  invalid: ErrorDetail[];
}

export const invalidValues = (object: ObjectInfo, details: ErrorDetail[]) => createError('VALIDATION_FAILED', msg('record.valuesInvalid', { object: objectLabel(object) }), details);

/**
 * Checks a create or update body against the object's fields and the caller's field permissions;
 * every bad field is reported at once and nothing is written.
 */
export function prepareValues(object: ObjectInfo, policy: Policy, input: unknown, mode: 'create' | 'update', ctx: Ctx, setByHooks: ReadonlySet<string> = NO_FIELDS): ColumnValues {
  const { values, invalid } = checkValues(object, policy, input, mode, ctx, setByHooks);
  if (invalid.length) throw invalidValues(object, invalid);
  return values;
}

/**
 * `prepareValues` that hands back the bad values' details instead of throwing them, so that a write
 * can report its validation rules' errors in the same answer. A field the caller may not write and
 * a body that is not an object are still refused at once.
 */
export function checkValues(object: ObjectInfo, policy: Policy, input: unknown, mode: 'create' | 'update', ctx: Ctx, setByHooks: ReadonlySet<string> = NO_FIELDS): CheckedValues {
  assertPlainObject(input);
  const details: ErrorDetail[] = [];
  const forbidden: string[] = [];
  const values: ColumnValues = {};
  for (const [name, value] of Object.entries(input)) {
    if (CONTROL_KEYS.has(name)) continue;
    const field = object.fields.get(name);
    if (!field) {
      details.push(detail(`/${name.slice(0, 100)}`, msg('value.notAField', { name: name.slice(0, 100), object: nameLabel(object) })));
      continue;
    }
    // A value a pack's before hook set is the pack's business logic, as a system write would be: the caller's field permissions and read-only flags do not apply to it.
    const byHook = setByHooks.has(name);
    if (!byHook && policy.fieldAccess(field) !== 'write') {
      forbidden.push(name);
      continue;
    }
    if (field.system || field.type === 'formula' || (field.definition?.readOnly && ctx.actor.kind !== 'system' && !byHook)) {
      details.push(fieldError(field, field.type === 'formula' ? msg('value.computed') : msg('value.readOnly')));
      continue;
    }
    if (value === undefined) continue;
    const checked = checkFieldValue(field, value === '' && field.type !== 'text' && field.type !== 'textarea' ? null : value);
    if (!checked.ok) details.push(fieldError(field, checked.message));
    else {
      const refined = field.definition?.fieldType && checked.value !== null ? packTypeProblem(field.definition.fieldType, checked.value, ctx) : null;
      if (refined) details.push(fieldError(name, refined));
      else values[name] = checked.value;
    }
  }
  if (forbidden.length) {
    throw createError('FORBIDDEN', msg('record.notPermittedToChange', { fields: forbidden.join(', ') }), forbidden.map((f) => ({ path: `/${f}`, message: msg('value.notWritable') })));
  }
  for (const field of object.customFields) {
    if (!field.definition?.required || field.type === 'formula') continue;
    const given = Object.hasOwn(values, field.name);
    const missing = mode === 'create' ? !given || isBlank(values[field.name]) : given && isBlank(values[field.name]);
    if (missing && !(mode === 'create' && hasDefault(field))) details.push(fieldError(field, msg('value.required')));
  }
  return { values, invalid: details };
}

/**
 * What the pack's field type says of a value. A context without the registry cannot tell, and
 * accepting the value would store one the pack refuses, so it is an error of the caller's wiring.
 * A type no pack registers any more (its pack was removed) checks nothing.
 */
function packTypeProblem(fieldType: string, value: unknown, ctx: Ctx): string | null {
  if (!ctx.registry) throw new Error(`Checking a value of the field type '${fieldType}' needs the pack registry on the context.`);
  return ctx.registry.fieldType(fieldType)?.check(value) ?? null;
}

function hasDefault(field: FieldInfo): boolean {
  return field.definition?.default !== undefined || field.definition?.defaultExpression !== undefined;
}

/** Literal defaults, and default expressions computed by PostgreSQL in the INSERT itself. */
export function applyDefaults(object: ObjectInfo, values: ColumnValues, ctx: Ctx): ColumnValues {
  const out: ColumnValues = { ...values };
  for (const field of object.customFields) {
    if (Object.hasOwn(out, field.name) || field.type === 'formula') continue;
    const def = field.definition;
    if (def?.default !== undefined) {
      const checked = checkFieldValue(field, def.default);
      if (checked.ok) out[field.name] = checked.value;
    } else if (def?.defaultExpression !== undefined) {
      const returns = defaultReturnType(field);
      const compiled = compileFormula(def.defaultExpression, new QueryScope(ctx.schema, object), { returns });
      out[field.name] = ctx.db.raw(compiled.sql, compiled.bindings as Knex.RawBinding[]);
    }
  }
  return out;
}

/**
 * A new record's row: its values with the defaults applied, owned by and created by the caller in
 * the caller's department, then `extra` (origin columns). Built as one object: imports build a
 * million of these.
 */
export function newRecordRow(object: ObjectInfo, values: ColumnValues, ctx: Ctx, extra?: object): ColumnValues {
  const row = applyDefaults(object, values, ctx);
  row._owner = ctx.actor.id;
  row._department = ctx.actor.department;
  row._created_by = ctx.actor.id;
  return extra ? Object.assign(row, extra) : row;
}

export function defaultReturnType(field: FieldInfo): 'text' | 'number' | 'integer' | 'currency' | 'percent' | 'boolean' | 'date' | 'datetime' {
  switch (field.type) {
    case 'number':
    case 'integer':
    case 'currency':
    case 'percent':
    case 'boolean':
    case 'date':
    case 'datetime':
      return field.type;
    default:
      return 'text';
  }
}
