import type { Knex } from 'knex';
import { systemContext, type Ctx } from '../core/ctx.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { SQL_TYPE, kindOfType } from '../query/field-kind.ts';
import { quoteIdentifier, quoteTable, type SqlFragment } from '../query/sql-fragment.ts';
import { SYSTEM_COLUMN_TYPES } from '../schema/column-types.ts';
import type { LockedRecord } from './locked-record.ts';
import { refuseWhileLinked } from '../organisation/user-links.ts';
import type { ColumnValues } from './prepare-values.ts';
import type { RecordData } from './record-shape.ts';

// The only code that writes record rows (tests/unit/architecture/record-writes.test.ts holds every
// other file to that). A change of an existing record takes a LockedRecord, so it can only follow a
// lock in the caller's scope; the system's writes by id go through scopedQuery in systemContext;
// new records are inserted here too, by the statements their callers wrap with history.

/** What a change of a record writes along: the next `_version` (optimistic concurrency) and `_updated_at`. */
function nextVersion(db: Knex): ColumnValues {
  return { _version: db.raw('_version + 1'), _updated_at: db.fn.now() };
}

const lockedRow = (locked: LockedRecord, ctx: Ctx) => ctx.db(locked.object.table).where({ id: locked.id });

/** Writes values to a locked record in its next version; returns the row as written. */
export async function updateLocked(locked: LockedRecord, values: ColumnValues, ctx: Ctx): Promise<RecordData> {
  const [row] = await lockedRow(locked, ctx).update({ ...values, ...nextVersion(ctx.db) }).returning('*');
  return row;
}

/** A change of one locked record in a bulk write. */
export interface LockedChange {
  locked: LockedRecord;
  values: ColumnValues;
}

/**
 * Writes many locked records of one object, each in its next version, with one
 * `UPDATE … FROM unnest(…)` per set of changed fields (one array parameter per column, so no
 * parameter limit); returns the rows as written, with only the `returning` columns when given.
 */
export async function updateLockedMany(object: ObjectInfo, changes: readonly LockedChange[], ctx: Ctx, returning?: readonly string[]): Promise<RecordData[]> {
  const byFields = new Map<string, LockedChange[]>();
  for (const change of changes) {
    if (change.locked.object.name !== object.name) throw new Error(`A bulk write of ${object.name} was handed a record of ${change.locked.object.name}.`);
    const key = Object.keys(change.values).sort().join(',');
    const group = byFields.get(key);
    if (group) group.push(change);
    else byFields.set(key, [change]);
  }
  const written: RecordData[] = [];
  const returned = returning ? returning.map((c) => `t0.${quoteIdentifier(c)}`).join(', ') : 't0.*';
  for (const [key, group] of byFields) {
    if (!key) continue;
    const columns = key.split(',').map((name) => columnOf(object, name));
    const aliases = columns.map((_, i) => `c${i}`);
    const sets = columns.map((c, i) => `${quoteIdentifier(c.column)} = ${c.type === 'text[]' ? `CASE WHEN v.${aliases[i]} IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(v.${aliases[i]})) END` : `v.${aliases[i]}`}`);
    const arrays = columns.map((c) => group.map(({ values }) => arrayElement(c.type, values[c.name])));
    const result = await ctx.db.raw(
      `UPDATE ${quoteTable(object.table)} AS t0 SET ${sets.join(', ')}, _version = t0._version + 1, _updated_at = now() ` +
        `FROM unnest(?::bigint[], ${columns.map((c) => `?::${c.type === 'text[]' ? 'jsonb' : c.type}[]`).join(', ')}) AS v(id, ${aliases.join(', ')}) ` +
        `WHERE t0.id = v.id RETURNING ${returned}`,
      [group.map(({ locked }) => locked.id), ...arrays] as Knex.RawBinding[],
    );
    written.push(...(result.rows as RecordData[]));
  }
  return written;
}

/** A value as an element of its column's array parameter: a multienum (an array itself) travels as JSON, since arrays of arrays do not unnest row by row. */
function arrayElement(type: string, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return type === 'text[]' ? JSON.stringify(value) : value;
}

