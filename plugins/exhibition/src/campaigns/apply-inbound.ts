import { textIn, type RecordData, type SystemRecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import { updateFresh } from '../update-fresh.ts';
import { refreshCounts } from './campaign-counts.ts';
import type { CampaignSettings } from './campaign-settings.ts';
import { CT } from './campaign-texts.ts';
import type { InboundVerdict } from './classify-inbound.ts';
import { recipientByToken } from './find-recipient.ts';

export type InboundOutcome = { matched: false } | { matched: true; recipient: string; kind: InboundVerdict['kind'] };

/** A hard bounce disables the contact's e-mail at once; soft bounces add up and disable it past the threshold. */
async function scoreBounce(contact: string, hard: boolean, system: SystemRecordService, settings: CampaignSettings): Promise<void> {
  await updateFresh('contact', contact, system, (current) => {
    if (hard) return { email_status: 'invalid', do_not_contact: true };
    const score = Number(current.bounce_score ?? 0) + settings.softBouncePoints;
    return score >= settings.softBounceThreshold
      ? { bounce_score: score, email_status: 'invalid', do_not_contact: true }
      : { bounce_score: score, email_status: current.email_status === 'invalid' ? 'invalid' : 'soft_bouncing' };
  });
}

/** A person's reply, as an activity log on the contact (crm's activity). */
async function logReply(recipient: RecordData, verdict: InboundVerdict, system: SystemRecordService, now: Date): Promise<void> {
  const contact = await system.get('contact', String(recipient.contact));
  await system.create('activity', {
    subject: textIn(CT.replySubject, 'en').replace('{subject}', verdict.subject || '—').slice(0, 200),
    kind: 'log',
    contact: String(recipient.contact),
    account: contact.account ?? null,
    happened_at: now.toISOString(),
    done: true,
    notes: verdict.summary,
  });
}

/**
 * What came back for a recipient (from the SMTP listener or the webhook, through one classifier):
 * an event with a summary, the recipient's status, the contact's e-mail status and bounce score, a
 * reply as an activity; then the mailing's counts.
 */
export async function applyInbound(verdict: InboundVerdict, system: SystemRecordService, settings: CampaignSettings, now = new Date()): Promise<InboundOutcome> {
  const recipient = await recipientByToken(verdict.token, system);
  if (!recipient) return { matched: false };
  return applyToRecipient(recipient, verdict, system, settings, now);
}

/** What came back, for a recipient already found (by its token, or an SMS reply by its number). */
export async function applyToRecipient(recipient: RecordData, verdict: InboundVerdict, system: SystemRecordService, settings: CampaignSettings, now = new Date()): Promise<InboundOutcome> {
  const id = String(recipient.id);
  const campaign = String(recipient.campaign);
  await system.create('campaign_event', {
    recipient: id,
    campaign,
    contact: String(recipient.contact),
    kind: verdict.kind,
    status_code: verdict.statusCode,
    subject: verdict.subject.slice(0, 300) || null,
    summary: verdict.summary.slice(0, 1000) || null,
    received_at: now.toISOString(),
  });
  const lastEvent = `${verdict.kind}${verdict.statusCode ? ` ${verdict.statusCode}` : ''}: ${verdict.summary}`.slice(0, 500);
  await updateFresh('campaign_recipient', id, system, (current) => {
    if (verdict.kind === 'hard_bounce') return { status: 'bounced_hard', last_event: lastEvent };
    // A soft bounce after a hard one, or after a reply, does not undo what is known.
    if (verdict.kind === 'soft_bounce') return current.status === 'bounced_hard' || current.status === 'replied' ? { last_event: lastEvent } : { status: 'bounced_soft', last_event: lastEvent };
    if (verdict.kind === 'reply') return { status: current.status === 'unsubscribed' ? 'unsubscribed' : 'replied', replied_at: now.toISOString(), last_event: lastEvent };
    return { last_event: lastEvent };
  });
  if (verdict.kind === 'hard_bounce' || verdict.kind === 'soft_bounce') await scoreBounce(String(recipient.contact), verdict.kind === 'hard_bounce', system, settings);
  if (verdict.kind === 'reply') await logReply(recipient, verdict, system, now);
  await refreshCounts(campaign, system);
  return { matched: true, recipient: id, kind: verdict.kind };
}
