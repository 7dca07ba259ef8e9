import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { pluginError, type PluginBootContext, type PluginRegisterContext } from '../../../../platform/src/plugins/plugin-api.ts';
import { applyInbound } from './apply-inbound.ts';
import { cancelCampaign, campaignProgress, pauseCampaign, resumeCampaign } from './campaign-control.ts';
import { campaignSettings, type CampaignSettings } from './campaign-settings.ts';
import { CT } from './campaign-texts.ts';
import { isToken } from './campaign-tokens.ts';
import { classifyInbound } from './classify-inbound.ts';
import { startInboundSmtp } from './inbound-smtp.ts';
import { readInbound } from './read-inbound.ts';
import { CAMPAIGN_BATCH_JOB, sendBatch } from './send-batch.ts';
import { httpSmsProvider } from './sms-provider.ts';
import { applySmsReceipt } from './sms-receipt.ts';
import { applySmsReply } from './sms-reply.ts';
import { startCampaign } from './start-campaign.ts';
import { askPage, donePage, invalidPage, pageLanguage, unsubscribe, unsubscribeTarget } from './unsubscribe.ts';

export const CAMPAIGN_TICK_JOB = 'campaign_tick';

/** The mailings' jobs: a run of one mailing's sending, and the minute's tick that picks up any mailing left sending (after a restart). */
export function registerCampaignJobs(ctx: PluginRegisterContext): void {
  ctx.jobHandler<{ campaign: string }>(CAMPAIGN_BATCH_JOB, async ({ campaign }, tools) => {
    const settings = campaignSettings(ctx.config, tools.mail.fromAddress);
    const sms = settings.smsUrl ? httpSmsProvider(settings.smsUrl) : null;
    const done = await sendBatch(campaign, { system: tools.system, mail: tools.mail, sms, settings, log: tools.log, sendJob: tools.sendJob });
    if (done.sent || done.failed) tools.log.info({ campaign, ...done }, 'mailing batch sent');
  }, { coalesce: true, retryLimit: 3 });
  ctx.jobHandler(CAMPAIGN_TICK_JOB, async (_data, { system, sendJob }) => {
    const sending = await system.list('message_campaign', { filter: { status: { $eq: 'sending' } }, fields: ['id'], limit: 500 });
    for (const c of sending.data) await sendJob(CAMPAIGN_BATCH_JOB, { campaign: String(c.id) }, { singletonKey: `campaign:${String(c.id)}` });
  }, { coalesce: true });
}

/** Whether a webhook request carries the shared secret (compared in constant time). */
function hasSecret(req: Request, settings: CampaignSettings): boolean {
  const sent = req.get('x-tessera-secret');
  if (!settings.inboundSecret || !sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(settings.inboundSecret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The mailings' routes: staff control and progress; public unsubscribe links and webhooks; the inbound SMTP listener. */
export async function bootCampaigns(ctx: PluginBootContext): Promise<void> {
  const settings = campaignSettings(ctx.config, ctx.mail.fromAddress);
  const kick = (id: string) => ctx.sendJob(CAMPAIGN_BATCH_JOB, { campaign: id }, { singletonKey: `campaign:${id}` });
  await ctx.schedule(CAMPAIGN_TICK_JOB, '* * * * *');

  const staff = ctx.router();
  staff.post('/campaigns/:id/send', async (req, res) => {
    const campaign = await startCampaign(req.params.id, ctx.caller(req), settings, ctx.mail);
    await kick(req.params.id);
    res.json(campaign);
  });
  staff.post('/campaigns/:id/pause', async (req, res) => {
    res.json(await pauseCampaign(req.params.id, ctx.caller(req)));
  });
  staff.post('/campaigns/:id/resume', async (req, res) => {
    const campaign = await resumeCampaign(req.params.id, ctx.caller(req), settings);
    await kick(req.params.id);
    res.json(campaign);
  });
  staff.post('/campaigns/:id/cancel', async (req, res) => {
    res.json(await cancelCampaign(req.params.id, ctx.caller(req)));
  });
  staff.get('/campaigns/:id/progress', async (req, res) => {
    res.json(await campaignProgress(req.params.id, ctx.caller(req)));
  });

  const open = ctx.router(undefined, { public: true });
  open.get('/unsubscribe/:token', async (req, res) => {
    const lang = pageLanguage(req.get('accept-language'));
    const target = isToken(req.params.token) ? await unsubscribeTarget(req.params.token, ctx.system) : null;
    res.set('cache-control', 'no-store').type('html');
    if (!target) return void res.status(404).send(invalidPage(lang));
    res.send(askPage(lang, target.recipient, target.campaignName, req.originalUrl));
  });
  // A click on the page's button, or the one-click POST of RFC 8058 (body List-Unsubscribe=One-Click).
  open.post('/unsubscribe/:token', async (req, res) => {
    const lang = pageLanguage(req.get('accept-language'));
    const target = isToken(req.params.token) ? await unsubscribeTarget(req.params.token, ctx.system) : null;
    res.set('cache-control', 'no-store').type('html');
    if (!target) return void res.status(404).send(invalidPage(lang));
    const campaign = await ctx.system.get('message_campaign', String(target.recipient.campaign));
    await unsubscribe(target.recipient, campaign.channel === 'sms' ? 'sms' : 'email', ctx.system);
    res.send(donePage(lang, target.recipient));
  });
  // Inbound mail from a provider that posts it instead of delivering over SMTP: { to, raw }.
  open.post('/inbound/mail', async (req, res) => {
    if (!hasSecret(req, settings)) throw pluginError('FORBIDDEN', CT.badSecret);
    const body = (req.body ?? {}) as { to?: unknown; raw?: unknown };
    const to = typeof body.to === 'string' ? [body.to] : Array.isArray(body.to) && body.to.every((a) => typeof a === 'string') ? (body.to as string[]) : body.to === undefined ? [] : null;
    if (typeof body.raw !== 'string' || !body.raw || to === null) throw pluginError('BAD_REQUEST', CT.badInbound, [{ path: typeof body.raw !== 'string' ? '/raw' : '/to', message: CT.badInbound }]);
    const verdict = classifyInbound(await readInbound(body.raw, to));
    const outcome = await applyInbound(verdict, ctx.system, settings);
    res.json({ kind: verdict.kind, ...outcome });
  });
  open.post('/sms/receipts', async (req, res) => {
    if (!hasSecret(req, settings)) throw pluginError('FORBIDDEN', CT.badSecret);
    res.json(await applySmsReceipt(req.body, ctx.system));
  });
  // A reply to an SMS, as the provider passes it on: { from, text }.
  open.post('/sms/replies', async (req, res) => {
    if (!hasSecret(req, settings)) throw pluginError('FORBIDDEN', CT.badSecret);
    res.json(await applySmsReply(req.body, ctx.system, settings));
  });

  if (settings.inboundSmtpPort) {
    const listener = await startInboundSmtp({
      port: settings.inboundSmtpPort,
      host: settings.inboundSmtpHost,
      log: ctx.log,
      receive: async (raw, to) => {
        const verdict = classifyInbound(await readInbound(raw, to));
        const outcome = await applyInbound(verdict, ctx.system, settings);
        ctx.log.info({ kind: verdict.kind, matched: outcome.matched }, 'inbound mail recorded');
      },
    });
    ctx.onShutdown(() => new Promise<void>((resolve) => listener.close(() => resolve())));
    ctx.log.info({ port: settings.inboundSmtpPort, host: settings.inboundSmtpHost }, 'inbound SMTP listener started');
  }
}
