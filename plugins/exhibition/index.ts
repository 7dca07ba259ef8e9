import { definePlugin, pluginError, readBody } from '../../platform/src/plugins/plugin-api.ts';
import { setBlocked } from './src/block-booth.ts';
import { expireHolds, holdBooth, releaseHold } from './src/booth-holds.ts';
import { bookingChanged } from './src/booth-status.ts';
import { followPayment, releaseReservation, reserveHolds } from './src/reservations.ts';
import { joinWaitlist, offerFreedBooths } from './src/waitlist.ts';
import { refreshExhibitorRecord } from './src/priority-points.ts';
import { T } from './src/texts.ts';
import { floorPlan } from './src/floor-plan.ts';
import { lookupPhone } from './src/phone-lookup.ts';
import { applyForBadge, guardBadgeStatus, issueVisitorBadge, prepareBadge } from './src/badges.ts';
import { badgeQrPng, badgeQrSvg } from './src/badge-qr.ts';
import { badgeSheet } from './src/badge-sheet-request.ts';
import { checkIn } from './src/check-in.ts';
import { cancelRegistration, placeRegistration, registerForSession, sessionSeats } from './src/forums.ts';
import { materialiseRetention } from './src/retention/materialise.ts';
import { editionRetention } from './src/retention/retention-report.ts';
import { editionOccupancy } from './src/retention/occupancy.ts';
import { retentionTask } from './src/retention/retention-tasks.ts';
import type { HookContext } from '../../platform/src/plugins/plugin-api.ts';
import { dispatchIssue } from './src/journal-dispatch.ts';
import { isoDay, renewSubscription, runRenewals } from './src/subscription-renewal.ts';
import { bookPlacementMonths, checkNewPlacement, checkPlacementChange } from './src/ad-placements.ts';
import { logRequestChange, logRequestMove, queueNewRequest, routeNewRequest } from './src/business-requests.ts';
import { activateExhibitor, checkCompany, recordApplication, refuseApplication } from './src/portal-applications.ts';
import { bootCampaigns, registerCampaignJobs } from './src/campaigns/campaign-routes.ts';

export const BOOKING_TICK_JOB = 'booking_tick';
export const RETENTION_JOB = 'retention';

/** Bookings, payments and editions decide the `exhibitor_edition` records: a burst of changes recomputes them once. */
const recomputeRetention = ({ sendJob }: HookContext) => sendJob(RETENTION_JOB, {});

