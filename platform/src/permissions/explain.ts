import type { Knex } from 'knex';
import { ACTOR_COLUMNS, loadActor, type ActorRow } from '../auth/session-store.ts';
import { systemContext, type Actor, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { isId, isName } from '../core/identifiers.ts';
import type { LoginRules, ObjectGrant, SingleScope } from '../generated/role.ts';
import type { FieldInfo, ObjectInfo } from '../core/snapshot-types.ts';
import { quoteTable } from '../query/sql-fragment.ts';
import { CREATING_OPERATIONS, scopeOfOperation, shareAccessFor, statesForbidding, type Operation } from './operations.ts';
import { roleGrants, tryResolvePolicy, type RoleGrant } from './resolve-policy.ts';
import { scopeSql, sharesSql, type ScopeTarget } from './scope-sql.ts';
import { readableRow, recordNotFound } from './readable-row.ts';
import { joined, msg, renderMessage, type Message } from '../core/messages/message.ts';
import { nameLabel, operationLabel } from '../core/messages/kind-labels.ts';

export type Level = 'login' | 'role' | 'department' | 'person' | 'operation' | 'field' | 'status';

export interface LevelVerdict {
  level: Level;
  allowed: boolean;
  reason: Message;
}

/** A verdict as sent: its reason in the asker's language. */
export type RenderedVerdict = Omit<LevelVerdict, 'reason'> & { reason: string };

export interface ExplainInput {
  user: string;
  object: string;
  operation: string;
  id?: string;
  field?: string;
}

export interface Explanation {
  allowed: boolean;
  user: { id: string; username: string };
  object: string;
  operation: string;
  id: string | null;
  field: string | null;
  levels: RenderedVerdict[];
}

const LEVELS: readonly Level[] = ['login', 'role', 'operation', 'department', 'person', 'field', 'status'];
const PERSON_SCOPES: ReadonlySet<string> = new Set(['own', 'subordinates']);
const WRITING: ReadonlySet<string> = new Set(['create', 'update', 'import']);

interface TargetUser extends ActorRow {
  active: boolean;
  locked_until: Date | string | null;
}

interface RecordFacts {
  _owner: string | null;
  _department: string | null;
  _state: string | null;
}

export function parseExplainQuery(query: Record<string, unknown>): ExplainInput {
  const text = (key: string) => (typeof query[key] === 'string' && query[key] !== '' ? (query[key] as string) : undefined);
  const input = { user: text('user'), object: text('object'), operation: text('operation'), id: text('id'), field: text('field') };
  const missing = (['user', 'object', 'operation'] as const).filter((k) => input[k] === undefined);
  if (missing.length) throw createError('BAD_REQUEST', msg('explain.give', { params: missing.join(', ') }), missing.map((k) => ({ path: `/${k}`, message: msg('value.fieldProblem', { field: k, problem: msg('value.required') }) })));
  if (!isName(input.operation)) throw createError('BAD_REQUEST', msg('explain.badOperation', { operation: input.operation!.slice(0, 60) }), [{ path: '/operation', message: msg('explain.operationDetail') }]);
  return input as ExplainInput;
}

async function findUser(db: Knex, user: string): Promise<TargetUser> {
  const query = db('users').first([...ACTOR_COLUMNS, 'active', 'locked_until']);
  const row = await (isId(user) ? query.where({ id: user }) : query.where({ username: user }));
  if (!row) throw createError('NOT_FOUND', msg('explain.noUser', { user: user.slice(0, 100) }));
  return { ...row, id: String(row.id), department: row.department === null ? null : String(row.department) };
}

const describeScope = (scope: SingleScope): Message | string => (typeof scope === 'string' ? scope : msg('explain.filterScope', { filter: JSON.stringify(scope.filter) }));

function describeLogin(role: string, login: LoginRules | undefined): Message | null {
  if (!login) return null;
  const parts: Message[] = [];
  if (login.allowedCidrs) parts.push(msg('explain.networks', { networks: login.allowedCidrs.join(', ') }));
  if (login.allowedHours) parts.push(msg('explain.hours', { from: login.allowedHours.from, to: login.allowedHours.to, tz: login.allowedHours.tz }));
  return parts.length ? msg('explain.ofRole', { part: joined(parts, ', ', '，'), role }) : null;
}

function loginLevel(user: TargetUser, ctx: Ctx, now: Date): LevelVerdict {
  if (!user.active) return { level: 'login', allowed: false, reason: msg('explain.inactive') };
  if (user.locked_until && new Date(user.locked_until) > now) {
    return { level: 'login', allowed: false, reason: msg('explain.locked', { until: new Date(user.locked_until).toISOString() }) };
  }
  const rules = user.roles.map((r) => describeLogin(r, ctx.schema.roles.get(r)?.login)).filter((r): r is Message => r !== null);
  return { level: 'login', allowed: true, reason: rules.length ? msg('explain.loginRules', { rules: joined(rules, '; ', '；') }) : msg('explain.noLoginRules') };
}

/** Each scope part of each granting role, evaluated against one record in SQL. */
async function scopeMatches(ctx: Ctx, actor: Actor, object: ObjectInfo, operation: Operation, granting: readonly RoleGrant[], id: string) {
  const target: ScopeTarget = { snapshot: ctx.schema, object, actor, alias: 't0' };
  const probes: { role: string; part: Message | string; person: boolean; sql: string; bindings: unknown[] }[] = [];
  for (const { role, grant } of granting) {
    const scope = scopeOfOperation(grant, operation);
    for (const part of Array.isArray(scope) ? scope : [scope]) {
      const compiled = scopeSql(part, target);
      probes.push({ role, part: describeScope(part), person: typeof part === 'string' && PERSON_SCOPES.has(part), ...compiled });
    }
  }
  const shares = sharesSql(shareAccessFor(operation), target);
  const columns = [...probes, { ...shares }].map((p, i) => `(${p.sql}) AS "p${i}"`).join(', ');
  const row = (await ctx.db.raw(`SELECT ${columns} FROM ${quoteTable(object.table)} AS "t0" WHERE "t0"."id" = ?`, [...probes.flatMap((p) => p.bindings), ...shares.bindings, id] as Knex.RawBinding[])).rows[0];
  return { probes: probes.map((p, i) => ({ ...p, matched: row[`p${i}`] === true })), shared: row[`p${probes.length}`] === true };
}

function stateAllowsFor(grant: ObjectGrant, operation: Operation, state: string | null): boolean {
  return state === null || !statesForbidding(grant, operation).includes(state);
}

async function scopeLevels(ctx: Ctx, actor: Actor, object: ObjectInfo, operation: Operation, granting: readonly RoleGrant[], id: string | null, record: RecordFacts | null): Promise<[LevelVerdict, LevelVerdict]> {
  if (!granting.length) {
    const reason = msg('explain.notReachedNoGrant', { operation: operationLabel(operation) });
    return [{ level: 'department', allowed: false, reason }, { level: 'person', allowed: false, reason }];
  }
  // A creating operation's scope limits the new row, so with or without a record it is described, not matched.
  if (id === null || record === null || CREATING_OPERATIONS.has(operation)) {
    const parts = granting.flatMap(({ role, grant }) => {
      const scope = scopeOfOperation(grant, operation);
      return (Array.isArray(scope) ? scope : [scope]).map((s) => ({ role, part: describeScope(s), person: typeof s === 'string' && PERSON_SCOPES.has(s) }));
    });
    const list = (person: boolean) => parts.filter((p) => p.person === person).map((p) => msg('explain.ofRole', { part: p.part, role: p.role }));
    const reaches = (person: boolean) => msg('explain.reachesBy', { scopes: joined(list(person), ', ', '、') });
    const personReason = list(true).length ? reaches(true) : msg('explain.noPersonScope');
    return [
      { level: 'department', allowed: true, reason: list(false).length ? reaches(false) : msg('explain.noDepartmentScope') },
      { level: 'person', allowed: true, reason: shareAccessFor(operation).length ? msg('explain.plusShares', { reason: personReason }) : personReason },
    ];
  }
  const { probes, shared } = await scopeMatches(ctx, actor, object, operation, granting, id);
  const roleInScope = (role: string, grant: ObjectGrant) =>
    (probes.some((p) => p.role === role && p.matched) || shared) && stateAllowsFor(grant, operation, record._state);
  const inScope = granting.some(({ role, grant }) => roleInScope(role, grant));
  const matched = (person: boolean) => probes.filter((p) => p.person === person && p.matched).map((p) => msg('explain.ofRole', { part: p.part, role: p.role }));
  const missed = (person: boolean) => probes.filter((p) => p.person === person && !p.matched).map((p) => msg('explain.ofRole', { part: p.part, role: p.role }));
  const facts = msg('explain.facts', { department: record._department ?? msg('explain.none'), owner: record._owner ?? msg('explain.nobody') });
  const verdict = (level: 'department' | 'person', person: boolean): LevelVerdict => {
    const hits = matched(person);
    if (person && shared) hits.push(msg('explain.aShare'));
    if (!inScope) {
      const missing = missed(person);
      const reason = hits.length
        ? msg('explain.reachedButState', { hits: joined(hits, ', ', '、'), state: record._state, operation: operationLabel(operation) })
        : msg('explain.notReachedBy', { missed: missing.length ? joined(missing, ', ', '、') : msg('explain.anyScope', { level: msg(`explain.${level}`) }), facts });
      return { level, allowed: false, reason };
    }
    if (hits.length) return { level, allowed: true, reason: msg('explain.reachedBy', { hits: joined(hits, ', ', '、') }) };
    return { level, allowed: true, reason: msg('explain.notNeeded', { level: msg(person ? 'explain.department' : 'explain.person') }) };
  };
  return [verdict('department', false), verdict('person', true)];
}

function fieldLevel(actorCtx: Ctx, object: ObjectInfo, operation: Operation, field: FieldInfo | null, state: string | null): LevelVerdict {
  if (!field) return { level: 'field', allowed: true, reason: msg('explain.noField') };
  const policy = tryResolvePolicy(actorCtx, object, operation);
  if (!policy) return { level: 'field', allowed: false, reason: msg('explain.noRoleGrants', { operation: operationLabel(operation) }) };
  const access = policy.fieldAccessIn(field, state);
  const needed = WRITING.has(operation) ? 'write' : 'read';
  const allowed = needed === 'write' ? access === 'write' : access !== 'none';
  const params = { field: field.name, access, roles: policy.roles.join(', '), operation: operationLabel(operation), needed };
  return { level: 'field', allowed, reason: state === null ? msg('explain.fieldAccess', params) : msg('explain.fieldAccessInState', { ...params, state }) };
}

function statusLevel(operation: Operation, granting: readonly RoleGrant[], record: RecordFacts | null): LevelVerdict {
  if (!granting.length) return { level: 'status', allowed: false, reason: msg('explain.noRoleGrants', { operation: operationLabel(operation) }) };
  if (record === null) {
    const limits = granting.flatMap(({ role, grant }) => statesForbidding(grant, operation).map((s) => msg('explain.ofRole', { part: s, role })));
    return { level: 'status', allowed: true, reason: limits.length ? msg('explain.notAllowedInStates', { operation: operationLabel(operation), states: joined(limits, ', ', '、') }) : msg('explain.noStateRestricts', { operation: operationLabel(operation) }) };
  }
  if (record._state === null) return { level: 'status', allowed: true, reason: msg('explain.noState') };
  const allowing = granting.filter(({ grant }) => stateAllowsFor(grant, operation, record._state)).map((g) => g.role);
  return allowing.length
    ? { level: 'status', allowed: true, reason: msg('explain.stateAllows', { state: record._state, operation: operationLabel(operation), roles: allowing.join(', ') }) }
    : { level: 'status', allowed: false, reason: msg('explain.stateForbids', { state: record._state, operation: operationLabel(operation) }) };
}

/**
 * The scope-relevant columns of the record asked about. Administrators may ask about any live record;
 * users asking about themselves only about records they can read, so explain reveals nothing new.
 */
async function recordFacts(object: ObjectInfo, id: string, ctx: Ctx): Promise<RecordFacts> {
  const missing = recordNotFound(object, id.slice(0, 40));
  if (!isId(id)) throw missing;
  const readerCtx = ctx.actor.superuser ? systemContext(ctx) : ctx;
  const row = tryResolvePolicy(readerCtx, object, 'read') ? await readableRow(object.name, id, readerCtx, ['_owner', '_department', '_state']) : undefined;
  if (!row) throw missing;
  return { _owner: row._owner === null ? null : String(row._owner), _department: row._department === null ? null : String(row._department), _state: (row._state as string | null) ?? null };
}

/**
 * Why a user may or may not do something (docs/permissions.md): each of the seven levels with its
 * verdict and reason, evaluated by the same code that enforces them.
 */
export async function explainPermission(input: ExplainInput, ctx: Ctx, now: Date): Promise<Explanation> {
  const user = await findUser(ctx.db, input.user);
  if (!ctx.actor.superuser && user.id !== ctx.actor.id) throw createError('FORBIDDEN', msg('explain.adminOnly'));
  const object = ctx.schema.object(input.object, { recordsOnly: true });
  const field = input.field === undefined ? null : object.fields.get(input.field) ?? null;
  if (input.field !== undefined && !field) throw createError('BAD_REQUEST', msg('explain.unknownField', { field: input.field.slice(0, 60), object: nameLabel(object) }), [{ path: '/field', message: msg('value.notAFieldOf', { object: nameLabel(object) }) }]);
  const { actor } = await loadActor(ctx.db, user);
  const actorCtx: Ctx = { ...ctx, actor };
  const record = input.id === undefined ? null : await recordFacts(object, input.id, ctx);

  const login = loginLevel(user, ctx, now);
  const operation = input.operation;
  let levels: LevelVerdict[];
  const superRole = user.roles.find((r) => ctx.schema.roles.get(r)?.superuser === true);
  if (superRole) {
    // Network and hour rules are bypassed too; an inactive or locked superuser is still refused.
    const bypass = (level: Level): LevelVerdict => ({ level, allowed: true, reason: msg('explain.superuser', { role: superRole }) });
    levels = LEVELS.map((level) => (level === 'login' && !login.allowed ? login : bypass(level)));
  } else {
    const reaching = roleGrants(ctx.schema, actor, object);
    const granting = reaching.filter((g) => g.grant.operations.includes(operation));
    const role: LevelVerdict = reaching.length
      ? { level: 'role', allowed: true, reason: msg('explain.rolesReaching', { object: nameLabel(object), roles: reaching.map((g) => g.role).join(', ') }) }
      : { level: 'role', allowed: false, reason: user.roles.length ? msg('explain.noRoleNamesObject', { roles: user.roles.join(', '), object: nameLabel(object) }) : msg('explain.noRoles') };
    const operationLevel: LevelVerdict = granting.length
      ? { level: 'operation', allowed: true, reason: msg('explain.grantedBy', { operation: operationLabel(operation), roles: granting.map((g) => g.role).join(', ') }) }
      : { level: 'operation', allowed: false, reason: reaching.length ? msg('explain.notGranted', { operation: operationLabel(operation), granted: [...new Set(reaching.flatMap((g) => g.grant.operations))].join(', ') || msg('explain.nothing') }) : msg('explain.noRoleNames', { object: nameLabel(object) }) };
    const [department, person] = await scopeLevels(ctx, actor, object, operation, granting, input.id ?? null, record);
    const fieldVerdict = fieldLevel(actorCtx, object, operation, field, record?._state ?? null);
    levels = [login, role, operationLevel, department, person, fieldVerdict, statusLevel(operation, granting, record)];
  }
  return {
    allowed: levels.every((l) => l.allowed),
    user: { id: user.id, username: user.username },
    object: object.name,
    operation,
    id: input.id ?? null,
    field: field?.name ?? null,
    levels: levels.map((l) => ({ ...l, reason: renderMessage(l.reason, ctx.lang) })),
  };
}
