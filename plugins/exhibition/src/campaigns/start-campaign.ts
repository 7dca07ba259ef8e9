import { everyPage, pluginError, type Caller, type MailService, type RecordData } from '../../../../platform/src/plugins/plugin-api.ts';
import { CT } from './campaign-texts.ts';
import { refreshCounts } from './campaign-counts.ts';
import type { CampaignSettings } from './campaign-settings.ts';
import { planBatches } from './send-plan.ts';

export type SkipReason = 'do_not_contact' | 'unsubscribed' | 'invalid' | 'no_address';

/** Whom a contact is reached at on a channel, or why not. */
export function addressOf(contact: RecordData, channel: 'email' | 'sms'): { address: string } | { skip: SkipReason; address: string } {
  const address = String((channel === 'email' ? contact.email : contact.mobile || contact.phone) ?? '').trim();
  if (contact.do_not_contact === true) return { skip: 'do_not_contact', address };
  if (channel === 'email' && contact.email_status === 'unsubscribed') return { skip: 'unsubscribed', address };
  if (channel === 'email' && contact.email_status === 'invalid') return { skip: 'invalid', address };
  if (!address) return { skip: 'no_address', address };
  return { address };
}

/** The contacts filter of a mailing: its filter, and at least one of its tags when it names any. */
export function recipientFilter(campaign: RecordData): unknown {
  const parts: unknown[] = [];
  if (campaign.recipient_filter && typeof campaign.recipient_filter === 'object') parts.push(campaign.recipient_filter);
  const tags = Array.isArray(campaign.tags) ? campaign.tags : [];
  if (tags.length) parts.push({ tags: { $in: tags } });
  return parts.length ? { $and: parts } : {};
}

const CHUNK = 500;

/**
 * `POST /campaigns/:id/send`: the caller needs the `send` action on the mailing. Its recipients are
 * the contacts the caller may read that match its filter and tags, each written once (one recipient
 * per mailing and contact, by the database) as queued in its batch, or as skipped with the reason;
 * then the mailing is sending and its first batch job goes out.
 */
export async function startCampaign(id: string, caller: Caller, settings: CampaignSettings, mail: MailService, now = new Date()): Promise<RecordData> {
  if (!(await caller.records.permits('message_campaign', 'send', id))) {
    await caller.records.get('message_campaign', id);
    throw pluginError('FORBIDDEN', CT.mayNotSend);
  }
  const campaign = await caller.records.get('message_campaign', id);
  if (campaign.status !== 'draft' && campaign.status !== 'approved') throw pluginError('CONFLICT', CT.notSendable);
  const channel = campaign.channel === 'sms' ? 'sms' : 'email';
  if (channel === 'email' && !String(campaign.subject ?? '').trim()) throw pluginError('VALIDATION_FAILED', CT.noSubject, [{ path: '/subject', message: CT.required }]);
  if (channel === 'email' && !mail.configured) throw pluginError('CONFLICT', CT.noMailServer);
  if (channel === 'sms' && !settings.smsUrl) throw pluginError('CONFLICT', CT.noSmsProvider);

  return caller.transaction(async (tx, system) => {
    // The conditional update claims the mailing: of two sends at once, the second finds a new version (409).
    await system.update('message_campaign', id, { _version: campaign._version, status: 'sending', started_at: now.toISOString() });
    const queued: RecordData[] = [];
    const skipped: RecordData[] = [];
    for await (const page of everyPage(tx.records, 'contact', { filter: recipientFilter(campaign), sort: 'id', fields: ['id', 'email', 'mobile', 'phone', 'do_not_contact', 'email_status'] })) {
      for (const contact of page.data) {
        const reached = addressOf(contact, channel);
        const row = { campaign: id, contact: String(contact.id), address: reached.address || null };
        if ('skip' in reached) skipped.push({ ...row, status: 'skipped', skip_reason: reached.skip });
        else queued.push({ ...row, status: 'queued' });
      }
    }
    if (!queued.length && !skipped.length) throw pluginError('CONFLICT', CT.noRecipients);
    const slots = planBatches(queued.length, Number(campaign.rate_per_minute ?? 60), now, settings.windowSeconds);
    const rows = [...queued.map((r, i) => ({ ...r, batch: slots[i].batch, due_at: slots[i].dueAt.toISOString() })), ...skipped];
    for (let i = 0; i < rows.length; i += CHUNK) await system.createMany('campaign_recipient', rows.slice(i, i + CHUNK));
    await refreshCounts(id, system);
    return system.get('message_campaign', id);
  });
}
