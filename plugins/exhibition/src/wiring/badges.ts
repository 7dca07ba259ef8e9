import { pluginError, type PluginBootContext } from '../../../../platform/src/plugins/plugin-api.ts';
import { badgeQrPng, badgeQrSvg } from '../badge-qr.ts';
import { badgeSheet } from '../badge-sheet-request.ts';
import { applyForBadge, guardBadgeStatus, issueVisitorBadge, prepareBadge } from '../badges.ts';
import { checkIn } from '../check-in.ts';
import { T } from '../texts.ts';

/** Badges' hooks, check-in and visitor badges for staff, and exhibitors' badges on the portal. */
export function bootBadges(ctx: PluginBootContext): void {
  ctx.on('beforeCreate', 'badge', prepareBadge);
  ctx.on('beforeUpdate', 'badge', guardBadgeStatus);

  const router = ctx.router();
  router.post('/badges/check-in', async (req, res) => {
    res.json(await checkIn(req.body, ctx.caller(req), ctx.system));
  });
  router.post('/visitors/:id/badge', async (req, res) => {
    const { created, badge } = await issueVisitorBadge(req.params.id, ctx.caller(req));
    res.status(created ? 201 : 200).json(badge);
  });

  // Each portal call runs as the caller, within their own records.
  const portal = ctx.router(undefined, { portal: true });
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
}
