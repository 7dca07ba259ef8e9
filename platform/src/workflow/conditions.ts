import type { Knex } from 'knex';
import { systemContext, type Ctx } from '../core/ctx.ts';
import type { ObjectInfo } from '../metadata/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { compileFilter } from '../query/index.ts';
import type { Condition } from './compile-workflow.ts';

/**
 * Whether the record meets each condition, computed by PostgreSQL with the one filter compiler, so
 * a workflow condition means exactly what the same filter means in a list. The definition decides
 * what it tests, so this reads the record whoever triggers the step.
 */
export async function evaluateConditions(conditions: readonly Condition[], object: ObjectInfo, recordId: string, ctx: Ctx): Promise<Record<string, boolean>> {
  if (!conditions.length) return {};
  const { query, scope } = scopedQuery(systemContext(ctx), object.name, 'read');
  const columns = conditions.map((c, i) => {
    const compiled = compileFilter(c.filter, scope);
    return ctx.db.raw(`(${compiled.sql}) AS ??`, [...compiled.bindings, `c${i}`] as Knex.RawBinding[]);
  });
  query.select(columns).where('t0.id', recordId).first();
  scope.applyJoins(query);
  const row = await query;
  return Object.fromEntries(conditions.map((c, i) => [c.id, row?.[`c${i}`] === true]));
}
