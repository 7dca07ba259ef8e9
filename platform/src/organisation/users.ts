import type { Knex } from 'knex';
import { hashPassword } from '../auth/passwords.ts';
import { PASSWORD_POLICY, passwordProblems } from '../auth/password-policy.ts';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { addClosureNode, isInSubtree, lockClosure, moveClosureNode } from './closure-table.ts';
import { managerChain } from './manager-chain.ts';
import { isId } from '../core/identifiers.ts';
import { bodyObject, InputProblems, likePattern, readReference, readText, rejectUnknownKeys } from './organisation-input.ts';
import { msg } from '../core/messages/message.ts';
import { announceChange } from '../core/change-bus.ts';
import { kindLabel } from '../core/messages/kind-labels.ts';
import type { RecordLink } from '../core/ctx.ts';
import type { AccountLinkCheck } from './user-links.ts';

export interface User {
  id: string;
  username: string;
  name: string;
  email: string | null;
  department: string | null;
  manager: string | null;
  roles: string[];
  active: boolean;
  /** null: none chosen, answers follow the request's Accept-Language. */
  language: 'en' | 'zh-CN' | null;
  /** `portal` users reach only what is open to portal users (docs/organisation.md). */
  kind: UserKind;
  /** The record the user acts for (`$user.account` in filters); its title is added by the routes. */
  account: (RecordLink & { title?: string | null }) | null;
  createdAt: string;
}

export type UserKind = 'staff' | 'portal';

export interface UserInput {
  username?: string;
  password?: string;
  name?: string;
  email?: string | null;
  department?: string | null;
  manager?: string | null;
  roles?: string[];
  active?: boolean;
  language?: 'en' | 'zh-CN' | null;
  kind?: UserKind;
  account?: RecordLink | null;
}

export interface UserWriteOptions {
  /** Checks a new link against the records; needed whenever the input sets `account`. */
  checkAccount?: AccountLinkCheck;
}

export interface UserListQuery {
  department?: string;
  includeSubdepartments?: boolean;
  q?: string;
  active?: boolean;
  limit: number;
  cursor?: string;
}

const FIELDS = ['username', 'password', 'name', 'email', 'department', 'manager', 'roles', 'active', 'language', 'kind', 'account'] as const;
const COLUMNS = ['id', 'username', 'name', 'email', 'department', 'manager', 'roles', 'active', 'language', 'kind', 'account_object', 'account_id', 'created_at'];
const KINDS: readonly string[] = ['staff', 'portal'] satisfies UserKind[];
const OBJECT_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const USERNAME = /^[\p{L}\p{N}._@-]{1,100}$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LANGUAGES = ['en', 'zh-CN'];

export function parseUserInput(body: unknown, { creating }: { creating: boolean }): UserInput {
  const data = bodyObject(body);
  const problems = new InputProblems();
  rejectUnknownKeys(data, FIELDS, problems);
  const input: UserInput = {};
  if (data.username !== undefined) {
    if (typeof data.username === 'string' && USERNAME.test(data.username)) input.username = data.username;
    else problems.add('/username', msg('org.username'));
  }
  if (data.password !== undefined) {
    if (typeof data.password === 'string') input.password = data.password;
    else problems.add('/password', msg('org.passwordString'));
  }
  input.name = readText(data, 'name', 200, problems);
  if (data.email !== undefined) {
    if (data.email === null || (typeof data.email === 'string' && data.email.length <= 320 && EMAIL.test(data.email))) input.email = data.email;
    else problems.add('/email', msg('org.email'));
  }
  input.department = readReference(data, 'department', problems);
  input.manager = readReference(data, 'manager', problems);
  if (data.roles !== undefined) {
    if (Array.isArray(data.roles) && data.roles.length <= 100 && data.roles.every((r) => typeof r === 'string' && r.length > 0 && r.length <= 100)) {
      input.roles = [...new Set(data.roles as string[])];
    } else problems.add('/roles', msg('org.roles'));
  }
  if (data.active !== undefined) {
    if (typeof data.active === 'boolean') input.active = data.active;
    else problems.add('/active', msg('org.boolean', { key: 'active' }));
  }
  if (data.language !== undefined) {
    if (data.language === null || (typeof data.language === 'string' && LANGUAGES.includes(data.language))) input.language = data.language as UserInput['language'];
    else problems.add('/language', msg('org.language', { languages: LANGUAGES.join(', ') }));
  }
  if (data.kind !== undefined) {
    if (typeof data.kind === 'string' && KINDS.includes(data.kind)) input.kind = data.kind as UserKind;
    else problems.add('/kind', msg('org.kind'));
  }
  if (data.account !== undefined) input.account = readAccount(data.account, problems);
  if (creating) for (const key of ['username', 'password', 'name'] as const) if (data[key] === undefined) problems.add(`/${key}`, msg('org.keyRequired', { key }));
  problems.throwIfAny(msg('org.userInvalid'));
  return input;
}

