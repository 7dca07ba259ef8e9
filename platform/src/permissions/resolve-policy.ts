import type { Actor, Ctx } from '../core/ctx.ts';
import { createError, type AppError } from '../core/errors.ts';
import type { ObjectGrant } from '../generated/role.ts';
import type { FieldInfo, ObjectInfo, SchemaSnapshot } from '../core/snapshot-types.ts';
import { FALSE_SQL, TRUE_SQL, type SqlFragment } from '../query/sql-fragment.ts';
import { approverFields, openTaskSql } from './approver-access.ts';
import { lessOf, statesWithFieldCaps, unionFieldAccess, type FieldAccess } from './field-access.ts';
import { formulaReads } from './formula-reads.ts';
import { CREATING_OPERATIONS, scopeOfOperation, shareAccessFor, statesForbidding, type Operation } from './operations.ts';
import { profileFieldAccess } from './profile-access.ts';
import { anyOf, scopeSql, sharesSql, stateNotIn, type ScopeTarget } from './scope-sql.ts';
import { msg, type Message } from '../core/messages/message.ts';
import { objectLabel, operationLabel } from '../core/messages/kind-labels.ts';

export type { Operation } from './operations.ts';
export type { FieldAccess } from './field-access.ts';

/** What one actor may do with one object for one operation; every record query is shaped by it. */
export interface Policy {
  readonly object: ObjectInfo;
  readonly operation: Operation;
  readonly bypass: 'superuser' | 'system' | null;
  /** The roles that grant the operation on the object (empty for a bypass). */
  readonly roles: readonly string[];
  /** The row predicate over the table alias (t0 by default), or null when every row is in scope. */
  rowFilter(alias?: string): SqlFragment | null;
  /** Equal for two policies that grant the same field access on this object (a cache key). */
  readonly fieldsKey: string;
  /** The most the actor may do with the field in any state; `none` fields never leave the server. */
  fieldAccess(field: FieldInfo): FieldAccess;
  /** The access to the field of a record in this workflow state (null: no state). */
  fieldAccessIn(field: FieldInfo, state: string | null): FieldAccess;
  /** The states in which a field that is otherwise visible is hidden. */
  hiddenIn(field: FieldInfo): readonly string[];
  /** True when some field is hidden in some states, so values must be masked per row. */
  readonly masksFields: boolean;
  /**
   * Set when no role grants the operation and the policy reaches only the records of the actor's
   * open approval tasks: the refusal answered to every path that does not ask for such records.
   */
  readonly onlyOpenTasks?: Message;
}

export interface PolicyOptions {
  /** Accept a policy that reaches only the records of open approval tasks (one record's get, its workflow, inbox cards). */
  openTasks?: boolean;
}

export interface RoleGrant {
  role: string;
  grant: ObjectGrant;
}

const NO_STATES: readonly string[] = Object.freeze([]);

function bypassPolicy(object: ObjectInfo, operation: Operation, bypass: 'superuser' | 'system'): Policy {
  return {
    object,
    operation,
    bypass,
    roles: [],
    rowFilter: () => null,
    fieldsKey: '*',
    fieldAccess: () => 'write',
    fieldAccessIn: () => 'write',
    hiddenIn: () => NO_STATES,
    masksFields: false,
  };
}

/** The actor's roles that name the object at all (the role level). */
export function roleGrants(snapshot: SchemaSnapshot, actor: Actor, object: ObjectInfo): RoleGrant[] {
  const grants: RoleGrant[] = [];
  for (const role of actor.roles) {
    const grant = snapshot.roles.get(role)?.objects?.[object.name];
    if (grant) grants.push({ role, grant });
  }
  return grants;
}

/** One role's reach for the operation: (its scope OR shares) AND the states it still allows the operation in. */
function roleReach(grant: ObjectGrant, operation: Operation, target: ScopeTarget): SqlFragment {
  const scope = scopeOfOperation(grant, operation);
  if (CREATING_OPERATIONS.has(operation)) return scopeSql(scope, target);
  const reach = anyOf([scopeSql(scope, target), sharesSql(shareAccessFor(operation), target)]);
  const forbidden = statesForbidding(grant, operation);
  if (!forbidden.length || reach === FALSE_SQL) return reach;
  const allowed = stateNotIn(forbidden, target.alias);
  if (reach === TRUE_SQL) return allowed;
  return { sql: `(${reach.sql} AND ${allowed.sql})`, bindings: [...reach.bindings, ...allowed.bindings] };
}

function uniqueFragments(parts: readonly SqlFragment[]): SqlFragment[] {
  const seen = new Map<string, SqlFragment>();
  for (const p of parts) seen.set(`${p.sql}\u0000${JSON.stringify(p.bindings)}`, p);
  return [...seen.values()];
}

/** Every role's reach for the operation, as one predicate (TRUE when it reaches every row). */
function reachOf(grants: readonly ObjectGrant[], operation: Operation, target: ScopeTarget): SqlFragment {
  if (!grants.length) return FALSE_SQL;
  return anyOf(uniqueFragments(grants.map((grant) => roleReach(grant, operation, target))));
}

