import type { HookContext, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { refreshComplaintCounts } from './complaint-count.ts';
import { idOf } from './lookup-id.ts';
import { lockSubscriberRows } from './lock-subscribers.ts';
import { refreshUsageProfiles } from './usage-profiles.ts';

type Refresh = (system: SystemRecordService, subscribers: readonly string[], except?: string) => Promise<void>;

/** What a write of each object changes on its subscriber. */
const REFRESH: Record<string, Refresh> = { complaint: refreshComplaintCounts, usage_summary: refreshUsageProfiles };

const present = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];

/**
 * Before a complaint or usage row is written: its subscribers (the one it leaves and the one it goes
 * to) are locked first, so two writes about one subscriber compute its values one after the other.
 * Locking before the row is written
 * also keeps two such writes from deadlocking on the lookup's key lock. A row moving to another
 * subscriber leaves the one it had: that one is recomputed here, without the row.
 */
export async function lockSubscribers(hook: HookContext): Promise<void> {
  const before = idOf(hook.record?.subscriber);
  const after = hook.values && 'subscriber' in hook.values ? idOf(hook.values.subscriber) : before;
  const subscribers = present([before, after]);
  if (!subscribers.length) return;
  await lockSubscriberRows(hook.system, subscribers);
  if (hook.event === 'beforeUpdate' && before && before !== after) await REFRESH[hook.object](hook.system, [before], hook.id);
}

/** After a complaint or usage row is created, changed or deleted: its subscriber's values, recomputed. */
export async function refreshSubscriber(hook: HookContext): Promise<void> {
  const subscriber = idOf(hook.record?.subscriber);
  if (subscriber) await REFRESH[hook.object](hook.system, [subscriber]);
}