/** `null`, or `{"object": "<name>", "id": "<id>"}` (a whole-number id is taken too). */
function readAccount(value: unknown, problems: InputProblems): RecordLink | null | undefined {
  if (value === null) return null;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const link = value as Record<string, unknown>;
    const id = typeof link.id === 'number' && Number.isSafeInteger(link.id) ? String(link.id) : link.id;
    const keys = Object.keys(link);
    if (keys.length === 2 && typeof link.object === 'string' && OBJECT_NAME.test(link.object) && typeof id === 'string' && isId(id)) return { object: link.object, id };
  }
  problems.add('/account', msg('org.account'));
  return undefined;
}

const toUser = (row: Record<string, any>): User => ({
  id: String(row.id),
  username: row.username,
  name: row.name,
  email: row.email ?? null,
  department: row.department === null ? null : String(row.department),
  manager: row.manager === null ? null : String(row.manager),
  roles: row.roles ?? [],
  active: row.active,
  language: row.language ?? null,
  kind: row.kind,
  account: row.account_object ? { object: row.account_object, id: String(row.account_id) } : null,
  createdAt: row.created_at,
});

export async function listUsers(query: UserListQuery, ctx: Ctx): Promise<{ data: User[]; nextCursor: string | null }> {
  const q = ctx.db('users as u').select(COLUMNS.map((c) => `u.${c}`)).orderBy('u.id').limit(query.limit + 1);
  if (query.department !== undefined) {
    if (query.includeSubdepartments) q.whereIn('u.department', ctx.db('department_tree').select('descendant').where('ancestor', query.department));
    else q.where('u.department', query.department);
  }
  if (query.q) {
    const pattern = likePattern(query.q);
    q.where((w) => w.whereILike('u.username', pattern).orWhereILike('u.name', pattern));
  }
  if (query.active !== undefined) q.where('u.active', query.active);
  if (query.cursor !== undefined) q.where('u.id', '>', query.cursor);
  const rows = await q;
  const more = rows.length > query.limit;
  const data = rows.slice(0, query.limit).map(toUser);
  return { data, nextCursor: more ? data[data.length - 1].id : null };
}

export async function getUser(id: string, ctx: Ctx): Promise<User> {
  const row = await ctx.db('users').where({ id }).first(COLUMNS);
  if (!row) throw createError('NOT_FOUND', msg('org.idNotFound', { what: kindLabel('user'), id }));
  return toUser(row);
}

/**
 * Checks that need the database: the username is free, the roles, department, manager and linked
 * record exist, and a portal user (as the user will be after the change) holds no superuser role.
 */
