import type { Knex } from 'knex';
import { systemContext, type Ctx } from '../core/ctx.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';

/**
 * The value of a field path (through lookups) on one record, read as the workflow: the definition
 * decides what it reads, whoever triggers the step. `target` is the object a lookup path leads to.
 */
export async function recordPathValue(object: ObjectInfo, recordId: string, path: string, ctx: Ctx): Promise<{ value: unknown; target: string | undefined }> {
  const { query, scope } = scopedQuery(systemContext(ctx), object.name, 'read', { rows: 'all' });
  const resolved = scope.resolvePath(path, 'select');
  query.select(ctx.db.raw(`${resolved.sql} AS value`, resolved.bindings as Knex.RawBinding[])).where('t0.id', recordId).first();
  scope.applyJoins(query);
  const row = await query;
  return { value: row?.value ?? null, target: resolved.field.target };
}
