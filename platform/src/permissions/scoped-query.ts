import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { FieldInfo, ObjectInfo } from '../core/snapshot-types.ts';
import { QueryScope } from '../query/index.ts';
import { FALSE_SQL } from '../query/sql-fragment.ts';
import { profileFieldAccess } from './profile-access.ts';
import { resolvePolicy, tryResolvePolicy, type Operation, type Policy } from './resolve-policy.ts';
import { stateNotIn, userVariables } from './scope-sql.ts';
import { msg } from '../core/messages/message.ts';

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
  /** Also for a reader whose only reach is the records of their open approval tasks (see resolvePolicy). */
  openTasks?: boolean;
}

/**
 * The only way any code reaches record rows: the policy's row filter is in the SQL; fields the
 * actor may not read cannot be filtered, sorted or selected; fields hidden in some workflow states
 * are masked per row; and a lookup path joins only target rows the actor may read.
 */
export function scopedQuery(ctx: Ctx, objectName: string, operation: Operation, options: ScopedQueryOptions = {}): ScopedQuery {
  const object = ctx.schema.object(objectName, { recordsOnly: true });
  const policy = resolvePolicy(ctx, object, operation, { openTasks: options.openTasks });
  const policyOf = (owner: ObjectInfo) => (owner === object ? policy : resolvePolicy(ctx, owner, 'read'));
  // Users and departments reached through lookups show their public profile unless a role grants more.
  const accessOf = (owner: ObjectInfo, field: FieldInfo) => (owner.system ? profileFieldAccess(ctx.schema, ctx.actor, owner, field) : policyOf(owner).fieldAccess(field));
  const fieldGuard = (owner: ObjectInfo, field: FieldInfo) => {
    if (accessOf(owner, field) === 'none') {
      throw createError('FORBIDDEN', msg('permission.fieldNotPermitted', { field: field.name }), [{ path: `/${field.name}`, message: msg('permission.notVisible') }]);
    }
  };
  const bypass = policy.bypass !== null;
  const scope = new QueryScope(ctx.schema, object, {
    fieldGuard,
    variables: userVariables(ctx.actor),
    rootFieldsMasked: policy.masksFields,
    // A formula may reach a target the actor cannot read at all: its join then finds nothing.
    joinCondition: bypass ? undefined : (target, alias) => {
      if (target.system) return null;
      const targetPolicy = tryResolvePolicy(ctx, target, 'read');
      return targetPolicy ? targetPolicy.rowFilter(alias) : FALSE_SQL;
    },
    visibleWhen: bypass ? undefined : (owner, field, alias) => {
      if (owner.system) return null;
      const targetPolicy = owner === object ? policy : tryResolvePolicy(ctx, owner, 'read');
      // The value shows outside the states in which the field is hidden.
      const hidden = targetPolicy?.hiddenIn(field) ?? [];
      return hidden.length ? stateNotIn(hidden, alias) : null;
    },
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
        const rowFilter = policy.rowFilter('t0');
        if (rowFilter) query.whereRaw(rowFilter.sql, rowFilter.bindings as Knex.RawBinding[]);
      }
      return query;
    },
  };
}
