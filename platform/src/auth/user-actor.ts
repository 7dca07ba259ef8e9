import type { Knex } from 'knex';
import type { Actor } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { ACTOR_COLUMNS, loadActor } from './session-store.ts';

/**
 * The actor of an active user, as a request of theirs would carry it, for work done on their behalf
 * without a request (a job they started, a schedule they saved). A missing or disabled user is
 * refused: nobody acts as someone who may no longer log in. Network and hour rules of the login
 * level are not applied, since no one is logging in.
 */
export async function activeUserActor(db: Knex, userId: string): Promise<Actor> {
  const row = /^[1-9][0-9]{0,18}$/.test(userId)
    ? await db('users').where({ id: userId, active: true }).first(ACTOR_COLUMNS)
    : undefined;
  if (!row) throw createError('FORBIDDEN', msg('auth.actingUserInactive', { id: userId.slice(0, 40) }));
  return (await loadActor(db, row)).actor;
}
