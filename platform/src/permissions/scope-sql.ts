import type { Actor } from '../core/ctx.ts';
import type { Scope, SingleScope } from '../generated/role.ts';
import type { ObjectInfo, SchemaSnapshot } from '../core/snapshot-types.ts';
import { LinkedRecord, QueryScope, compileFilter } from '../query/index.ts';
import { FALSE_SQL, TRUE_SQL, joinSql, quoteIdentifier, quoteTable, type SqlFragment } from '../query/sql-fragment.ts';

export interface ScopeTarget {
  snapshot: SchemaSnapshot;
  object: ObjectInfo;
  actor: Actor;
  /** The alias of the table whose rows the predicate tests. */
  alias: string;
}

/** The values of `$user.<key>` in the actor's filters (role scopes, list filters, reports: one filter language). */
export const userVariables = (actor: Actor) => ({
  id: actor.id,
  department: actor.department,
  username: actor.username,
  account: actor.account ? new LinkedRecord(actor.account.object, actor.account.id) : null,
});

/**
 * A filter scope as a predicate on `alias`. Paths through lookups need joins, which the predicate
 * cannot add to the outer query, so such a filter becomes an EXISTS over its own joins.
 */
function filterScopeSql(filter: Record<string, unknown>, target: ScopeTarget): SqlFragment {
  const variables = userVariables(target.actor);
  const direct = new QueryScope(target.snapshot, target.object, { variables, rootAlias: target.alias, aliasPrefix: 'ps' });
  const predicate = compileFilter(filter, direct);
  if (!direct.joins().sql) return { sql: `(${predicate.sql})`, bindings: predicate.bindings };
  const nested = new QueryScope(target.snapshot, target.object, { variables, aliasPrefix: 'ps' });
  const where = compileFilter(filter, nested);
  const joins = nested.joins();
  return {
    sql: `EXISTS (SELECT 1 FROM ${quoteTable(target.object.table)} AS "ps0" ${joins.sql} WHERE "ps0"."id" = ${quoteIdentifier(target.alias)}."id" AND (${where.sql}))`,
    bindings: [...joins.bindings, ...where.bindings],
  };
}

/** One scope kind as SQL: the closure tables answer trees and chains, never a walk in JavaScript. */
function singleScopeSql(scope: SingleScope, target: ScopeTarget): SqlFragment {
  const a = quoteIdentifier(target.alias);
  const { id, department } = target.actor;
  if (typeof scope !== 'string') {
    try {
      return filterScopeSql(scope.filter, target);
    } catch {
      // Object changes that would break a role's filter are refused; should one slip through, it reaches nothing.
      return FALSE_SQL;
    }
  }
  switch (scope) {
    case 'all':
      return TRUE_SQL;
    case 'own':
      return id === null ? FALSE_SQL : { sql: `${a}."_owner" = ?::bigint`, bindings: [id] };
    case 'subordinates':
      return id === null ? FALSE_SQL : { sql: `${a}."_owner" IN (SELECT "subordinate" FROM "manager_chain" WHERE "manager" = ?::bigint)`, bindings: [id] };
    case 'department':
      return department === null ? FALSE_SQL : { sql: `${a}."_department" = ?::bigint`, bindings: [department] };
    case 'department_tree':
      return department === null
        ? FALSE_SQL
        : { sql: `${a}."_department" IN (SELECT "descendant" FROM "department_tree" WHERE "ancestor" = ?::bigint)`, bindings: [department] };
    default: {
      const exhaustive: never = scope;
      return exhaustive;
    }
  }
}

/** Records shared with the actor or their department with one of the given accesses. */
export function sharesSql(accesses: readonly string[], target: ScopeTarget): SqlFragment {
  const { id, department } = target.actor;
  if (!accesses.length || id === null) return FALSE_SQL;
  const who = department === null ? { sql: '"user_id" = ?::bigint', bindings: [id] } : { sql: '("user_id" = ?::bigint OR "department_id" = ?::bigint)', bindings: [id, department] };
  const access = accesses.map(() => '?').join(', ');
  return {
    sql: `${quoteIdentifier(target.alias)}."id" IN (SELECT "record_id" FROM "record_shares" WHERE "object" = ? AND ${who.sql} AND "access" IN (${access}))`,
    bindings: [target.object.name, ...who.bindings, ...accesses],
  };
}

/** Rows whose workflow state is none of `states` (records without a state included). */
export function stateNotIn(states: readonly string[], alias: string): SqlFragment {
  const a = quoteIdentifier(alias);
  return { sql: `(${a}."_state" IS NULL OR ${a}."_state" NOT IN (${states.map(() => '?').join(', ')}))`, bindings: [...states] };
}

/** `(a OR b OR …)` with TRUE absorbing everything and FALSE parts dropped. */
export function anyOf(parts: readonly SqlFragment[]): SqlFragment {
  if (parts.some((p) => p === TRUE_SQL)) return TRUE_SQL;
  const live = parts.filter((p) => p !== FALSE_SQL);
  if (!live.length) return FALSE_SQL;
  if (live.length === 1) return live[0];
  const joined = joinSql(live, ' OR ');
  return { sql: `(${joined.sql})`, bindings: joined.bindings };
}

/** A scope (one kind, a filter, or an array meaning their union) as a predicate on `target.alias`. */
export function scopeSql(scope: Scope, target: ScopeTarget): SqlFragment {
  return anyOf((Array.isArray(scope) ? scope : [scope]).map((s) => singleScopeSql(s, target)));
}
