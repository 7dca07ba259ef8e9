import { batchesOf, everyPage, type SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { idOf } from './lookup-id.ts';
import { usageProfile, type UsageMonth } from './usage-profile.ts';

/**
 * Writes the subscribers' `usage_trend` and `monthly_spend` from their `usage_summary` rows (the
 * formula is `usageProfile`). `except` leaves out a row that the write under way moves to another
 * subscriber. The bulk update writes only the values that changed.
 */
export async function refreshUsageProfiles(system: SystemRecordService, subscribers: readonly string[], except?: string): Promise<void> {
  for (const chunk of batchesOf(subscribers, 500)) {
    const months = new Map<string, UsageMonth[]>(chunk.map((id) => [id, []]));
    const filter = { subscriber: { $in: chunk }, ...(except ? { id: { $ne: except } } : {}) };
    for await (const page of everyPage(system, 'usage_summary', { filter, fields: ['subscriber', 'month', 'minutes', 'amount'] })) {
      for (const row of page.data) {
        months.get(idOf(row.subscriber)!)?.push({ month: String(row.month), minutes: Number(row.minutes), amount: row.amount === null || row.amount === undefined ? null : Number(row.amount) });
      }
    }
    await system.updateMany('subscriber', chunk.map((id) => ({ id, values: { ...usageProfile(months.get(id)!) } })));
  }
}
