import type { Ctx } from '../core/ctx.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { readThrough, tryResolvePolicy } from './resolve-policy.ts';

/**
 * True when the caller may read what `path` (a field or a lookup path) shows on a record of `object`
 * in workflow state `state`: the same rule lists and gets apply, for messages built from such paths.
 */
export function pathReadable(ctx: Ctx, object: ObjectInfo, path: string, state: string | null): boolean {
  const policy = tryResolvePolicy(ctx, object, 'read');
  if (!policy) return false;
  const [first, ...rest] = path.split('.');
  const field = object.fields.get(first);
  if (!field || policy.fieldAccessIn(field, state) === 'none') return false;
  return !rest.length || readThrough(ctx.schema, ctx.actor, field.target, rest) !== 'none';
}
