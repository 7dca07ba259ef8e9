import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { FieldInfo, ObjectInfo } from '../metadata/snapshot-types.ts';
import { QueryScope } from '../query/index.ts';
import { resolvePolicy, type Operation, type Policy } from './resolve-policy.ts';

export interface ScopedQuery {
  /** `FROM <table> AS t0` with the row scope and the recycle-bin condition already applied. */
  readonly query: Knex.QueryBuilder;
  readonly policy: Policy;
  readonly scope: QueryScope;
  readonly object: ObjectInfo;
}

export interface ScopedQueryOptions {
  /** 'live' (default) excludes the recycle bin, 'deleted' is only the recycle bin, 'all' is both. */
  rows?: 'live' | 'deleted' | 'all';
}

/**
 * The only way any code reaches record rows: the policy's row filter is in the SQL, fields the
 * actor may not read cannot be filtered, sorted or selected, and lookup paths see only live rows.
 */
export function scopedQuery(ctx: Ctx, objectName: string, operation: Operation, options: ScopedQueryOptions = {}): ScopedQuery {
  const object = ctx.schema.object(objectName, { recordsOnly: true });
  const policy = resolvePolicy(ctx, object, operation);
  const fieldGuard = (owner: ObjectInfo, field: FieldInfo) => {
    if (owner.system) return;
    const access = owner === object ? policy.fieldAccess(field) : resolvePolicy(ctx, owner, 'read').fieldAccess(field);
    if (access === 'none') throw createError('FORBIDDEN', `You are not permitted to use the field '${field.name}'.`, [{ path: `/${field.name}`, message: 'is not visible to you' }]);
  };
  const scope = new QueryScope(ctx.schema, object, {
    fieldGuard,
    variables: { id: ctx.actor.id, department: ctx.actor.department, username: ctx.actor.username },
  });
  let query: Knex.QueryBuilder | undefined;
  return {
    policy,
    scope,
    object,
    // Built on first use: writes that only need the policy and the scope skip the query builder.
    get query() {
      if (!query) {
        query = ctx.db.from(`${object.table} as t0`);
        if (options.rows === 'deleted') query.whereNotNull('t0._deleted_at');
        else if (options.rows !== 'all') query.whereNull('t0._deleted_at');
        if (policy.rowFilter) query.whereRaw(policy.rowFilter.sql, policy.rowFilter.bindings as Knex.RawBinding[]);
      }
      return query;
    },
  };
}
