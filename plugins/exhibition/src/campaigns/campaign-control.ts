import { pluginError, type Caller, type PackText, type RecordData, type SystemRecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import { isStale } from '../lost-race.ts';
import { campaignCounts, recipientsByStatus } from './campaign-counts.ts';
import type { CampaignSettings } from './campaign-settings.ts';
import { CT } from './campaign-texts.ts';
import { planBatches } from './send-plan.ts';

/** Checks the caller's `send` action on a mailing (404 when they may not read it) and reads it. */
export async function sendableCampaign(id: string, caller: Caller): Promise<RecordData> {
  const campaign = await caller.records.get('message_campaign', id);
  if (!(await caller.records.permits('message_campaign', 'send', id))) throw pluginError('FORBIDDEN', CT.mayNotSend);
  return campaign;
}

/**
 * Runs `work` on the mailing as it is now, in a transaction; when the sending job moved the mailing's
 * version on meanwhile (its counts), reads it again and retries (each try its own transaction).
 */
async function onFresh(id: string, caller: Caller, work: (campaign: RecordData, system: SystemRecordService) => Promise<RecordData>): Promise<RecordData> {
  await sendableCampaign(id, caller);
  for (let attempt = 0; ; attempt++) {
    try {
      return await caller.transaction(async (_tx, system) => work(await system.get('message_campaign', id), system));
    } catch (err) {
      if (attempt >= 4 || !isStale(err)) throw err;
    }
  }
}

/** Moves a mailing from one status to another with a conditional update (409 when it is not in `from`). */
function move(id: string, caller: Caller, from: readonly string[], to: string, refused: PackText, extra: RecordData = {}): Promise<RecordData> {
  return onFresh(id, caller, async (campaign, system) => {
    if (!from.includes(String(campaign.status))) throw pluginError('CONFLICT', refused);
    await system.update('message_campaign', id, { _version: campaign._version, status: to, ...extra });
    return system.get('message_campaign', id);
  });
}

/** `POST …/pause`: the running batch finishes its current message; nothing more goes out until resumed. */
export function pauseCampaign(id: string, caller: Caller): Promise<RecordData> {
  return move(id, caller, ['sending'], 'paused', CT.notSending);
}

/** `POST …/resume`: the queued recipients are planned again from now at the mailing's rate, and sending goes on. */
export function resumeCampaign(id: string, caller: Caller, settings: CampaignSettings, now = new Date()): Promise<RecordData> {
  return onFresh(id, caller, async (campaign, system) => {
    if (campaign.status !== 'paused') throw pluginError('CONFLICT', CT.notPaused);
    await system.update('message_campaign', id, { _version: campaign._version, status: 'sending' });
    const queued: RecordData[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: RecordData[]; nextCursor: string | null } = await system.list('campaign_recipient', { filter: { campaign: { $eq: id }, status: { $eq: 'queued' } }, sort: 'batch,id', fields: ['id'], limit: 500, ...(cursor ? { cursor } : {}) });
      queued.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    const slots = planBatches(queued.length, Number(campaign.rate_per_minute ?? 60), now, settings.windowSeconds);
    for (let i = 0; i < queued.length; i += 500) {
      await system.updateMany('campaign_recipient', queued.slice(i, i + 500).map((r, j) => ({ id: String(r.id), values: { batch: slots[i + j].batch, due_at: slots[i + j].dueAt.toISOString() } })));
    }
    return system.get('message_campaign', id);
  });
}

/** `POST …/cancel`: nothing more goes out; what was sent stays recorded. */
export function cancelCampaign(id: string, caller: Caller): Promise<RecordData> {
  return move(id, caller, ['draft', 'approved', 'sending', 'paused'], 'cancelled', CT.notSendable, { finished_at: new Date().toISOString() });
}

/** `GET …/progress`: the mailing's status and its recipients by status, as the caller may read them. */
export async function campaignProgress(id: string, caller: Caller) {
  const campaign = await caller.records.get('message_campaign', id);
  const byStatus = await recipientsByStatus(id, caller.records);
  const counts = campaignCounts(byStatus);
  const next = (await caller.records.list('campaign_recipient', { filter: { campaign: { $eq: id }, status: { $eq: 'queued' } }, sort: 'due_at', fields: ['id', 'due_at'], limit: 1 })).data[0];
  return {
    id,
    name: campaign.name,
    channel: campaign.channel,
    status: campaign.status,
    startedAt: campaign.started_at ?? null,
    finishedAt: campaign.finished_at ?? null,
    total: counts.total_count,
    sent: counts.sent_count,
    failed: counts.failed_count,
    bounced: counts.bounced_count,
    replied: counts.replied_count,
    unsubscribed: counts.unsubscribed_count,
    skipped: counts.skipped_count,
    queued: byStatus.queued + byStatus.sending,
    byStatus,
    nextDueAt: next ? next.due_at : null,
    mayControl: await caller.records.permits('message_campaign', 'send', id),
  };
}