async function checkAgainstDatabase(id: string | null, input: UserInput, after: { kind: UserKind; roles: string[] }, trx: Knex.Transaction, options: UserWriteOptions): Promise<void> {
  if (input.username !== undefined) {
    const taken = await trx('users').where('username', input.username).modify((q) => (id ? q.whereNot('id', id) : q)).first('id');
    if (taken) throw createError('UNIQUE_VIOLATION', msg('org.usernameTaken', { username: input.username }), [{ path: '/username', message: msg('org.usernameUnique') }]);
  }
  const problems = new InputProblems();
  const unknownRoles: string[] = [];
  if (input.roles?.length) {
    const known = new Set<string>(await trx('roles').whereIn('name', input.roles).pluck('name'));
    input.roles.forEach((role, index) => {
      if (known.has(role)) return;
      unknownRoles.push(role.slice(0, 100));
      problems.add(`/roles/${index}`, msg('org.roleMissing', { name: role.slice(0, 100) }));
    });
  }
  if (input.department && !(await trx('departments').where('id', input.department).first('id'))) problems.add('/department', msg('org.departmentMissing', { id: input.department }));
  if (input.manager && !(await trx('users').where('id', input.manager).first('id'))) problems.add('/manager', msg('org.userMissing', { id: input.manager }));
  if (input.account) {
    if (!options.checkAccount) throw new Error('A user\'s account link is written without a check against the records.');
    for (const problem of await options.checkAccount(input.account, trx)) problems.add(problem.path, problem.message);
  }
  problems.throwIfAny(unknownRoles.length ? msg('org.noRoles', { roles: unknownRoles.map((r) => `'${r}'`).join(', ') }) : msg('org.userDangling'));
  if (after.kind === 'portal' && after.roles.length) {
    const superRoles: string[] = await trx('roles').whereIn('name', after.roles).whereRaw(SUPERUSER_ROLE).pluck('name');
    for (const name of superRoles) {
      const index = input.roles?.indexOf(name) ?? -1;
      problems.add(index >= 0 ? `/roles/${index}` : '/kind', msg('org.portalSuperuser', { name }));
    }
    problems.throwIfAny(msg('org.portalNoAdmin'));
  }
}

function checkPassword(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length) {
    throw createError('VALIDATION_FAILED', msg('org.passwordPolicy', { policy: PASSWORD_POLICY }), problems.map((message) => ({ path: '/password', message })));
  }
}

const SUPERUSER_ROLE = "(document->>'superuser')::boolean IS TRUE";

async function isSuperuser(roles: string[], trx: Knex.Transaction): Promise<boolean> {
  return roles.length > 0 && (await trx('roles').whereIn('name', roles).whereRaw(SUPERUSER_ROLE).first('name')) !== undefined;
}

/** Refuses a change that would leave nobody able to administer the system. */
async function keepOneSuperuser(current: Record<string, any>, input: UserInput, trx: Knex.Transaction): Promise<void> {
  if (!current.active || !(await isSuperuser(current.roles, trx))) return;
  if ((input.active ?? true) && (input.roles === undefined || (await isSuperuser(input.roles, trx)))) return;
  const other = await trx('users as u')
    .where('u.active', true)
    .whereNot('u.id', current.id)
    .whereExists((q) => q.select(trx.raw('1')).from('roles').whereRaw('roles.name = ANY(u.roles)').whereRaw(SUPERUSER_ROLE))
    .first('u.id');
  if (!other) throw createError('CONFLICT', msg('org.lastAdmin'));
}

async function revokeSessions(id: string, trx: Knex.Transaction): Promise<void> {
  await trx('auth_sessions').where('user_id', id).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
}

export async function createUser(input: UserInput, ctx: Ctx, options: UserWriteOptions = {}): Promise<User> {
  checkPassword(input.password!, input.username!);
  const passwordHash = await hashPassword(input.password!);
  const id = await ctx.db.transaction(async (trx) => {
    await lockClosure(managerChain, trx);
    await checkAgainstDatabase(null, input, { kind: input.kind ?? 'staff', roles: input.roles ?? [] }, trx, options);
    const [row] = await trx('users').insert({ ...userColumns(input), password_hash: passwordHash }).returning('id');
    await addClosureNode(managerChain, String(row.id), input.manager ?? null, trx);
    return String(row.id);
  });
  return getUser(id, ctx);
}

