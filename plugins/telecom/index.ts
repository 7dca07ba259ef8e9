import { definePlugin } from '../../platform/src/plugins/plugin-api.ts';
import { lockSubscribers, refreshSubscriber } from './src/churn-profile-hooks.ts';
import { ALL_PROFILES_CRON, ALL_PROFILES_JOB, CHANGED_PROFILES_CRON, CHANGED_PROFILES_JOB, refreshAllProfiles, refreshChangedProfiles } from './src/churn-profile-job.ts';
import { migrateSubscriptions } from './src/migrate-subscriptions.ts';
import { retentionTask } from './src/retention-tasks.ts';
import { currentVersion, settleTariff } from './src/tariff-versions.ts';

/**
 * The telecom pack: subscribers, versioned tariffs, usage, complaints, regional enterprise projects.
 * Its objects, regional roles, workflows, reports, dashboards and analyses are JSON in metadata/;
 * this is the tariff versions' logic (grandfathering and migration), the churn profile kept from
 * complaints and usage, and the churn model's retention tasks.
 */
export default definePlugin({
  register(ctx) {
    // The schedules start when the pack boots, which is before its install commits: until then there is nothing to do.
    ctx.jobHandler(CHANGED_PROFILES_JOB, async (_data, tools) => {
      if (tools.meta.object('churn_profile_sync')) tools.log.info(await refreshChangedProfiles(tools), 'churn profiles of changed subscribers recomputed');
    }, { coalesce: true });
    ctx.jobHandler(ALL_PROFILES_JOB, async (_data, tools) => {
      if (tools.meta.object('churn_profile_sync')) tools.log.info({ subscribers: await refreshAllProfiles(tools) }, 'churn profiles recomputed');
    }, { coalesce: true });
  },
  async boot(ctx) {
    ctx.on('beforeCreate', 'subscriber', settleTariff);
    ctx.on('beforeUpdate', 'subscriber', settleTariff);
    ctx.on('afterUpdate', 'subscriber', retentionTask);
    // Complaints count on their subscriber at once. Usage rows are created in bulk (imports, demo data):
    // a create hook would make every bulk create go one row at a time, so new rows wait for the
    // 5-minute job; changes and deletions of single rows count at once.
    for (const event of ['beforeCreate', 'beforeUpdate', 'beforeDelete'] as const) ctx.on(event, 'complaint', lockSubscribers);
    for (const event of ['afterCreate', 'afterUpdate', 'afterDelete'] as const) ctx.on(event, 'complaint', refreshSubscriber);
    for (const event of ['beforeUpdate', 'beforeDelete'] as const) ctx.on(event, 'usage_summary', lockSubscribers);
    for (const event of ['afterUpdate', 'afterDelete'] as const) ctx.on(event, 'usage_summary', refreshSubscriber);
    await ctx.schedule(CHANGED_PROFILES_JOB, CHANGED_PROFILES_CRON);
    await ctx.schedule(ALL_PROFILES_JOB, ALL_PROFILES_CRON);

    const router = ctx.router();
    router.get('/tariff-plans/:id/current-version', async (req, res) => {
      const caller = ctx.caller(req);
      await caller.records.get('tariff_plan', req.params.id);
      res.json({ version: await currentVersion(req.params.id, caller.records) });
    });
    router.post('/tariff-plans/:id/migrate', async (req, res) => {
      res.json(await migrateSubscriptions(req.params.id, req.body, ctx.caller(req)));
    });
  },
});
