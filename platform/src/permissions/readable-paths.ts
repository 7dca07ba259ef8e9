import type { Ctx } from '../core/ctx.ts';
import type { ObjectInfo } from '../metadata/snapshot-types.ts';
import { readThrough, tryResolvePolicy } from './resolve-policy.ts';

/** The field paths a filter (SPEC 5.3) tests, in any branch. */
export function filterPaths(filter: unknown, out: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 20 || typeof filter !== 'object' || filter === null) return out;
  if (Array.isArray(filter)) {
    for (const item of filter) filterPaths(item, out, depth + 1);
    return out;
  }
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) filterPaths(value, out, depth + 1);
    else out.add(key);
  }
  return out;
}

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
