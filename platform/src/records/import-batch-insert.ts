import type { Knex } from 'knex';
import { systemContext, type Ctx } from '../core/ctx.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { SQL_TYPE, kindOfType } from '../query/field-kind.ts';
import { compileFilter } from '../query/index.ts';
import { SYSTEM_COLUMN_TYPES } from '../schema/column-types.ts';
import type { RowError } from './import-records.ts';
import type { ColumnValues } from './prepare-values.ts';

/** PostgreSQL allows 65,535 parameters per statement; wide objects insert a batch in several statements. */
const MAX_BINDINGS = 60_000;

/** System columns an import writes that have no database default, so a missing value is NULL either way. */
const PLAIN_SYSTEM_COLUMNS = new Set(['_owner', '_department', '_state', '_created_by', '_deleted_at', '_deleted_by']);

/**
 * Inserts rows and their 'create' history entries with one INSERT per chunk; returns the new ids
 * in row order.
 */
export async function insertBatch(trx: Knex, object: ObjectInfo, rows: readonly ColumnValues[], ctx: Ctx): Promise<string[]> {
  const history = [...object.history];
  const historyValue = history.length ? `jsonb_build_object(${history.map(() => '?::text, t0.??').join(', ')})` : 'NULL';
  const width = Math.max(1, new Set(rows.flatMap((r) => Object.keys(r))).size);
  const chunkSize = Math.max(1, Math.floor(MAX_BINDINGS / width));
  const ids: string[] = [];
  for (const chunk of batchesOf(rows, chunkSize)) {
    const insert = unnestInsert(trx, object, chunk) ?? trx(object.table).insert(chunk).returning('*');
    const result = await trx.raw(
      `WITH t0 AS (?), h AS (INSERT INTO record_history (object, record_id, action, actor, new_value) ` +
        `SELECT ?, t0.id, 'create', ?::bigint, ${historyValue} FROM t0) SELECT t0.id FROM t0`,
      [insert, object.name, ctx.actor.id, ...history.flatMap((f) => [f, f])] as Knex.RawBinding[],
    );
    for (const r of result.rows as { id: string | number }[]) ids.push(String(r.id));
  }
  return ids;
}

/**
 * The rows as one INSERT … SELECT over unnest() with one array parameter per column, inserted
 * in row order; null when a value is an SQL expression or a column cannot be unnested.
 */
function unnestInsert(trx: Knex, object: ObjectInfo, rows: readonly ColumnValues[]): Knex.Raw | null {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const types = columns.map((c) => arrayType(object, c));
  if (!columns.length || types.includes(null)) return null;
  if (rows.some((r) => Object.values(r).some((v) => v !== null && typeof v === 'object'))) return null;
  const aliases = columns.map((_, i) => `c${i}`);
  return trx.raw(
    `INSERT INTO ?? (${columns.map(() => '??').join(', ')}) SELECT ${aliases.join(', ')} ` +
      `FROM unnest(${types.map((t) => `?::${t}`).join(', ')}) WITH ORDINALITY AS u(${aliases.join(', ')}, n) ORDER BY n RETURNING *`,
    [object.table, ...columns, ...columns.map((c) => rows.map((r) => r[c] ?? null))] as Knex.RawBinding[],
  );
}

/** The array type a column is unnested as (`numeric[]` for a number field); null for multienum (text[]) and unknown columns, and columns with a default. */
function arrayType(object: ObjectInfo, column: string): string | null {
  const field = object.fields.get(column);
  if (field?.column === null) return null;
  const type = field && !field.system ? SQL_TYPE[kindOfType(field.type)] : PLAIN_SYSTEM_COLUMNS.has(column) ? SYSTEM_COLUMN_TYPES[column] : null;
  return type && type !== 'text[]' ? `${type}[]` : null;
}

/** The object's validation rules over the just-inserted rows, in one query inside the batch's transaction. */
export async function checkBatchRules(object: ObjectInfo, ids: readonly string[], rowNumbers: readonly number[], ctx: Ctx): Promise<RowError[]> {
  const rules = object.definition.validationRules ?? [];
  if (!rules.length || !ids.length) return [];
  const { query, scope } = scopedQuery(systemContext(ctx), object.name, 'read');
  const columns = rules.map((rule, i) => {
    const compiled = compileFilter(rule.errorWhen, scope);
    return ctx.db.raw(`(${compiled.sql}) AS ??`, [...compiled.bindings, `r${i}`] as Knex.RawBinding[]);
  });
  query.select('t0.id', ...columns).whereRaw('t0.id = ANY(?::bigint[])', [ids as string[]]);
  scope.applyJoins(query);
  const rowOf = new Map(ids.map((id, i) => [id, rowNumbers[i]]));
  const errors: RowError[] = [];
  for (const r of (await query) as Record<string, unknown>[]) {
    rules.forEach((rule, i) => {
      if (r[`r${i}`] !== true) return;
      errors.push({ row: rowOf.get(String(r.id))!, field: rule.field ?? null, message: rule.message[ctx.lang] ?? rule.message.en ?? rule.message['zh-CN'] ?? rule.name });
    });
  }
  return errors;
}

export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
