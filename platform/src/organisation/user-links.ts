import type { Knex } from 'knex';
import type { RecordLink } from '../core/ctx.ts';
import { createError, type ErrorDetailInput } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';

/**
 * Whether a user may be linked to a record: checked by the caller's layer, which can read records,
 * inside the user's transaction; it answers the problems as JSON-pointer details under `/account`.
 */
export type AccountLinkCheck = (link: RecordLink, trx: Knex.Transaction) => Promise<ErrorDetailInput[]>;

const MAX_NAMED = 5;

async function linkedUsernames(query: Knex.QueryBuilder): Promise<{ count: number; usernames: string }> {
  const rows: { username: string }[] = await query.clone().orderBy('id').limit(MAX_NAMED).select('username');
  if (!rows.length) return { count: 0, usernames: '' };
  const { count } = (await query.clone().first(query.client.raw('count(*)::int AS count'))) as { count: number };
  return { count, usernames: rows.map((r) => r.username).join(', ') + (count > MAX_NAMED ? ', …' : '') };
}

/**
 * A record that users are linked to stays (deleting it would leave portal users acting for
 * nothing): 409 naming them, active or not, until an administrator links them elsewhere.
 */
export async function refuseWhileLinked(object: string, id: string, db: Knex): Promise<void> {
  const { count, usernames } = await linkedUsernames(db('users').where({ account_object: object, account_id: id }));
  if (count) throw createError('CONFLICT', msg('org.linkedUsers', { count, usernames }), undefined, { linkedUsers: count });
}

/** The same for every record of an object, before the object is deleted. */
export async function refuseWhileObjectLinked(object: string, db: Knex): Promise<void> {
  const { count, usernames } = await linkedUsernames(db('users').where({ account_object: object }));
  if (count) throw createError('CONFLICT', msg('org.linkedUsersOfObject', { object, count, usernames }), undefined, { linkedUsers: count });
}

/** Users linked to a record merged into another are linked to the record that stays. */
export async function relinkUsers(object: string, from: string, to: string, db: Knex): Promise<void> {
  await db('users').where({ account_object: object, account_id: from }).update({ account_id: to });
}