export async function updateUser(id: string, input: UserInput, ctx: Ctx, options: UserWriteOptions = {}): Promise<User> {
  const before = await getUser(id, ctx);
  if (input.password !== undefined) checkPassword(input.password, input.username ?? before.username);
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  await ctx.db.transaction(async (trx) => {
    await lockClosure(managerChain, trx);
    const current = await trx('users').where({ id }).first('id', 'username', 'manager', 'roles', 'active', 'kind');
    if (!current) throw createError('NOT_FOUND', msg('org.idNotFound', { what: kindLabel('user'), id }));
    await checkAgainstDatabase(id, input, { kind: input.kind ?? current.kind, roles: input.roles ?? current.roles ?? [] }, trx, options);
    const moving = input.manager !== undefined && input.manager !== (current.manager === null ? null : String(current.manager));
    if (moving && input.manager !== null && (await isInSubtree(managerChain, id, input.manager!, trx))) {
      throw createError('VALIDATION_FAILED', msg('org.managerCycle'), [
        { path: '/manager', message: msg(input.manager === id ? 'org.managerIsSelf' : 'org.managerIsSub', { id: input.manager }) },
      ]);
    }
    await keepOneSuperuser(current, input, trx);
    const changes: Record<string, unknown> = Object.fromEntries(Object.entries(userColumns(input)).filter(([, value]) => value !== undefined));
    if (passwordHash !== undefined) changes.password_hash = passwordHash;
    if (Object.keys(changes).length) await trx('users').where({ id }).update(changes);
    if (moving) await moveClosureNode(managerChain, id, input.manager!, trx);
    if (input.active === false) await revokeSessions(id, trx);
    // Every process drops the user's cached sessions, so roles, department and deactivation apply at once.
    await announceChange(trx, { kind: 'user', id });
  });
  return getUser(id, ctx);
}

/** The columns an input writes (the password is hashed apart; the account link is two columns). */
function userColumns(input: UserInput): Record<string, unknown> {
  const { password: _password, account, ...fields } = input;
  if (account === undefined) return fields;
  return { ...fields, account_object: account?.object ?? null, account_id: account?.id ?? null };
}

/** Users stay (records refer to them): deleting one deactivates it and ends its sessions. */
export async function deactivateUser(id: string, ctx: Ctx): Promise<void> {
  await updateUser(id, { active: false }, ctx);
}

export function parseUserListQuery(query: Record<string, unknown>): UserListQuery {
  const problems = new InputProblems();
  const text = (key: string) => (typeof query[key] === 'string' ? (query[key] as string) : undefined);
  const flag = (key: string) => {
    const value = text(key);
    if (value === undefined) return undefined;
    if (value === 'true' || value === 'false') return value === 'true';
    problems.add(`/${key}`, msg('org.boolean', { key }));
    return undefined;
  };
  const department = text('department');
  if (department !== undefined && !isId(department)) problems.add('/department', msg('org.departmentId'));
  const cursor = text('cursor');
  if (cursor !== undefined && !isId(cursor)) problems.add('/cursor', msg('org.cursor'));
  const limitText = text('limit');
  const limit = limitText === undefined ? 100 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) problems.add('/limit', msg('org.limit'));
  const result: UserListQuery = { department, includeSubdepartments: flag('includeSubdepartments'), q: text('q')?.slice(0, 200), active: flag('active'), limit, cursor };
  if (problems.details.length) throw createError('BAD_REQUEST', msg('org.queryInvalid'), problems.details);
  return result;
}

/** Whether a user exists and is active (records are handed, shared and delegated only to such users). */
export async function isActiveUser(db: Knex, id: string): Promise<boolean> {
  return (await db('users').where({ id, active: true }).first('id')) !== undefined;
}

/** Whether an active user is a portal user: the staff's own work (owning records, deciding tasks) is never handed to one. */
export async function isPortalUser(db: Knex, id: string): Promise<boolean> {
  return (await db('users').where({ id, kind: 'portal' }).first('id')) !== undefined;
}

/** Ends a lockout after failed logins (and forgets the failures) before it runs out by itself. */
export async function unlockUser(id: string, ctx: Ctx): Promise<void> {
  const changed = await ctx.db('users').where({ id }).update({ failed_logins: 0, failed_logins_since: null, locked_until: null });
  if (!changed) throw createError('NOT_FOUND', msg('org.idNotFound', { what: kindLabel('user'), id }));
}
