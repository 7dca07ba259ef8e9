import type { Knex } from 'knex';
import { loadActor } from '../auth/session-store.ts';
import { systemContext, type Actor, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { isId, isName } from '../core/identifiers.ts';
import type { LoginRules, ObjectGrant, SingleScope } from '../generated/role.ts';
import type { FieldInfo, ObjectInfo } from '../metadata/snapshot-types.ts';
import { quoteTable } from '../query/sql-fragment.ts';
import { CREATING_OPERATIONS, scopeOfOperation, shareAccessFor, statesForbidding, type Operation } from './operations.ts';
import { roleGrants, tryResolvePolicy, type RoleGrant } from './resolve-policy.ts';
import { scopeSql, sharesSql, type ScopeTarget } from './scope-sql.ts';
import { readableRow, recordNotFound } from '../records/read-records.ts';

export type Level = 'login' | 'role' | 'department' | 'person' | 'operation' | 'field' | 'status';

export interface LevelVerdict {
  level: Level;
  allowed: boolean;
  reason: string;
}

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
  levels: LevelVerdict[];
}

const LEVELS: readonly Level[] = ['login', 'role', 'operation', 'department', 'person', 'field', 'status'];
const PERSON_SCOPES: ReadonlySet<string> = new Set(['own', 'subordinates']);
const WRITING: ReadonlySet<string> = new Set(['create', 'update', 'import']);

interface TargetUser {
  id: string;
  username: string;
  department: string | null;
  roles: string[];
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
  if (missing.length) throw createError('BAD_REQUEST', `Give ${missing.join(', ')}.`, missing.map((k) => ({ path: `/${k}`, message: `${k} is required` })));
  if (!isName(input.operation)) throw createError('BAD_REQUEST', `'${input.operation!.slice(0, 60)}' is not an operation name.`, [{ path: '/operation', message: 'must be an operation such as read or update' }]);
  return input as ExplainInput;
}

async function findUser(db: Knex, user: string): Promise<TargetUser> {
  const query = db('users').first('id', 'username', 'department', 'roles', 'active', 'locked_until');
  const row = await (isId(user) ? query.where({ id: user }) : query.where({ username: user }));
  if (!row) throw createError('NOT_FOUND', `There is no user '${user.slice(0, 100)}'.`);
  return { ...row, id: String(row.id), department: row.department === null ? null : String(row.department) };
}

const describeScope = (scope: SingleScope) => (typeof scope === 'string' ? scope : `filter ${JSON.stringify(scope.filter)}`);

function describeLogin(role: string, login: LoginRules | undefined): string | null {
  if (!login) return null;
  const parts = [];
  if (login.allowedCidrs) parts.push(`networks ${login.allowedCidrs.join(', ')}`);
  if (login.allowedHours) parts.push(`hours ${login.allowedHours.from}–${login.allowedHours.to} ${login.allowedHours.tz}`);
  return parts.length ? `${parts.join(', ')} (role ${role})` : null;
}

function loginLevel(user: TargetUser, ctx: Ctx, now: Date): LevelVerdict {
  if (!user.active) return { level: 'login', allowed: false, reason: 'the user is inactive' };
  if (user.locked_until && new Date(user.locked_until) > now) {
    return { level: 'login', allowed: false, reason: `locked after failed logins until ${new Date(user.locked_until).toISOString()}` };
  }
  const rules = user.roles.map((r) => describeLogin(r, ctx.schema.roles.get(r)?.login)).filter(Boolean);
  const where = rules.length ? `; network and hours are checked on every request: ${rules.join('; ')}` : '; no network or hours rules';
  return { level: 'login', allowed: true, reason: `active, not locked${where}` };
}

/** Each scope part of each granting role, evaluated against one record in SQL. */
async function scopeMatches(ctx: Ctx, actor: Actor, object: ObjectInfo, operation: Operation, granting: readonly RoleGrant[], id: string) {
  const target: ScopeTarget = { snapshot: ctx.schema, object, actor, alias: 't0' };
  const probes: { role: string; part: string; person: boolean; sql: string; bindings: unknown[] }[] = [];
  for (const { role, grant } of granting) {
    const scope = scopeOfOperation(grant, operation)!;
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
    const reason = `not reached: no role grants ${operation}`;
    return [{ level: 'department', allowed: false, reason }, { level: 'person', allowed: false, reason }];
  }
  if (CREATING_OPERATIONS.has(operation)) {
    const reason = `${operation} makes new records: no record scope applies`;
    return [{ level: 'department', allowed: true, reason }, { level: 'person', allowed: true, reason }];
  }
  if (id === null || record === null) {
    const parts = granting.flatMap(({ role, grant }) => {
      const scope = scopeOfOperation(grant, operation)!;
      return (Array.isArray(scope) ? scope : [scope]).map((s) => ({ role, part: describeScope(s), person: typeof s === 'string' && PERSON_SCOPES.has(s) }));
    });
    const list = (person: boolean) => parts.filter((p) => p.person === person).map((p) => `${p.part} (role ${p.role})`).join(', ');
    const shares = shareAccessFor(operation).length ? ', plus records shared with you' : '';
    return [
      { level: 'department', allowed: true, reason: list(false) ? `reaches records by ${list(false)}` : 'no department scope; records are reached through the person level' },
      { level: 'person', allowed: true, reason: (list(true) ? `reaches records by ${list(true)}` : 'no person scope') + shares },
    ];
  }
  const { probes, shared } = await scopeMatches(ctx, actor, object, operation, granting, id);
  const roleInScope = (role: string, grant: ObjectGrant) =>
    (probes.some((p) => p.role === role && p.matched) || shared) && stateAllowsFor(grant, operation, record._state);
  const inScope = granting.some(({ role, grant }) => roleInScope(role, grant));
  const matched = (person: boolean) => probes.filter((p) => p.person === person && p.matched).map((p) => `${p.part} (role ${p.role})`);
  const missed = (person: boolean) => probes.filter((p) => p.person === person && !p.matched).map((p) => `${p.part} (role ${p.role})`);
  const facts = `the record's department is ${record._department ?? 'none'}, its owner ${record._owner ?? 'nobody'}`;
  const verdict = (level: 'department' | 'person', person: boolean): LevelVerdict => {
    const hits = matched(person);
    if (person && shared) hits.push('a record share');
    if (!inScope) {
      const reason = hits.length ? `reached by ${hits.join(', ')} but the record's workflow state '${record._state}' forbids ${operation}` : `not reached by ${missed(person).join(', ') || `any ${level} scope`}; ${facts}`;
      return { level, allowed: false, reason };
    }
    if (hits.length) return { level, allowed: true, reason: `reached by ${hits.join(', ')}` };
    return { level, allowed: true, reason: `not needed: the record is reached through the ${person ? 'department' : 'person'} level` };
  };
  return [verdict('department', false), verdict('person', true)];
}

