import type { JobTools, MailService, RecordData, SystemRecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import { isStale } from '../lost-race.ts';
import { refreshCounts } from './campaign-counts.ts';
import type { CampaignSettings } from './campaign-settings.ts';
import { CT } from './campaign-texts.ts';
import { hashToken, newToken, verpAddress } from './campaign-tokens.ts';
import { escapeHtml, mergeFields, type MergeValues } from './merge-fields.ts';
import type { SmsProvider } from './sms-provider.ts';

export const CAMPAIGN_BATCH_JOB = 'campaign_batch';

/** A claim older than this is a send that a crash interrupted. */
const STUCK_MS = 10 * 60_000;

export interface BatchDeps {
  system: SystemRecordService;
  mail: MailService;
  sms: SmsProvider | null;
  settings: CampaignSettings;
  log: JobTools['log'];
  sendJob: JobTools['sendJob'];
}

export const unsubscribeUrl = (settings: CampaignSettings, token: string) => `${settings.publicUrl}/api/plugins/exhibition/unsubscribe/${token}`;

/** What one recipient receives: the mailing's text and HTML with the merge fields filled in and an unsubscribe footer. */
export function composeEmail(campaign: RecordData, values: MergeValues, unsubscribe: string): { subject: string; text: string; html?: string } {
  const text = `${mergeFields(String(campaign.body_text ?? ''), values)}\n\n--\nUnsubscribe / 退订: ${unsubscribe}\n`;
  const htmlBody = campaign.body_html ? mergeFields(String(campaign.body_html), values, true) : null;
  const footer = `<p style="font-size:12px;color:#888"><a href="${escapeHtml(unsubscribe)}">Unsubscribe / 退订</a></p>`;
  return {
    subject: mergeFields(String(campaign.subject ?? ''), values),
    text,
    ...(htmlBody !== null ? { html: `${htmlBody}\n${footer}` } : {}),
  };
}

async function mergeValuesFor(recipients: RecordData[], system: SystemRecordService): Promise<Map<string, MergeValues>> {
  const contactIds = recipients.map((r) => String(r.contact));
  const contacts = (await system.list('contact', { filter: { id: { $in: contactIds } }, fields: ['id', 'name', 'title', 'account'], limit: 500 })).data;
  const accountIds = [...new Set(contacts.map((c) => c.account).filter((a) => a !== null && a !== undefined).map(String))];
  const accounts = accountIds.length ? (await system.list('account', { filter: { id: { $in: accountIds } }, fields: ['id', 'name'], limit: 500 })).data : [];
  const accountName = new Map(accounts.map((a) => [String(a.id), String(a.name ?? '')]));
  return new Map(contacts.map((c) => [String(c.id), { name: String(c.name ?? ''), title: String(c.title ?? ''), company: accountName.get(String(c.account)) ?? '' }]));
}

/** Claims a queued recipient for sending with a conditional update: a recipient is sent by one run only. */
async function claim(recipient: RecordData, tokenHash: string, system: SystemRecordService): Promise<RecordData | null> {
  try {
    return await system.update('campaign_recipient', String(recipient.id), { _version: recipient._version, status: 'sending', token_hash: tokenHash });
  } catch (err) {
    if (isStale(err)) return null;
    throw err;
  }
}

async function deliver(campaign: RecordData, recipient: RecordData, token: string, values: MergeValues, deps: BatchDeps): Promise<void> {
  const address = String(recipient.address);
  if (campaign.channel === 'sms') {
    if (!deps.sms) throw new Error('no SMS provider is configured');
    await deps.sms.send({ to: address, text: mergeFields(String(campaign.body_text ?? ''), values), reference: token });
    return;
  }
  const unsubscribe = unsubscribeUrl(deps.settings, token);
  await deps.mail.send({
    to: address,
    ...composeEmail(campaign, values, unsubscribe),
    ...(campaign.sender ? { from: String(campaign.sender) } : {}),
    envelopeFrom: verpAddress('bounce', token, deps.settings.bounceDomain),
    replyTo: verpAddress('reply', token, deps.settings.bounceDomain),
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
}

/** Recipients a crash left claimed but unsent: failed, not sent again, so that nobody gets a message twice. */
async function failInterrupted(campaign: string, system: SystemRecordService, now: Date): Promise<void> {
  const stuck = await system.list('campaign_recipient', { filter: { campaign: { $eq: campaign }, status: { $eq: 'sending' }, _updated_at: { $lt: new Date(now.getTime() - STUCK_MS).toISOString() } }, limit: 500 });
  if (stuck.data.length) await system.updateMany('campaign_recipient', stuck.data.map((r) => ({ id: String(r.id), values: { status: 'failed', error: CT.interrupted.en } })));
}

/**
 * One run of a mailing's sending: the recipients due now, at most the mailing's rate, are claimed one
 * by one (a conditional update), sent and marked sent or failed; the next run is sent for when the
 * next batch is due, or the mailing is done. A paused or cancelled mailing sends nothing.
 */
export async function sendBatch(campaignId: string, deps: BatchDeps, now = new Date()): Promise<{ sent: number; failed: number }> {
  const { system } = deps;
  const campaign = await system.get('message_campaign', campaignId);
  if (campaign.status !== 'sending') return { sent: 0, failed: 0 };
  await failInterrupted(campaignId, system, now);
  const rate = Math.max(1, Number(campaign.rate_per_minute ?? 60));
  // Whatever started this run (the chain, the minute's tick, a resume), no window sends more than the rate.
  const windowStart = new Date(now.getTime() - deps.settings.windowSeconds * 1000).toISOString();
  const recent = (await system.list('campaign_recipient', { filter: { campaign: { $eq: campaignId }, sent_at: { $gt: windowStart } }, fields: ['id'], limit: 1, count: true })).total ?? 0;
  const allowed = Math.min(rate - recent, 500);
  const due = allowed <= 0 ? [] : (await system.list('campaign_recipient', {
    filter: { campaign: { $eq: campaignId }, status: { $eq: 'queued' }, due_at: { $lte: now.toISOString() } },
    sort: 'batch,id',
    limit: allowed,
  })).data;
  const values = due.length ? await mergeValuesFor(due, system) : new Map<string, MergeValues>();
  let sent = 0;
  let failed = 0;
  for (const recipient of due) {
    const token = newToken();
    const claimed = await claim(recipient, hashToken(token), system);
    if (!claimed) continue;
    const merge = values.get(String(recipient.contact)) ?? { name: '', company: '', title: '' };
    try {
      await deliver(campaign, recipient, token, merge, deps);
      await system.update('campaign_recipient', String(recipient.id), { _version: claimed._version, status: 'sent', sent_at: new Date().toISOString(), error: null });
      sent++;
    } catch (err) {
      deps.log.warn({ err, recipient: recipient.id }, 'mailing message not sent');
      await system.update('campaign_recipient', String(recipient.id), { _version: claimed._version, status: 'failed', error: String((err as Error).message ?? err).slice(0, 500) });
      failed++;
    }
  }
  await refreshCounts(campaignId, system);
  await scheduleNext(campaignId, deps, now);
  return { sent, failed };
}

/** The next run when queued recipients remain (not before the next rate window), else the mailing is sent. */
async function scheduleNext(campaignId: string, deps: BatchDeps, now: Date): Promise<void> {
  const { system } = deps;
  const next = (await system.list('campaign_recipient', { filter: { campaign: { $eq: campaignId }, status: { $in: ['queued', 'sending'] } }, sort: 'due_at', fields: ['id', 'due_at', 'status'], limit: 1 })).data[0];
  if (next) {
    const window = deps.settings.windowSeconds;
    const dueIn = Math.ceil((Date.parse(String(next.due_at)) - now.getTime()) / 1000);
    await deps.sendJob(CAMPAIGN_BATCH_JOB, { campaign: campaignId }, { startAfter: Math.max(window, dueIn, 1), singletonKey: `campaign:${campaignId}` });
    return;
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await system.get('message_campaign', campaignId);
    if (current.status !== 'sending') return;
    try {
      await system.update('message_campaign', campaignId, { _version: current._version, status: 'sent', finished_at: new Date().toISOString() });
      return;
    } catch (err) {
      if (!isStale(err)) throw err;
    }
  }
}
