import { createError } from '../core/errors.ts';
import type { Ctx } from '../core/ctx.ts';
import { msg } from '../core/messages/message.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';

type CreatingOperation = 'create' | 'import';

/** Whether new records of the object are checked against the caller's scope of the operation at all. */
export function newRowsScoped(object: ObjectInfo, operation: CreatingOperation, ctx: Ctx): boolean {
  return scopedQuery(ctx, object.name, operation).policy.rowFilter() !== null;
}

/**
 * Like row-level security's WITH CHECK on INSERT: of the just-inserted rows (read inside the write's
 * transaction `ctx.db`), the ids that lie outside the caller's scope of the creating operation.
 */
export async function idsOutsideScope(object: ObjectInfo, ids: readonly string[], operation: CreatingOperation, ctx: Ctx): Promise<Set<string>> {
  const { policy, query } = scopedQuery(ctx, object.name, operation);
  if (!ids.length || !policy.rowFilter()) return new Set();
  const inside = (await query.whereRaw('t0.id = ANY(?::bigint[])', [ids as string[]]).select('t0.id')) as { id: string | number }[];
  const reached = new Set(inside.map((r) => String(r.id)));
  return new Set(ids.filter((id) => !reached.has(id)));
}

/** A single create whose new row is outside the caller's create scope is 403 and, rolled back, writes nothing. */
export async function refuseOutsideCreateScope(object: ObjectInfo, id: string, ctx: Ctx): Promise<void> {
  if ((await idsOutsideScope(object, [id], 'create', ctx)).size) throw createError('FORBIDDEN', msg('record.createOutOfScope'));
}
