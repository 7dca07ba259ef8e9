import { pluginError, type SystemRecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import { applyToRecipient, type InboundOutcome } from './apply-inbound.ts';
import type { CampaignSettings } from './campaign-settings.ts';
import { CT } from './campaign-texts.ts';
import { unsubscribe } from './unsubscribe.ts';

/** The usual SMS opt-out words, English and Chinese (TD = 退订). */
const STOP = /^\s*(stop|unsubscribe|td|t|退订|退订短信|取消订阅)\s*$/i;

/** The forms one mobile number is written in: as sent, without the +86 / 86 country code, with it. */
export function numberForms(number: string): string[] {
  const digits = number.replace(/[^\d+]/g, '');
  const national = digits.replace(/^\+?86(?=1\d{10}$)/, '');
  return [...new Set([number.trim(), digits, national, `+86${national}`])].filter(Boolean);
}

/**
 * A provider's inbound SMS `{ from, text }`: matched to the last SMS mailing sent to that number. An
 * opt-out word unsubscribes (do-not-contact); anything else is recorded as a reply, with an activity.
 */
export async function applySmsReply(body: unknown, system: SystemRecordService, settings: CampaignSettings, now = new Date()): Promise<{ matched: boolean; kind?: string }> {
  const input = (body ?? {}) as Record<string, unknown>;
  if (typeof input.from !== 'string' || !input.from.trim() || typeof input.text !== 'string') {
    throw pluginError('BAD_REQUEST', CT.badSmsReply, [{ path: typeof input.from !== 'string' ? '/from' : '/text', message: CT.badSmsReply }]);
  }
  const sent = await system.list('campaign_recipient', { filter: { address: { $in: numberForms(input.from) }, status: { $in: ['sent', 'replied', 'failed', 'unsubscribed'] }, sent_at: { $null: false } }, sort: '-sent_at', limit: 20 });
  for (const recipient of sent.data) {
    const campaign = await system.get('message_campaign', String(recipient.campaign));
    if (campaign.channel !== 'sms') continue;
    if (STOP.test(input.text)) {
      await unsubscribe(recipient, 'sms', system, now);
      return { matched: true, kind: 'unsubscribe' };
    }
    const text = input.text.replace(/\s+/g, ' ').trim().slice(0, 500);
    const outcome: InboundOutcome = await applyToRecipient(recipient, { kind: 'reply', token: null, statusCode: null, subject: String(campaign.name ?? '').slice(0, 300), summary: text }, system, settings, now);
    return { matched: outcome.matched, kind: 'reply' };
  }
  return { matched: false };
}