export const RENEWALS_JOB = 'subscription_renewals';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The exhibition pack: its objects, roles and workflows are JSON in metadata/; this is the booking logic. */
export default definePlugin({
  register(ctx) {
    ctx.workflowAction('release_reservation', ({ id, system }) => releaseReservation(id, system));
    ctx.workflowAction('activate_exhibitor', ({ id, system, portalUsers }) => activateExhibitor(id, system, portalUsers));
    ctx.workflowAction('refuse_application', ({ id, system, portalUsers }) => refuseApplication(id, system, portalUsers));
    // The exhibitor portal's sign-up: a verified company becomes an application for the sales team.
    ctx.portalSignUp({ check: checkCompany, verified: (signUp, { system }) => recordApplication(signUp, system) });
    // Once a minute: holds that ran out are expired, and booths freed or past their priority window go to the waiting lists.
    ctx.jobHandler(BOOKING_TICK_JOB, async (_data, { system, notify, log }) => {
      const now = new Date();
      const expired = await expireHolds(system, now);
      const offered = await offerFreedBooths(system, notify, now);
      if (expired.length || offered) log.info({ expired: expired.length, offered }, 'booth holds expired and offered');
    }, { coalesce: true });
    ctx.jobHandler(RETENTION_JOB, async (_data, { system, log }) => {
      log.info(await materialiseRetention(system), 'exhibitor retention recomputed');
    }, { coalesce: true });
    ctx.workflowAction('log_request', ({ id, params, system }) => logRequestMove(id, params, system));
    ctx.workflowAction('renew_subscription', ({ id, system }) => renewSubscription(id, system));
    // Daily: subscriptions ending soon get their renewal offer, ended ones expire.
    ctx.jobHandler<{ date?: string }>(RENEWALS_JOB, async (data, { system, log, mail }) => {
      const run = await runRenewals(data.date ?? isoDay(new Date()), { system, log, mail });
      if (run.offered || run.expired) log.info(run, 'journal subscription renewals');
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
    for (const event of ['afterCreate', 'afterUpdate', 'afterDelete'] as const) {
      ctx.on(event, 'booth_booking', recomputeRetention);
      ctx.on(event, 'exhibition', recomputeRetention);
    }
    ctx.on('afterUpdate', 'booth_reservation', recomputeRetention);
    ctx.on('afterUpdate', 'exhibitor_edition', retentionTask);
    ctx.on('beforeCreate', 'ad_placement', checkNewPlacement);
    ctx.on('afterCreate', 'ad_placement', bookPlacementMonths);
    ctx.on('beforeUpdate', 'ad_placement', checkPlacementChange);
    ctx.on('beforeCreate', 'business_request', routeNewRequest);
    ctx.on('afterCreate', 'business_request', queueNewRequest);
    ctx.on('beforeUpdate', 'business_request', logRequestChange);
    await ctx.schedule(BOOKING_TICK_JOB, '* * * * *');
    await ctx.schedule(RENEWALS_JOB, '0 1 * * *');

    ctx.on('beforeCreate', 'badge', prepareBadge);
    ctx.on('beforeUpdate', 'badge', guardBadgeStatus);
    ctx.on('beforeCreate', 'forum_registration', placeRegistration);
    await bootCampaigns(ctx);

    const router = ctx.router();
    // The service centre's screen pop: who is calling.
    router.get('/lookup', async (req, res) => {
      res.json(await lookupPhone(req.query.phone, ctx.caller(req), ctx.meta));
    });
    // Exhibitors on the portal see the plan, hold, reserve and release their own booths and join waiting lists.
    const portal = ctx.router(undefined, { portal: true });
    portal.get('/exhibitions/:id/plan', async (req, res) => {
      res.json(await floorPlan(req.params.id, ctx.caller(req)));
    });
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
    portal.post('/booths/:id/hold', async (req, res) => {
      res.status(201).json(await holdBooth(req.params.id, req.body, ctx.caller(req)));
    });
    portal.post('/booths/:id/waitlist', async (req, res) => {
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
    portal.post('/holds/:id/reserve', async (req, res) => {
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
    portal.post('/holds/:id/release', async (req, res) => {
      res.json(await releaseHold(req.params.id, ctx.caller(req)));
    });
    router.post('/badges/check-in', async (req, res) => {
      res.json(await checkIn(req.body, ctx.caller(req), ctx.system));
    });
    router.post('/visitors/:id/badge', async (req, res) => {
      const { created, badge } = await issueVisitorBadge(req.params.id, ctx.caller(req));
      res.status(created ? 201 : 200).json(badge);
    });

    // Badges and forums from the portal: each call runs as the caller, within their own records.
    portal.post('/badges/apply', async (req, res) => {
      res.status(201).json(await applyForBadge(req.body, ctx.caller(req)));
    });
    portal.get('/badges/sheet.pdf', async (req, res) => {
      const { pdf, fileName } = await badgeSheet(req.query, ctx.caller(req), ctx.system);
      res.type('application/pdf').setHeader('content-disposition', `inline; filename="${fileName}"`);
      res.send(pdf);
    });
    portal.get('/badges/:id/qr.:format', async (req, res) => {
      const badge = await ctx.caller(req).records.get('badge', req.params.id);
      if (!badge.code) throw pluginError('NOT_FOUND', T.badgeNotIssued);
      res.setHeader('cache-control', 'private, max-age=3600');
      if (req.params.format === 'svg') res.type('image/svg+xml').send(await badgeQrSvg(String(badge.code)));
      else if (req.params.format === 'png') res.type('image/png').send(await badgeQrPng(String(badge.code)));
      else throw pluginError('NOT_FOUND', T.badgeNotIssued);
    });
    portal.get('/forum-sessions/seats', async (req, res) => {
      res.json(await sessionSeats(req.query, ctx.caller(req), ctx.system));
    });
    portal.post('/forum-sessions/:id/register', async (req, res) => {
      res.status(201).json(await registerForSession(req.params.id, req.body, ctx.caller(req), ctx.system));
    });
    portal.post('/forum-registrations/:id/cancel', async (req, res) => {
      res.json(await cancelRegistration(req.params.id, ctx.caller(req), ctx.notify));
    });
  },
});
