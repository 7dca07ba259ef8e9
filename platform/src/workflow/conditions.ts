import type { Knex } from 'knex';
import { systemContext, withDb, type Ctx } from '../core/ctx.ts';
import { withRolledBackWrites } from '../core/rolled-back.ts';
import { runPreparedQuery } from '../core/prepared-query.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { compileFilter } from '../query/index.ts';
import { writeTentatively } from '../records/record-writer.ts';
import type { SqlFragment } from '../query/sql-fragment.ts';
import type { Condition } from './compile-workflow.ts';

export interface ConditionVerdicts {
  verdicts: Record<string, boolean>;
  /** How many rows the statement run alongside changed (0 when there was none). */
  changed: number;
}

/**
 * Whether the record meets each condition, computed by PostgreSQL with the one filter compiler, so
 * a workflow condition means exactly what the same filter means in a list. The definition decides
 * what it tests, so this reads the record whoever triggers the step. `alongside`, a data-modifying
 * statement with RETURNING (closing the decided task, say), runs in the same round trip.
 */
export async function evaluateConditions(conditions: readonly Condition[], object: ObjectInfo, recordId: string, ctx: Ctx, alongside?: SqlFragment): Promise<ConditionVerdicts> {
  if (!conditions.length && !alongside) return { verdicts: {}, changed: 0 };
  if (!conditions.length) {
    const rows = (await ctx.db.raw(alongside!.sql, alongside!.bindings as Knex.RawBinding[])).rows;
    return { verdicts: {}, changed: rows.length };
  }
  const { query, scope } = scopedQuery(systemContext(ctx), object.name, 'read');
  const columns = conditions.map((c, i) => {
    const compiled = compileFilter(c.filter, scope);
    return ctx.db.raw(`(${compiled.sql}) AS ??`, [...compiled.bindings, `c${i}`] as Knex.RawBinding[]);
  });
  if (alongside) {
    query.with('alongside', ctx.db.raw(alongside.sql, alongside.bindings as Knex.RawBinding[]));
    columns.push(ctx.db.raw('(SELECT count(*) FROM alongside)::int AS alongside_changed'));
  }
  query.select(columns).where('t0.id', recordId);
  scope.applyJoins(query);
  // A prepared statement: the same conditions are tested for every record of a workflow version.
  const [row] = await runPreparedQuery(ctx.db, `schema@${ctx.schema.version}`, query);
  return { verdicts: Object.fromEntries(conditions.map((c, i) => [c.id, row?.[`c${i}`] === true])), changed: Number(row?.alongside_changed ?? 0) };
}

/**
 * Conditions of an instance that carries a pending change (a gated edit, a re-approval of a locked
 * record) route on the proposed values: they are written in a savepoint, tested, and rolled back.
 * Instances without one keep the single round trip of `evaluateConditions`.
 */
export async function evaluateInstanceConditions(
  conditions: readonly Condition[],
  object: ObjectInfo,
  instance: { record_id: string; pending_change: Record<string, unknown> | null },
  ctx: Ctx,
  alongside?: SqlFragment,
): Promise<ConditionVerdicts> {
  const pending = instance.pending_change;
  if (!pending || !Object.keys(pending).length || !conditions.length) return evaluateConditions(conditions, object, instance.record_id, ctx, alongside);
  const { changed } = alongside ? await evaluateConditions([], object, instance.record_id, ctx, alongside) : { changed: 0 };
  return withRolledBackWrites(ctx.db, async (trx) => {
    await writeTentatively(object, instance.record_id, pending, withDb(ctx, trx));
    return { verdicts: (await evaluateConditions(conditions, object, instance.record_id, withDb(ctx, trx))).verdicts, changed };
  });
}
