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
import { dispatchIssue } from './src/journal-dispatch.ts';
import { isoDay, renewSubscription, runRenewals } from './src/subscription-renewal.ts';
import { bookPlacementMonths, checkNewPlacement, checkPlacementChange } from './src/ad-placements.ts';
import { logRequestChange, logRequestMove, queueNewRequest, routeNewRequest } from './src/business-requests.ts';
import { readBody } from './src/read-body.ts';

export const BOOKING_TICK_JOB = 'booking_tick';
export const RENEWALS_JOB = 'subscription_renewals';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

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
    ctx.workflowAction('log_request', ({ id, params, system }) => logRequestMove(id, params, system));
    ctx.workflowAction('renew_subscription', ({ id, system }) => renewSubscription(id, system));
    // Daily: subscriptions ending soon get their renewal offer, ended ones expire.
    ctx.jobHandler<{ date?: string }>(RENEWALS_JOB, async (data, { system, log, mail }) => {
      const run = await runRenewals(data.date ?? isoDay(new Date()), { system, log, mail });
      if (run.offered || run.expired) log.info(run, 'journal subscription renewals');
    }, { coalesce: true });
  },
  async boot(ctx) {
    ctx.on('afterCreate', 'booth_booking', bookingChanged);
    ctx.on('afterUpdate', 'booth_booking', bookingChanged);
    ctx.on('afterUpdate', 'booth_reservation', async ({ record, system }) => {
      if (!record) return;
      await followPayment(record, system);
      await refreshExhibitorRecord(String(record.exhibitor), system);
    });
    ctx.on('beforeCreate', 'ad_placement', checkNewPlacement);
    ctx.on('afterCreate', 'ad_placement', bookPlacementMonths);
    ctx.on('beforeUpdate', 'ad_placement', checkPlacementChange);
    ctx.on('beforeCreate', 'business_request', routeNewRequest);
    ctx.on('afterCreate', 'business_request', queueNewRequest);
    ctx.on('beforeUpdate', 'business_request', logRequestChange);
    await ctx.schedule(BOOKING_TICK_JOB, '* * * * *');
    await ctx.schedule(RENEWALS_JOB, '0 1 * * *');

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
    router.post('/holds/:id/release', async (req, res) => {
      res.json(await releaseHold(req.params.id, ctx.caller(req)));
    });
  },
});
