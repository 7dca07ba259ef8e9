import { pluginError, type HookContext, type PluginBootContext, type PluginRegisterContext } from '../../../../platform/src/plugins/plugin-api.ts';
import { materialiseRetention } from '../retention/materialise.ts';
import { editionOccupancy } from '../retention/occupancy.ts';
import { editionRetention } from '../retention/retention-report.ts';
import { retentionTask } from '../retention/retention-tasks.ts';
import { T } from '../texts.ts';

export const RETENTION_JOB = 'retention';

/** Bookings, payments and editions decide the `exhibitor_edition` records: a burst of changes recomputes them once. */
const recomputeRetention = ({ sendJob }: HookContext) => sendJob(RETENTION_JOB, {});

/** The job that materialises retention as `exhibitor_edition` records. */
export function registerRetention(ctx: PluginRegisterContext): void {
  ctx.jobHandler(RETENTION_JOB, async (_data, { system, log }) => {
    log.info(await materialiseRetention(system), 'exhibitor retention recomputed');
  }, { coalesce: true });
}

/**
 * Retention's hooks and the analysis routes. Booted after the booths, so that a booking's or a
 * payment's own hooks have run when retention is recomputed.
 */
export function bootRetention(ctx: PluginBootContext): void {
  for (const event of ['afterCreate', 'afterUpdate', 'afterDelete'] as const) {
    ctx.on(event, 'booth_booking', recomputeRetention);
    ctx.on(event, 'exhibition', recomputeRetention);
  }
  ctx.on('afterUpdate', 'booth_reservation', recomputeRetention);
  ctx.on('afterUpdate', 'exhibitor_edition', retentionTask);

  const router = ctx.router();
  router.get('/exhibitions/:id/retention', async (req, res) => {
    res.json(await editionRetention(req.params.id, ctx.caller(req)));
  });
  router.get('/exhibitions/:id/occupancy', async (req, res) => {
    res.json(await editionOccupancy(req.params.id, ctx.caller(req)));
  });
  // The retention job's work, at once (it also runs after every change of bookings, payments or editions).
  router.post('/retention/refresh', async (req, res) => {
    if (!(await ctx.caller(req).records.permits('exhibition', 'update'))) throw pluginError('FORBIDDEN', T.mayNotRefreshRetention);
    res.json(await materialiseRetention(ctx.system));
  });
}