function fieldLevel(actorCtx: Ctx, object: ObjectInfo, operation: Operation, field: FieldInfo | null, state: string | null): LevelVerdict {
  if (!field) return { level: 'field', allowed: true, reason: 'no field asked about' };
  const policy = tryResolvePolicy(actorCtx, object, operation);
  if (!policy) return { level: 'field', allowed: false, reason: `no role grants ${operation}` };
  const access = policy.fieldAccessIn(field, state);
  const needed = WRITING.has(operation) ? 'write' : 'read';
  const allowed = needed === 'write' ? access === 'write' : access !== 'none';
  const inState = state === null ? '' : ` in state '${state}'`;
  return { level: 'field', allowed, reason: `${field.name} is ${access}${inState} for ${policy.roles.join(', ')}; ${operation} needs ${needed}` };
}

function statusLevel(operation: Operation, granting: readonly RoleGrant[], record: RecordFacts | null): LevelVerdict {
  if (!granting.length) return { level: 'status', allowed: false, reason: `no role grants ${operation}` };
  if (record === null) {
    const limits = granting.flatMap(({ role, grant }) => statesForbidding(grant, operation).map((s) => `${s} (role ${role})`));
    return { level: 'status', allowed: true, reason: limits.length ? `${operation} is not allowed in the states ${limits.join(', ')}` : `no workflow state restricts ${operation}` };
  }
  if (record._state === null) return { level: 'status', allowed: true, reason: 'the record has no workflow state' };
  const allowing = granting.filter(({ grant }) => stateAllowsFor(grant, operation, record._state)).map((g) => g.role);
  return allowing.length
    ? { level: 'status', allowed: true, reason: `state '${record._state}' allows ${operation} for ${allowing.join(', ')}` }
    : { level: 'status', allowed: false, reason: `in state '${record._state}' no role allows ${operation}` };
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
  if (!ctx.actor.superuser && user.id !== ctx.actor.id) throw createError('FORBIDDEN', 'Only administrators may ask about other users.');
  const object = ctx.schema.object(input.object, { recordsOnly: true });
  const field = input.field === undefined ? null : object.fields.get(input.field) ?? null;
  if (input.field !== undefined && !field) throw createError('BAD_REQUEST', `Unknown field '${input.field.slice(0, 60)}' on ${object.name}.`, [{ path: '/field', message: `is not a field of ${object.name}` }]);
  const { actor } = await loadActor(ctx.db, user);
  const actorCtx: Ctx = { ...ctx, actor };
  const record = input.id === undefined ? null : await recordFacts(object, input.id, ctx);

  const login = loginLevel(user, ctx, now);
  const operation = input.operation;
  let levels: LevelVerdict[];
  const superRole = user.roles.find((r) => ctx.schema.roles.get(r)?.superuser === true);
  if (superRole) {
    // Network and hour rules are bypassed too; an inactive or locked superuser is still refused.
    const bypass = (level: Level): LevelVerdict => ({ level, allowed: true, reason: `superuser role '${superRole}' bypasses this level` });
    levels = LEVELS.map((level) => (level === 'login' && !login.allowed ? login : bypass(level)));
  } else {
    const reaching = roleGrants(ctx.schema, actor, object);
    const granting = reaching.filter((g) => g.grant.operations.includes(operation));
    const role: LevelVerdict = reaching.length
      ? { level: 'role', allowed: true, reason: `roles reaching ${object.name}: ${reaching.map((g) => g.role).join(', ')}` }
      : { level: 'role', allowed: false, reason: user.roles.length ? `none of the roles ${user.roles.join(', ')} names ${object.name}` : 'the user has no roles' };
    const operationLevel: LevelVerdict = granting.length
      ? { level: 'operation', allowed: true, reason: `${operation} granted by ${granting.map((g) => g.role).join(', ')}` }
      : { level: 'operation', allowed: false, reason: reaching.length ? `no role grants ${operation} (granted: ${[...new Set(reaching.flatMap((g) => g.grant.operations))].join(', ') || 'nothing'})` : `no role names ${object.name}` };
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
    levels,
  };
}
