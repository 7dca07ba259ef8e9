import { pluginError, readBody, type PluginBootContext, type PluginRegisterContext } from '../../../../platform/src/plugins/plugin-api.ts';
import { dispatchIssue } from '../journal-dispatch.ts';
import { isoDay, renewSubscription, runRenewals } from '../subscription-renewal.ts';
import { T } from '../texts.ts';

export const RENEWALS_JOB = 'subscription_renewals';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The journal's renewal action and the daily renewal job. */
export function registerJournal(ctx: PluginRegisterContext): void {
  ctx.workflowAction('renew_subscription', ({ id, system }) => renewSubscription(id, system));
  // Daily: subscriptions ending soon get their renewal offer, ended ones expire.
  ctx.jobHandler<{ date?: string }>(RENEWALS_JOB, async (data, { system, log, mail }) => {
    const run = await runRenewals(data.date ?? isoDay(new Date()), { system, log, mail });
    if (run.offered || run.expired) log.info(run, 'journal subscription renewals');
  }, { coalesce: true });
}

/** The renewal schedule, an issue's dispatch and the renewal run on demand. */
export async function bootJournal(ctx: PluginBootContext): Promise<void> {
  await ctx.schedule(RENEWALS_JOB, '0 1 * * *');

  const router = ctx.router();
  router.post('/journal-issues/:id/dispatch', async (req, res) => {
    res.json(await dispatchIssue(req.params.id, ctx.caller(req), ctx.system));
  });
  // What the daily renewal job does, at once, as on `date` (default today): for staff, and for checking a date ahead.
  router.post('/subscriptions/renewals', async (req, res) => {
    const input = readBody(req.body, ['date']);
    if (input.date !== undefined && (typeof input.date !== 'string' || !DAY.test(input.date) || Number.isNaN(Date.parse(input.date)))) {
      throw pluginError('BAD_REQUEST', T.bodyObject, [{ path: '/date', message: T.mustBeDate }]);
    }
    if (!(await ctx.caller(req).records.permits('journal_subscription', 'update'))) throw pluginError('FORBIDDEN', T.mayNotRunRenewals);
    res.json(await runRenewals((input.date as string | undefined) ?? isoDay(new Date()), { system: ctx.system, log: ctx.log, mail: ctx.mail }));
  });
}