function bothOf(a: SqlFragment, b: SqlFragment): SqlFragment {
  if (a === TRUE_SQL || (a.sql === b.sql && JSON.stringify(a.bindings) === JSON.stringify(b.bindings))) return b;
  if (b === TRUE_SQL) return a;
  if (a === FALSE_SQL || b === FALSE_SQL) return FALSE_SQL;
  return { sql: `(${a.sql} AND ${b.sql})`, bindings: [...a.bindings, ...b.bindings] };
}

/**
 * The assignee of an open approval task may read its record (a read grant like a share). Without a
 * role reading the object they see only its approver-facing fields, never one a role of theirs sets
 * to `none`; `approver` holds those fields then.
 */
interface ApproverGrant {
  readonly fields: ReadonlySet<string> | null;
  readonly refused: ReadonlySet<string>;
}

/**
 * `granting` are the roles that grant the operation, `reading` those that grant read: an operation on
 * existing records reaches only records that are also readable, so nobody acts on what they cannot see.
 */
function rolePolicy(snapshot: SchemaSnapshot, actor: Actor, object: ObjectInfo, operation: Operation, granting: readonly RoleGrant[], reading: readonly RoleGrant[], approver: ApproverGrant | null, onlyOpenTasks?: Message): Policy {
  const grants = granting.map((g) => g.grant);
  const rowFilters = new Map<string, SqlFragment | null>();
  const rowFilter = (alias = 't0') => {
    let filter = rowFilters.get(alias);
    if (filter === undefined) {
      const target: ScopeTarget = { snapshot, object, actor, alias };
      let combined = reachOf(grants, operation, target);
      if (approver) combined = anyOf([combined, openTaskSql(target)]);
      if (operation !== 'read' && !CREATING_OPERATIONS.has(operation)) combined = bothOf(combined, reachOf(reading.map((g) => g.grant), 'read', target));
      filter = combined === TRUE_SQL ? null : combined;
      rowFilters.set(alias, filter);
    }
    return filter;
  };
  // Field access in a state counts only the roles that still allow the operation there.
  const grantsIn = (state: string) => grants.filter((grant) => !statesForbidding(grant, operation).includes(state));
  const specialStates = [...new Set([...statesWithFieldCaps(grants), ...grants.flatMap((g) => statesForbidding(g, operation))])].sort();
  // A formula is at most as visible as the least visible field it reads (on this object in the same
  // state, through lookups as the caller reads the target), so it cannot reveal what it is built on.
  const visiting = new Set<string>();
  const formulaCap = (field: FieldInfo, state: string | null): FieldAccess => {
    const key = `${field.name}\u0000${state}`;
    if (visiting.has(key)) return 'none';
    visiting.add(key);
    try {
      let cap: FieldAccess = 'write';
      for (const [first, ...rest] of formulaReads(field)) {
        const read = object.fields.get(first);
        let access: FieldAccess = read ? fieldAccessIn(read, state) : 'none';
        if (read && rest.length && access !== 'none') access = lessOf(access, readThrough(snapshot, actor, read.target, rest));
        cap = lessOf(cap, access);
        if (cap === 'none') break;
      }
      return cap;
    } finally {
      visiting.delete(key);
    }
  };
  const approverAccess = (field: FieldInfo): FieldAccess =>
    field.name === 'id' || field.name === '_version' || (approver?.fields?.has(field.name) && !approver.refused.has(field.name)) ? 'read' : 'none';
  const ownAccess = (field: FieldInfo, state: string | null, from: readonly ObjectGrant[]) => {
    const access = grants.length ? unionFieldAccess(from, field, state) : approverAccess(field);
    return access === 'none' || field.column !== null ? access : lessOf(access, formulaCap(field, state));
  };
  const base = new Map<string, FieldAccess>();
  const fieldAccess = (field: FieldInfo) => {
    let access = base.get(field.name);
    if (access === undefined) base.set(field.name, (access = ownAccess(field, null, grants)));
    return access;
  };
  const fieldAccessIn = (field: FieldInfo, state: string | null): FieldAccess =>
    state === null || !specialStates.includes(state) ? fieldAccess(field) : ownAccess(field, state, grantsIn(state));
  // States where no role allows the operation hold no reachable records, so nothing needs masking there.
  // (An open task reaches records in any state, so then every such state is masked.)
  const maskableStates = approver ? specialStates : specialStates.filter((s) => grantsIn(s).length > 0);
  const hidden = new Map<string, readonly string[]>();
  const hiddenIn = (field: FieldInfo) => {
    let states = hidden.get(field.name);
    if (states === undefined) {
      states = fieldAccess(field) === 'none' ? NO_STATES : maskableStates.filter((s) => fieldAccessIn(field, s) === 'none');
      hidden.set(field.name, states);
    }
    return states;
  };
  return {
    object,
    operation,
    bypass: null,
    roles: granting.map((g) => g.role),
    rowFilter,
    fieldsKey: `${granting.map((g) => g.role).join(',')}|${operation}${grants.length ? '' : `|approver:${[...(approver?.refused ?? [])].join(',')}`}`,
    fieldAccess,
    fieldAccessIn,
    hiddenIn,
    masksFields: maskableStates.length > 0 && [...object.fields.values()].some((f) => hiddenIn(f).length > 0),
    ...(onlyOpenTasks ? { onlyOpenTasks } : {}),
  };
}