/** The column a field's values are written to, and its type. */
function columnOf(object: ObjectInfo, name: string): { name: string; column: string; type: string } {
  const field = object.fields.get(name);
  if (!field || field.system || !field.column) throw new Error(`${object.name}.${name} is not a stored field a bulk write can set.`);
  return { name, column: field.column, type: SQL_TYPE[kindOfType(field.type)] };
}

/**
 * Deletes a locked record to the recycle bin: it keeps its row, and leaves every query that asks for
 * live records. A record users are linked to (the account of portal users) is refused with 409.
 */
export async function deleteLocked(locked: LockedRecord, ctx: Ctx): Promise<void> {
  await refuseWhileLinked(locked.object.name, locked.id, ctx.db);
  await lockedRow(locked, ctx).update({ _deleted_at: ctx.db.fn.now(), _deleted_by: ctx.actor.id });
}

/** Takes a locked record back out of the recycle bin. */
export async function restoreLocked(locked: LockedRecord, ctx: Ctx): Promise<void> {
  await lockedRow(locked, ctx).update({ _deleted_at: null, _deleted_by: null, _updated_at: ctx.db.fn.now() });
}

/** Removes a locked record's row for good; a foreign key that refuses surfaces as the database error. */
export async function purgeLocked(locked: LockedRecord, ctx: Ctx): Promise<void> {
  await lockedRow(locked, ctx).delete();
}

/** One record (live or in the recycle bin) as the system writes it by id: through the scoped query builder, in systemContext. */
function systemRow(object: ObjectInfo, id: string, ctx: Ctx): Knex.QueryBuilder {
  return scopedQuery(systemContext(ctx), object.name, 'update', { rows: 'all' }).query.where('t0.id', id);
}

// Every transition writes a state: its statement (the same for every record of an object, as the
// system's scope has no row filter) is built once per object of a snapshot, and this call's values
// take the places of these two.
const STATE_SLOT = '\u0000state';
const ID_SLOT = '\u0000id';
const stateUpdates = new WeakMap<ObjectInfo, SqlFragment>();

/**
 * The `UPDATE` that moves a record to a workflow state, in its next version, as SQL for a statement
 * that does more in the same round trip (a transition moves its instance and record together).
 */
export function recordStateUpdate(object: ObjectInfo, id: string, state: string | null, ctx: Ctx): SqlFragment {
  let statement = stateUpdates.get(object);
  if (!statement) {
    const { sql, bindings } = systemRow(object, ID_SLOT, ctx).update({ _state: STATE_SLOT, ...nextVersion(ctx.db) }).toSQL();
    statement = { sql, bindings: [...bindings] };
    stateUpdates.set(object, statement);
  }
  return { sql: statement.sql, bindings: statement.bindings.map((b) => (b === STATE_SLOT ? state : b === ID_SLOT ? id : b)) };
}

/** The record's `_state` follows its workflow instance; a change of state is a change of the record. */
export async function setRecordState(object: ObjectInfo, id: string, state: string | null, ctx: Ctx): Promise<void> {
  const update = recordStateUpdate(object, id, state, ctx);
  await ctx.db.raw(update.sql, update.bindings as Knex.RawBinding[]);
}

/**
 * A replayed past step (pack demo data, `workflow/replay-workflow.ts`): the record's `_updated_at`,
 * when the step wrote it at the transaction's `now()`, gets the step's moment instead. As SQL for a
 * statement that restamps the step's other rows in the same round trip.
 */
export function recordRestampSql(object: ObjectInfo, id: string, at: string): SqlFragment {
  return {
    sql: `UPDATE ${quoteTable(object.table)} SET "_updated_at" = CASE WHEN "_updated_at" = now() THEN ?::timestamptz ELSE "_updated_at" END WHERE id = ?::bigint`,
    bindings: [at, id],
  };
}

/**
 * Values written only to be tested and rolled back (the validation rules beside invalid values, a
 * workflow's conditions on a proposed change): not a change of the record, so no new version.
 */
export async function writeTentatively(object: ObjectInfo, id: string, values: ColumnValues, ctx: Ctx): Promise<void> {
  await systemRow(object, id, ctx).update(values);
}

/** Who a record the system has just created belongs to, and when it was made. */
export interface RecordOrigin {
  _owner?: unknown;
  _department?: unknown;
  _created_by?: unknown;
  _created_at?: unknown;
  _updated_at?: unknown;
}

