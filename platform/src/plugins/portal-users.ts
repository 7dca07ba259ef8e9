import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { queueMail } from '../jobs/queue-mail.ts';
import { updateUser } from '../organisation/users.ts';
import { accountLinkCheck } from '../records/account-links.ts';
import { textIn, type PortalMail, type PortalUsers } from './plugin-api.ts';

async function portalUserRow(userId: string, ctx: Ctx): Promise<{ id: string; email: string | null; language: 'en' | 'zh-CN' | null }> {
  const row = await ctx.db('users').where({ id: userId, kind: 'portal' }).first('id', 'email', 'language');
  if (!row) throw createError('NOT_FOUND', msg('portal.notPortalUser', { id: userId }));
  return row;
}

async function mailUser(userId: string, mail: PortalMail, ctx: Ctx): Promise<void> {
  const user = await portalUserRow(userId, ctx);
  if (!user.email) return;
  const lang = user.language ?? 'en';
  await queueMail({ to: user.email, subject: textIn(mail.subject, lang), text: textIn(mail.text, lang) }, ctx);
}

/**
 * Portal users as pack code handles them, in the transaction of `ctx` (a workflow step's, a
 * verification's): activating one goes through the same user update as the admin API, so the account
 * link, role and no-superuser checks apply and the user's cached sessions are dropped.
 */
export function portalUsers(ctx: Ctx): PortalUsers {
  return {
    async activate(userId, { account, roles, welcome }) {
      await portalUserRow(userId, ctx);
      await updateUser(userId, { account, roles, active: true }, ctx, { checkAccount: accountLinkCheck(ctx) });
      await ctx.db('portal_sign_ups').where({ user_id: userId }).update({ activated_at: ctx.db.fn.now() });
      if (welcome) await mailUser(userId, welcome, ctx);
    },
    mail: (userId, mail) => mailUser(userId, mail, ctx),
  };
}
