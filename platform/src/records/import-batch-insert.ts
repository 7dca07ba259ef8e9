import type { Knex } from 'knex';
import { systemContext, type Ctx } from '../core/ctx.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { compileFilter } from '../query/index.ts';
import type { RowError } from './import-records.ts';
import type { ColumnValues } from './prepare-values.ts';
import { batchInsert, columnsOf } from './record-writer.ts';

/** PostgreSQL allows 65,535 parameters per statement; wide objects insert a batch in several statements. */
const MAX_BINDINGS = 60_000;

/**
 * Inserts rows and their 'create' history entries with one INSERT per chunk; returns the new ids
 * in row order.
 */
export async function insertBatch(trx: Knex, object: ObjectInfo, rows: readonly ColumnValues[], ctx: Ctx): Promise<string[]> {
  const history = [...object.history];
  const historyValue = history.length ? `jsonb_build_object(${history.map(() => '?::text, t0.??').join(', ')})` : 'NULL';
  const width = Math.max(1, columnsOf(rows).length);
  const chunkSize = Math.max(1, Math.floor(MAX_BINDINGS / width));
  const ids: string[] = [];
  for (const chunk of batchesOf(rows, chunkSize)) {
    const insert = batchInsert(trx, object, chunk);
    const result = await trx.raw(
      `WITH t0 AS (?), h AS (INSERT INTO record_history (object, record_id, action, actor, new_value) ` +
        `SELECT ?, t0.id, 'create', ?::bigint, ${historyValue} FROM t0) SELECT t0.id FROM t0`,
      [insert, object.name, ctx.actor.id, ...history.flatMap((f) => [f, f])] as Knex.RawBinding[],
    );
    for (const r of result.rows as { id: string | number }[]) ids.push(String(r.id));
  }
  return ids;
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
