import { definePlugin, pluginError } from '../../platform/src/plugins/plugin-api.ts';
import { accountTree } from './src/account-tree.ts';
import { refuseLinksOfLockedActivity } from './src/activity-link-lock.ts';
import { CAMPAIGN_STATS_JOB, refreshCampaignStats } from './src/campaign-stats.ts';
import { convertLead } from './src/convert-lead.ts';
import { CUSTOMER_CARE_CRON, CUSTOMER_CARE_JOB, remindCustomerCare } from './src/customer-care.ts';
import { GOAL_PROGRESS_JOB, refreshGoalProgress } from './src/goal-progress.ts';
import { markResolved, stampResolvedAt } from './src/resolved-at.ts';
import { warnOfSharedCustomer } from './src/shared-customer.ts';
import { applyStageDefaults, WON_STAGES } from './src/stage-probability.ts';

const wonOrLeftWon = (record: Record<string, unknown> | undefined) => (WON_STAGES as readonly string[]).includes(String(record?.stage));

/** The CRM modules: everything is JSON in metadata/; this is the little code that ties them together. */
export default definePlugin({
  register(ctx) {
    ctx.jobHandler<{ campaign: string }>(CAMPAIGN_STATS_JOB, (data, { system }) => refreshCampaignStats(data, system), { retryLimit: 5, coalesce: true });
    ctx.jobHandler(GOAL_PROGRESS_JOB, async (_data, { system, log }) => {
      const changed = await refreshGoalProgress(system);
      if (changed) log.info({ changed }, 'goal progress updated');
    }, { retryLimit: 5, coalesce: true });
    ctx.workflowAction('mark_resolved', markResolved);
    ctx.jobHandler(CUSTOMER_CARE_JOB, async (_data, { system, notify, log }) => {
      const sent = await remindCustomerCare(new Date(), system, notify);
      log.info(sent, 'customer care reminders sent');
    });
  },
  async boot(ctx) {
    ctx.on('beforeCreate', 'opportunity', applyStageDefaults);
    ctx.on('beforeUpdate', 'opportunity', applyStageDefaults);
    ctx.on('beforeCreate', 'service_request', stampResolvedAt);
    ctx.on('beforeUpdate', 'service_request', stampResolvedAt);
    for (const event of ['afterCreate', 'afterUpdate'] as const) {
      ctx.on(event, 'opportunity', async ({ record, sendJob }) => {
        // Goals and campaign revenue follow won business; recomputed by jobs, so concurrent wins never clash.
        if (wonOrLeftWon(record) || event === 'afterUpdate') await sendJob(GOAL_PROGRESS_JOB, {}, { singletonKey: 'all-goals' });
        if (record?.campaign) await sendJob(CAMPAIGN_STATS_JOB, { campaign: String(record.campaign) }, { singletonKey: String(record.campaign) });
      });
    }
    for (const event of ['afterCreate', 'afterUpdate', 'afterDelete'] as const) {
      ctx.on(event, 'campaign_member', async ({ record, sendJob }) => {
        if (record?.campaign) await sendJob(CAMPAIGN_STATS_JOB, { campaign: String(record.campaign) }, { singletonKey: String(record.campaign) });
      });
    }
    ctx.on('afterCreate', 'goal', async ({ sendJob }) => sendJob(GOAL_PROGRESS_JOB, {}, { singletonKey: 'all-goals' }));
    ctx.on('afterCreate', 'opportunity', warnOfSharedCustomer);
    ctx.on('afterCreate', 'activity', warnOfSharedCustomer);
    for (const event of ['beforeCreate', 'beforeUpdate', 'beforeDelete'] as const) ctx.on(event, 'activity_link', refuseLinksOfLockedActivity);
    await ctx.schedule(CUSTOMER_CARE_JOB, CUSTOMER_CARE_CRON);

    const router = ctx.router();
    router.post('/leads/:id/convert', async (req, res) => {
      res.status(201).json(await convertLead(req.params.id, req.body, ctx.caller(req)));
    });
    router.get('/accounts/:id/tree', async (req, res) => {
      res.json(await accountTree(req.params.id, ctx.caller(req)));
    });
    router.post('/care/run', async (req, res) => {
      // Those who manage care holidays may send a day's reminders again (e.g. after loading contacts).
      const caller = ctx.caller(req);
      if (!(await caller.records.permits('care_holiday', 'update'))) throw pluginError('FORBIDDEN', { en: 'Only those who manage care holidays may send care reminders.', 'zh-CN': '只有管理关怀节日的用户才能发送关怀提醒。' });
      const day = (req.body ?? {}).day;
      if (day !== undefined && (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)))) {
        throw pluginError('BAD_REQUEST', { en: 'day must be a date (YYYY-MM-DD).', 'zh-CN': 'day 必须是日期（YYYY-MM-DD）。' }, [{ path: '/day', message: { en: 'must be YYYY-MM-DD', 'zh-CN': '必须是 YYYY-MM-DD' } }]);
      }
      res.json(await remindCustomerCare(day ? new Date(`${day}T04:00:00Z`) : new Date(), ctx.system, ctx.notify));
    });
  },
});
