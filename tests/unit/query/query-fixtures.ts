import type { Knex } from 'knex';
import { connectDatabase } from '../../../platform/src/core/database.ts';
import type { Field, ObjectDefinition } from '../../../platform/src/generated/object.ts';
import { buildSnapshot } from '../../../platform/src/metadata/snapshot.ts';
import type { ObjectInfo, SchemaSnapshot } from '../../../platform/src/core/snapshot-types.ts';
import { SQL_TYPE, fieldKind } from '../../../platform/src/query/field-kind.ts';
import { QueryScope, type QueryScopeOptions } from '../../../platform/src/query/query-scope.ts';
import type { SqlFragment } from '../../../platform/src/query/sql-fragment.ts';

export function snapshotOf(...definitions: ObjectDefinition[]): SchemaSnapshot {
  return buildSnapshot(
    definitions.map((definition) => ({ definition, version: 1 })),
    1,
  );
}

export function objectDef(name: string, fields: Field[]): ObjectDefinition {
  return { name, fields };
}

export function scopeOf(snapshot: SchemaSnapshot, object: string, options?: QueryScopeOptions): QueryScope {
  return new QueryScope(snapshot, snapshot.object(object), options);
}

function tableSql(object: ObjectInfo): string {
  const columns = [...object.fields.values()]
    .filter((f) => f.column)
    .map((f) => `"${f.column}" ${f.name === 'id' ? 'bigint PRIMARY KEY' : f.name === '_version' ? 'integer NOT NULL DEFAULT 1' : SQL_TYPE[fieldKind(f)]}`);
  if (!object.system) columns.push('"_deleted_at" timestamptz');
  return `CREATE TABLE ${object.table.split('.').map((p) => `"${p}"`).join('.')} (${columns.join(', ')})`;
}

/** Starting PGlite takes seconds, more on a busy machine than the default hook timeout allows. */
export const DB_START_TIMEOUT = 60_000;

/** A fresh in-memory database with one table per object of the snapshot (built-in ones included). */
export async function databaseFor(snapshot: SchemaSnapshot): Promise<Knex> {
  const db = connectDatabase({});
  await db.raw('CREATE SCHEMA records');
  for (const object of snapshot.objects.values()) await db.raw(tableSql(object));
  return db;
}

export async function insert(db: Knex, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const [schema, name] = table.includes('.') ? table.split('.') : [undefined, table];
  const q = schema ? db.withSchema(schema).table(name) : db.table(name);
  if (rows.length) await q.insert(rows);
}

/** Runs `SELECT t0.id ... WHERE <where> ORDER BY <order>` with the scope's joins; ids in result order. */
export async function selectIds(db: Knex, scope: QueryScope, where: SqlFragment, order?: SqlFragment, limit?: number): Promise<string[]> {
  const rows = await selectRows(db, scope, { sql: '"t0"."id"', bindings: [] }, where, order ?? { sql: '"t0"."id"', bindings: [] }, limit);
  return rows.map((r) => String(r.id));
}

export async function selectRows(
  db: Knex,
  scope: QueryScope,
  select: SqlFragment,
  where: SqlFragment,
  order: SqlFragment,
  limit?: number,
): Promise<Record<string, unknown>[]> {
  const joins = scope.joins();
  const table = scope.root.table.split('.').map((p) => `"${p}"`).join('.');
  const text = `SELECT ${select.sql} FROM ${table} AS "t0" ${joins.sql} WHERE "t0"."_deleted_at" IS NULL AND (${where.sql}) ORDER BY ${order.sql}${limit ? ` LIMIT ${limit}` : ''}`;
  const result = await db.raw(text, [...select.bindings, ...joins.bindings, ...where.bindings, ...order.bindings] as Knex.Value[]);
  return result.rows as Record<string, unknown>[];
}
