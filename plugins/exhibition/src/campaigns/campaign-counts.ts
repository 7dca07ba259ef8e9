import type { RecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import { updateFresh } from '../update-fresh.ts';

export type RecipientStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'bounced_hard' | 'bounced_soft' | 'replied' | 'unsubscribed' | 'skipped';

/** Recipients of a mailing by status. */
export async function recipientsByStatus(campaign: string, records: Pick<RecordService, 'aggregate'>): Promise<Record<RecipientStatus, number>> {
  const answer = await records.aggregate('campaign_recipient', { filter: { campaign: { $eq: campaign } }, groupBy: [{ field: 'status' }], measures: [{ fn: 'count' }] });
  const counts: Record<RecipientStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0, bounced_hard: 0, bounced_soft: 0, replied: 0, unsubscribed: 0, skipped: 0 };
  for (const row of answer.rows) counts[row.status as RecipientStatus] = Number(row.count);
  return counts;
}

/** The mailing's counts as its recipients stand: a message sent stays counted as sent whatever came back. */
export function campaignCounts(by: Record<RecipientStatus, number>) {
  const total = Object.values(by).reduce((a, b) => a + b, 0);
  return {
    total_count: total,
    sent_count: by.sent + by.replied + by.bounced_hard + by.bounced_soft + by.unsubscribed,
    failed_count: by.failed,
    bounced_count: by.bounced_hard + by.bounced_soft,
    replied_count: by.replied,
    unsubscribed_count: by.unsubscribed,
    skipped_count: by.skipped,
  };
}

/** Writes the counts on the mailing (the system's bookkeeping), when they changed. */
export async function refreshCounts(campaign: string, system: RecordService): Promise<void> {
  const counts = campaignCounts(await recipientsByStatus(campaign, system));
  // Another writer may move the version on (a pause, a concurrent count): then it is read again.
  await updateFresh('message_campaign', campaign, system, (current) => (Object.entries(counts).every(([k, v]) => Number(current[k] ?? 0) === v) ? null : counts));
}
