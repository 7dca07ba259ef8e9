import { pluginError, type PluginBootContext, type PluginRegisterContext } from '../../../../platform/src/plugins/plugin-api.ts';
import { setBlocked } from '../block-booth.ts';
import { holdBooth, releaseHold } from '../booth-holds.ts';
import { bookingChanged } from '../booth-status.ts';
import { floorPlan } from '../floor-plan.ts';
import { refreshExhibitorRecord } from '../priority-points.ts';
import { followPayment, releaseReservation, reserveHolds } from '../reservations.ts';
import { T } from '../texts.ts';
import { expireAndOffer, joinWaitlist } from '../waitlist.ts';

export const BOOKING_TICK_JOB = 'booking_tick';

/** Booth selling's workflow action, and the minute's job that expires holds and offers freed booths. */
export function registerBooths(ctx: PluginRegisterContext): void {
  ctx.workflowAction('release_reservation', ({ id, system }) => releaseReservation(id, system));
  // Once a minute: holds that ran out are expired, and booths freed or past their priority window go to the waiting lists.
  ctx.jobHandler(BOOKING_TICK_JOB, async (_data, { system, notify, log }) => {
    const run = await expireAndOffer(system, notify);
    if (run.expired || run.offered) log.info(run, 'booth holds expired and offered');
  }, { coalesce: true });
}

/** Booth selling's hooks (bookings show on their booth, payments follow the reservation) and routes. */
export async function bootBooths(ctx: PluginBootContext): Promise<void> {
  ctx.on('afterCreate', 'booth_booking', bookingChanged);
  ctx.on('afterUpdate', 'booth_booking', bookingChanged);
  ctx.on('afterUpdate', 'booth_reservation', async ({ record, system }) => {
    if (!record) return;
    await followPayment(record, system);
    await refreshExhibitorRecord(String(record.exhibitor), system);
  });
  await ctx.schedule(BOOKING_TICK_JOB, '* * * * *');

  const router = ctx.router();
  router.post('/booths/:id/block', async (req, res) => {
    res.json(await setBlocked(req.params.id, true, ctx.caller(req)));
  });
  router.post('/booths/:id/unblock', async (req, res) => {
    res.json(await setBlocked(req.params.id, false, ctx.caller(req)));
  });
  // What the minute's job does, at once: for staff who just freed booths or closed a priority window.
  router.post('/waitlists/offer', async (req, res) => {
    if (!(await ctx.caller(req).records.permits('booth_waitlist', 'update'))) throw pluginError('FORBIDDEN', T.mayNotOffer);
    res.json(await expireAndOffer(ctx.system, ctx.notify));
  });

  // Exhibitors on the portal see the plan, hold, reserve and release their own booths and join waiting lists.
  const portal = ctx.router(undefined, { portal: true });
  portal.get('/exhibitions/:id/plan', async (req, res) => {
    res.json(await floorPlan(req.params.id, ctx.caller(req)));
  });
  portal.post('/booths/:id/hold', async (req, res) => {
    res.status(201).json(await holdBooth(req.params.id, req.body, ctx.caller(req)));
  });
  portal.post('/booths/:id/waitlist', async (req, res) => {
    res.status(201).json(await joinWaitlist(req.params.id, req.body, ctx.caller(req)));
  });
  portal.post('/holds/:id/reserve', async (req, res) => {
    res.status(201).json(await reserveHolds(req.params.id, req.body, ctx.caller(req)));
  });
  portal.post('/holds/:id/release', async (req, res) => {
    res.json(await releaseHold(req.params.id, ctx.caller(req)));
  });
}
