import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { FieldInfo, ObjectInfo } from '../metadata/snapshot-types.ts';

export type Operation = 'read' | 'create' | 'update' | 'delete' | 'export' | 'import' | 'transfer' | 'submit' | 'approve';

export type FieldAccess = 'none' | 'read' | 'write';

/** What one actor may do with one object for one operation; every record query is shaped by it. */
export interface Policy {
  readonly object: ObjectInfo;
  readonly operation: Operation;
  /** Extra SQL predicate on the root alias t0, or null when every row is in scope. */
  readonly rowFilter: { sql: string; bindings: unknown[] } | null;
  readonly bypass: 'superuser' | 'system' | null;
  /** Equal for two policies that grant the same field access on this object (a cache key). */
  readonly fieldsKey: string;
  fieldAccess(field: FieldInfo): FieldAccess;
}

const FULL_ACCESS = (): FieldAccess => 'write';

/**
 * Deny by default. Superuser roles and the explicit system context see and change everything;
 * the role documents of the seven-level engine plug in here and nowhere else.
 */
export function resolvePolicy(ctx: Ctx, object: ObjectInfo, operation: Operation): Policy {
  if (ctx.actor.kind === 'system') return { object, operation, rowFilter: null, bypass: 'system', fieldsKey: '*', fieldAccess: FULL_ACCESS };
  if (ctx.actor.superuser) return { object, operation, rowFilter: null, bypass: 'superuser', fieldsKey: '*', fieldAccess: FULL_ACCESS };
  throw createError('FORBIDDEN', `You are not permitted to ${operation} ${object.label.en ?? object.name} records.`);
}
