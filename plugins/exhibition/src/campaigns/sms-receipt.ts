import { pluginError, type SystemRecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import { updateFresh } from '../update-fresh.ts';
import { refreshCounts } from './campaign-counts.ts';
import { CT } from './campaign-texts.ts';
import { recipientByToken } from './find-recipient.ts';

const DELIVERED = new Set(['delivered', 'delivrd', 'success']);
const FAILED = new Set(['failed', 'undelivered', 'undeliv', 'rejected', 'expired']);

/**
 * A provider's delivery receipt `{ reference, status, error? }`: delivered is noted on the recipient,
 * a failure marks it failed. An unknown reference is answered as matched: false.
 */
export async function applySmsReceipt(body: unknown, system: SystemRecordService, now = new Date()): Promise<{ matched: boolean }> {
  const input = (body ?? {}) as Record<string, unknown>;
  const status = typeof input.status === 'string' ? input.status.toLowerCase() : '';
  if (typeof input.reference !== 'string' || (!DELIVERED.has(status) && !FAILED.has(status))) {
    throw pluginError('BAD_REQUEST', CT.badReceipt, [{ path: typeof input.reference !== 'string' ? '/reference' : '/status', message: CT.badReceipt }]);
  }
  const recipient = await recipientByToken(input.reference, system);
  if (!recipient) return { matched: false };
  const delivered = DELIVERED.has(status);
  const error = typeof input.error === 'string' ? input.error.slice(0, 300) : null;
  await system.create('campaign_event', {
    recipient: String(recipient.id), campaign: String(recipient.campaign), contact: String(recipient.contact),
    kind: delivered ? 'delivered' : 'undelivered', status_code: status.slice(0, 20), summary: error, received_at: now.toISOString(),
  });
  await updateFresh('campaign_recipient', String(recipient.id), system, (current) => {
    if (delivered) return { last_event: 'delivered' };
    return current.status === 'sent' ? { status: 'failed', error: error ?? status, last_event: `undelivered: ${status}` } : { last_event: `undelivered: ${status}` };
  });
  await refreshCounts(String(recipient.campaign), system);
  return { matched: true };
}
