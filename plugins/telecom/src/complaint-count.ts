import type { SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { batchesOf } from '../../../platform/src/plugins/plugin-api.ts';
import { idOf } from './lookup-id.ts';

/**
 * Writes the subscribers' `complaint_count` from one count of their complaints: every complaint not
 * in the recycle bin, open or closed, as the demo counts them. `except` leaves out a complaint that
 * the write under way moves to another subscriber.
 */
export async function refreshComplaintCounts(system: SystemRecordService, subscribers: readonly string[], except?: string): Promise<void> {
  for (const chunk of batchesOf(subscribers, 1000)) {
    const filter = { subscriber: { $in: chunk }, ...(except ? { id: { $ne: except } } : {}) };
    const counted = await system.aggregate('complaint', { filter, groupBy: [{ field: 'subscriber' }], measures: [{ fn: 'count' }], limit: 1000 });
    const counts = new Map(counted.rows.map((row) => [idOf(row.subscriber), Number(row.count)]));
    await system.updateMany('subscriber', chunk.map((id) => ({ id, values: { complaint_count: counts.get(id) ?? 0 } })));
  }
}
