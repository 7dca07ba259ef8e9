import { systemContext, withDb, type Ctx } from '../core/ctx.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import { msg } from '../core/messages/message.ts';
import type { AccountLinkCheck } from '../organisation/user-links.ts';
import type { User } from '../organisation/users.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { readTitles } from './record-titles.ts';

/**
 * A user may be linked to a live record of a record object. The record is read `FOR SHARE` in the
 * user's transaction, so a deletion of it (which locks it `FOR UPDATE` and then looks for linked
 * users) either sees the link or comes first and makes the link fail.
 */
export function accountLinkCheck(ctx: Ctx): AccountLinkCheck {
  return async (link, trx) => {
    const object = ctx.schema.objects.get(link.object);
    if (!object || object.system) return [{ path: '/account/object', message: msg('org.accountObject', { object: link.object }) }];
    const { query } = scopedQuery(systemContext(withDb(ctx, trx)), object.name, 'read');
    const row = await query.where('t0.id', link.id).forShare('t0').first('t0.id');
    return row ? [] : [{ path: '/account/id', message: msg('org.accountRecord', { object: objectLabel(object), id: link.id }) }];
  };
}

/** The users with the titles of their linked records, as the caller may read them (null when they may not). */
export async function withAccountTitles(users: User[], ctx: Ctx): Promise<User[]> {
  const wanted = new Map<string, Set<string>>();
  for (const { account } of users) {
    if (!account || ctx.schema.objects.get(account.object)?.system !== false) continue;
    const ids = wanted.get(account.object) ?? new Set<string>();
    wanted.set(account.object, ids.add(account.id));
  }
  const titles = wanted.size ? await readTitles(wanted, ctx) : {};
  return users.map((user) => (user.account ? { ...user, account: { ...user.account, title: titles[user.account.object]?.[user.account.id] ?? null } } : user));
}
