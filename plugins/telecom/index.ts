import { definePlugin } from '../../platform/src/plugins/plugin-api.ts';
import { migrateSubscriptions } from './src/migrate-subscriptions.ts';
import { retentionTask } from './src/retention-tasks.ts';
import { currentVersion, settleTariff } from './src/tariff-versions.ts';

/**
 * The telecom pack: subscribers, versioned tariffs, usage, complaints, regional enterprise projects.
 * Its objects, regional roles, workflows, reports, dashboards and analyses are JSON in metadata/;
 * this is the tariff versions' logic (grandfathering and migration) and the churn model's retention tasks.
 */
export default definePlugin({
  async boot(ctx) {
    ctx.on('beforeCreate', 'subscriber', settleTariff);
    ctx.on('beforeUpdate', 'subscriber', settleTariff);
    ctx.on('afterUpdate', 'subscriber', retentionTask);

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
