import type { SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';

/**
 * Locks the subscribers' rows until the transaction ends, in id order (an update with no values
 * takes the row locks and writes nothing), so that counts read after it cannot change before they
 * are written: the hooks and the jobs that recompute the churn profile all lock this way.
 */
export async function lockSubscriberRows(system: SystemRecordService, subscribers: readonly string[]): Promise<void> {
  await system.updateMany('subscriber', subscribers.map((id) => ({ id, values: {} })));
}
