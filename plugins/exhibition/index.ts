import { definePlugin, pluginError } from '../../platform/src/plugins/plugin-api.ts';
import { setBlocked } from './src/block-booth.ts';
import { expireHolds, holdBooth, releaseHold } from './src/booth-holds.ts';
import { bookingChanged } from './src/booth-status.ts';
import { followPayment, releaseReservation, reserveHolds } from './src/reservations.ts';
import { joinWaitlist, offerFreedBooths } from './src/waitlist.ts';
import { refreshExhibitorRecord } from './src/priority-points.ts';
import { T } from './src/texts.ts';
import { floorPlan } from './src/floor-plan.ts';
import { lookupPhone } from './src/phone-lookup.ts';
import { bootCampaigns, registerCampaignJobs } from './src/campaigns/campaign-routes.ts';

export const BOOKING_TICK_JOB = 'booking_tick';

/** The exhibition pack: its objects, roles and workflows are JSON in metadata/; this is the booking logic. */
export default definePlugin({
  register(ctx) {
    ctx.workflowAction('release_reservation', ({ id, system }) => releaseReservation(id, system));
    // Once a minute: holds that ran out are expired, and booths freed or past their priority window go to the waiting lists.
    ctx.jobHandler(BOOKING_TICK_JOB, async (_data, { system, notify, log }) => {
      const now = new Date();
      const expired = await expireHolds(system, now);
      const offered = await offerFreedBooths(system, notify, now);
      if (expired.length || offered) log.info({ expired: expired.length, offered }, 'booth holds expired and offered');
    }, { coalesce: true });
    registerCampaignJobs(ctx);
  },
  async boot(ctx) {
    ctx.on('afterCreate', 'booth_booking', bookingChanged);
    ctx.on('afterUpdate', 'booth_booking', bookingChanged);
    ctx.on('afterUpdate', 'booth_reservation', async ({ record, system }) => {
      if (!record) return;
      await followPayment(record, system);
      await refreshExhibitorRecord(String(record.exhibitor), system);
    });
    await ctx.schedule(BOOKING_TICK_JOB, '* * * * *');
    await bootCampaigns(ctx);

    const router = ctx.router();
    // The service centre's screen pop: who is calling.
    router.get('/lookup', async (req, res) => {
      res.json(await lookupPhone(req.query.phone, ctx.caller(req), ctx.meta));
    });
    router.get('/exhibitions/:id/plan', async (req, res) => {
      res.json(await floorPlan(req.params.id, ctx.caller(req)));
    });
    router.post('/booths/:id/hold', async (req, res) => {
      res.status(201).json(await holdBooth(req.params.id, req.body, ctx.caller(req)));
    });
    router.post('/booths/:id/waitlist', async (req, res) => {
      res.status(201).json(await joinWaitlist(req.params.id, req.body, ctx.caller(req)));
    });
    router.post('/booths/:id/block', async (req, res) => {
      res.json(await setBlocked(req.params.id, true, ctx.caller(req)));
    });
    router.post('/booths/:id/unblock', async (req, res) => {
      res.json(await setBlocked(req.params.id, false, ctx.caller(req)));
    });
    // What the minute's job does, at once: for staff who just freed booths or closed a priority window.
    router.post('/waitlists/offer', async (req, res) => {
      if (!(await ctx.caller(req).records.permits('booth_waitlist', 'update'))) throw pluginError('FORBIDDEN', T.mayNotOffer);
      const now = new Date();
      const expired = await expireHolds(ctx.system, now);
      res.json({ expired: expired.length, offered: await offerFreedBooths(ctx.system, ctx.notify, now) });
    });
    router.post('/holds/:id/reserve', async (req, res) => {
      res.status(201).json(await reserveHolds(req.params.id, req.body, ctx.caller(req)));
    });
    router.post('/holds/:id/release', async (req, res) => {
      res.json(await releaseHold(req.params.id, ctx.caller(req)));
    });
  },
});