function compilePolicy(snapshot: SchemaSnapshot, actor: Actor, object: ObjectInfo, operation: Operation): Policy | AppError {
  const label = objectLabel(object);
  const reaching = roleGrants(snapshot, actor, object);
  const granting = reaching.filter((g) => g.grant.operations.includes(operation));
  const refusal = !reaching.length
    ? msg('permission.noRoleReaches', { object: label })
    : !granting.length
      ? msg('permission.operationNotGranted', { operation: operationLabel(operation), object: label })
      : null;
  const fields = operation === 'read' && actor.id !== null ? approverFields(snapshot, object) : null;
  if (fields) {
    // Approvers read the records of their open tasks: with their roles' field access, or the approver-facing fields.
    const refused = new Set(reaching.flatMap((g) => Object.entries(g.grant.fields ?? {}).filter(([name, access]) => name !== '*' && access === 'none').map(([name]) => name)));
    return rolePolicy(snapshot, actor, object, operation, granting, granting, { fields: granting.length ? null : fields, refused }, refusal ?? undefined);
  }
  if (refusal) return createError('FORBIDDEN', refusal);
  const reading = reaching.filter((g) => g.grant.operations.includes('read'));
  return rolePolicy(snapshot, actor, object, operation, granting, reading, null);
}

const policyCache = new WeakMap<SchemaSnapshot, Map<string, Policy | AppError>>();
const MAX_CACHED_POLICIES = 20_000;

function cachedPolicy(schema: SchemaSnapshot, actor: Actor, object: ObjectInfo, operation: Operation): Policy | AppError {
  let cache = policyCache.get(schema);
  if (!cache) policyCache.set(schema, (cache = new Map()));
  const account = actor.account ? `${actor.account.object}:${actor.account.id}` : '';
  const key = `${actor.roles.join(',')}\u0000${actor.id}\u0000${actor.department}\u0000${actor.username}\u0000${account}\u0000${object.name}\u0000${operation}`;
  let policy = cache.get(key);
  if (!policy) {
    policy = compilePolicy(schema, actor, object, operation);
    if (cache.size >= MAX_CACHED_POLICIES) cache.clear();
    cache.set(key, policy);
  }
  return policy;
}

/**
 * The caller's read access to the field a lookup path ends at, starting on `objectName`: each step
 * needs the field readable (the target's read policy, or the public profile of users and departments).
 */
export function readThrough(schema: SchemaSnapshot, actor: Actor, objectName: string | undefined, path: readonly string[]): FieldAccess {
  let node = objectName === undefined ? undefined : schema.objects.get(objectName);
  let access: FieldAccess = 'read';
  for (const name of path) {
    const field = node?.fields.get(name);
    if (!node || !field) return 'none';
    if (node.system) access = lessOf(access, profileFieldAccess(schema, actor, node, field));
    else if (actor.kind !== 'system' && !actor.superuser) {
      const policy = cachedPolicy(schema, actor, node, 'read');
      access = policy instanceof Error || policy.onlyOpenTasks ? 'none' : lessOf(access, policy.fieldAccess(field));
    }
    if (access === 'none') return 'none';
    node = field.target === undefined ? undefined : schema.objects.get(field.target);
  }
  return access;
}

/**
 * Deny by default. The system context and superuser roles bypass; everyone else gets the union of
 * what their role documents grant. Policies are cached per snapshot (a role change makes a new one).
 */
export function resolvePolicy(ctx: Ctx, object: ObjectInfo, operation: Operation, options: PolicyOptions = {}): Policy {
  const { actor, schema } = ctx;
  if (actor.kind === 'system') return bypassPolicy(object, operation, 'system');
  if (actor.superuser) return bypassPolicy(object, operation, 'superuser');
  const policy = cachedPolicy(schema, actor, object, operation);
  if (policy instanceof Error) throw createError(policy.code, policy.localized ?? policy.message);
  if (policy.onlyOpenTasks && !options.openTasks) throw createError('FORBIDDEN', policy.onlyOpenTasks);
  return policy;
}

/** The policy, or null when the actor may not do this at all (for callers that only need to know). */
export function tryResolvePolicy(ctx: Ctx, object: ObjectInfo, operation: Operation, options: PolicyOptions = {}): Policy | null {
  try {
    return resolvePolicy(ctx, object, operation, options);
  } catch (err) {
    if ((err as AppError).code === 'FORBIDDEN') return null;
    throw err;
  }
}