/**
 * Every record of `object` whose lookup `field` points at `from` points at `to` instead (a merge),
 * whoever may see it and even in the recycle bin; `except` is left as it is.
 */
export async function repointLookups(object: string, field: string, from: string, to: string, except: string | null, ctx: Ctx): Promise<void> {
  const pointing = scopedQuery(systemContext(ctx), object, 'update', { rows: 'all' }).query.where(`t0.${field}`, from);
  if (except !== null) pointing.whereNot('t0.id', except);
  await pointing.update({ [field]: to });
}

const isRaw = (value: unknown): value is Knex.Raw => typeof value === 'object' && value !== null && typeof (value as Knex.Raw).toSQL === 'function';

/** `INSERT … VALUES (…) RETURNING *` of one new record; values may be SQL expressions (default expressions). */
export function recordInsertSql(object: ObjectInfo, row: ColumnValues): SqlFragment {
  const columns: string[] = [];
  const values: string[] = [];
  const bindings: unknown[] = [];
  for (const [column, value] of Object.entries(row)) {
    columns.push(quoteIdentifier(column));
    if (isRaw(value)) {
      const expression = value.toSQL();
      values.push(expression.sql);
      bindings.push(...expression.bindings);
    } else {
      values.push('?');
      bindings.push(value === undefined ? null : value);
    }
  }
  return { sql: `INSERT INTO ${quoteTable(object.table)} (${columns.join(', ')}) VALUES (${values.join(', ')}) RETURNING *`, bindings };
}

/** A new record written only to be tested and rolled back (validation rules beside invalid values); returns its id. */
export async function insertTentatively(object: ObjectInfo, row: ColumnValues, ctx: Ctx): Promise<string> {
  return String((await ctx.db(object.table).insert(row).returning('id'))[0].id);
}

/** System columns an import writes that have no database default, so a missing value is NULL either way. */
const PLAIN_SYSTEM_COLUMNS = new Set(['_owner', '_department', '_state', '_created_by', '_deleted_at', '_deleted_by']);

/**
 * One import batch as a single `INSERT … RETURNING *` (rows in order), for a statement that adds
 * their history: over unnest() with one array parameter per column when every column allows it,
 * else a plain multi-row insert.
 */
export function batchInsert(db: Knex, object: ObjectInfo, rows: readonly ColumnValues[]): Knex.Raw | Knex.QueryBuilder {
  return unnestInsert(db, object, rows) ?? db(object.table).insert(rows).returning('*');
}

/** Every column any of the rows sets, in order of first appearance. */
export function columnsOf(rows: readonly ColumnValues[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row)) names.add(name);
  return [...names];
}

/** Null when a value is an SQL expression or a column cannot be unnested. */
function unnestInsert(db: Knex, object: ObjectInfo, rows: readonly ColumnValues[]): Knex.Raw | null {
  const columns = columnsOf(rows);
  const types = columns.map((c) => arrayType(object, c));
  if (!columns.length || types.includes(null)) return null;
  const arrays: unknown[][] = columns.map(() => new Array(rows.length));
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < columns.length; c++) {
      const value = rows[r][columns[c]] ?? null;
      if (value !== null && typeof value === 'object') return null;
      arrays[c][r] = value;
    }
  }
  const aliases = columns.map((_, i) => `c${i}`);
  return db.raw(
    `INSERT INTO ?? (${columns.map(() => '??').join(', ')}) SELECT ${aliases.join(', ')} ` +
      `FROM unnest(${types.map((t) => `?::${t}`).join(', ')}) WITH ORDINALITY AS u(${aliases.join(', ')}, n) ORDER BY n RETURNING *`,
    [object.table, ...columns, ...arrays] as Knex.RawBinding[],
  );
}

/** The array type a column is unnested as (`numeric[]` for a number field); null for multienum (text[]) and unknown columns, and columns with a default. */
function arrayType(object: ObjectInfo, column: string): string | null {
  const field = object.fields.get(column);
  if (field?.column === null) return null;
  const type = field && !field.system ? SQL_TYPE[kindOfType(field.type)] : PLAIN_SYSTEM_COLUMNS.has(column) ? SYSTEM_COLUMN_TYPES[column] : null;
  return type && type !== 'text[]' ? `${type}[]` : null;
}
