import type { Knex } from 'knex';
import { createError } from '../core/errors.ts';
import type { RoleDocument } from '../generated/role.ts';
import { ACTOR_COLUMNS, loadActor } from './session-store.ts';
import { loginRefusal } from './login-policy.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { msg } from '../core/messages/message.ts';

export const MAX_FAILED_LOGINS = 5;
export const FAILED_LOGIN_WINDOW_MINUTES = 15;

/** The application a person signs in to: the staff web app, or the customer portal. */
export type SignInApp = 'staff' | 'portal';

/** Where each application signs its users in, told to someone who came to the other one. */
export const SIGN_IN_PAGE: Readonly<Record<SignInApp, string>> = { staff: '/', portal: '/portal' };

export interface LogInInput {
  username: string;
  password: string;
  clientIp: string | undefined;
  /** The application signed in to; absent for API clients, which any user may be. */
  app?: SignInApp;
}

export interface LogInDeps {
  db: Knex;
  now: () => Date;
  lockoutMinutes: number;
}

export interface LoggedInUser {
  id: string;
  username: string;
  name: string;
  department: string | null;
  roles: RoleDocument['name'][];
  kind: 'staff' | 'portal';
}

const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

function lockedError(lockedUntil: Date) {
  return createError(
    'LOCKED',
    msg('auth.locked', { until: lockedUntil.toISOString() }),
    undefined,
    { lockedUntil: lockedUntil.toISOString() },
  );
}

/**
 * Counts a failure in the current 15-minute window (starting a new one when the last has passed or
 * an earlier lock has run out) and locks the account at the fifth. It is one statement keyed by the
 * username, so it costs the same whether or not the user exists and concurrent failures all count.
 */
async function recordFailure(username: string, now: Date, deps: LogInDeps): Promise<Date | null> {
  const windowStart = minutesAfter(now, -FAILED_LOGIN_WINDOW_MINUTES).toISOString();
  const at = now.toISOString();
  const fresh = '(failed_logins_since IS NULL OR failed_logins_since <= ? OR (locked_until IS NOT NULL AND locked_until <= ?))';
  const result = await deps.db.raw(
    `UPDATE users SET
       failed_logins = CASE WHEN ${fresh} THEN 1 ELSE failed_logins + 1 END,
       failed_logins_since = CASE WHEN ${fresh} THEN ?::timestamptz ELSE failed_logins_since END,
       locked_until = CASE WHEN ${fresh} THEN NULL
                           WHEN failed_logins + 1 >= ? THEN ?::timestamptz ELSE locked_until END
     WHERE username = ?
     RETURNING locked_until`,
    [windowStart, at, at, windowStart, at, windowStart, at, MAX_FAILED_LOGINS, minutesAfter(now, deps.lockoutMinutes).toISOString(), username],
  );
  const lockedUntil = (result.rows[0] as { locked_until: string | Date | null } | undefined)?.locked_until;
  return lockedUntil ? new Date(lockedUntil) : null;
}

/**
 * The login level at sign-in: password, lockout, active flag, the roles' network and hours rules,
 * then whether the account belongs to the application signed in to. An unknown username is answered exactly like a wrong password, after the same work.
 */
export async function logIn(input: LogInInput, deps: LogInDeps): Promise<LoggedInUser> {
  const username = input.username.slice(0, 200);
  const user = await deps.db('users').where({ username }).first([...ACTOR_COLUMNS, 'name', 'active', 'password_hash', 'failed_logins', 'locked_until']);
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password.slice(0, 1000));
  const now = deps.now();
  const lockedUntil = user?.locked_until ? new Date(user.locked_until) : null;
  if (lockedUntil && lockedUntil > now) throw lockedError(lockedUntil);
  if (!user || !valid) {
    const locked = await recordFailure(username, now, deps);
    if (locked && locked > now) throw lockedError(locked);
    throw createError('UNAUTHENTICATED', msg('auth.wrongPassword'));
  }
  if (user.failed_logins > 0 || user.locked_until) {
    await deps.db('users').where({ id: user.id }).update({ failed_logins: 0, failed_logins_since: null, locked_until: null });
  }
  if (!user.active) throw createError('FORBIDDEN', msg('auth.disabled'));
  const { loginPolicy } = await loadActor(deps.db, user);
  const refusal = loginRefusal(loginPolicy, input.clientIp, now);
  if (refusal) throw createError('FORBIDDEN', refusal);
  // After the password, so the kind of an account is told only to whoever holds it.
  if (input.app !== undefined && input.app !== user.kind) {
    throw createError('FORBIDDEN', msg(user.kind === 'portal' ? 'auth.portalAccount' : 'auth.staffAccount'), undefined, { signInAt: SIGN_IN_PAGE[user.kind as SignInApp] });
  }
  return {
    id: String(user.id),
    username: user.username,
    name: user.name,
    department: user.department ? String(user.department) : null,
    roles: user.roles,
    kind: user.kind,
  };
}
