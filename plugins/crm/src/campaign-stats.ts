import type { RecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { WON_STAGES } from './stage-probability.ts';

export const CAMPAIGN_STATS_JOB = 'campaign_stats';

/** A campaign's members, responses and won revenue (R13), from its members and opportunities; ROI and response rate are formulas over them. */
export async function refreshCampaignStats({ campaign }: { campaign: string }, system: RecordService): Promise<void> {
  const members = await system.aggregate('campaign_member', { filter: { campaign: { $eq: campaign } }, groupBy: [{ field: 'status' }], measures: [{ fn: 'count' }] });
  const total = members.rows.reduce((n, r) => n + Number(r.count), 0);
  const responses = members.rows.filter((r) => r.status === 'responded' || r.status === 'converted').reduce((n, r) => n + Number(r.count), 0);
  const won = await system.aggregate('opportunity', { filter: { campaign: { $eq: campaign }, stage: { $in: [...WON_STAGES] } }, measures: [{ fn: 'sum', field: 'amount' }] });
  const revenue = Number(won.rows[0]?.sum_amount ?? 0);
  const current = await system.get('campaign', campaign);
  if (current.members === total && current.responses === responses && Number(current.revenue ?? 0) === revenue) return;
  await system.update('campaign', campaign, { _version: current._version, members: total, responses, revenue });
}
