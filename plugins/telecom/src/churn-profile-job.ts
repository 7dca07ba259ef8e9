import { batchesOf, everyPage, type JobTools, type RecordData, type SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { refreshComplaintCounts } from './complaint-count.ts';
import { idOf } from './lookup-id.ts';
import { lockSubscriberRows } from './lock-subscribers.ts';
import { refreshUsageProfiles } from './usage-profiles.ts';

/** Every 5 minutes: the subscribers of usage rows and complaints written since the last run. */
export const CHANGED_PROFILES_JOB = 'churn_profiles';
export const CHANGED_PROFILES_CRON = '*/5 * * * *';
/** Every night: every subscriber, whatever the hooks and the 5-minute job may have missed. */
export const ALL_PROFILES_JOB = 'churn_profiles_all';
export const ALL_PROFILES_CRON = '30 2 * * *';

/**
 * A row carries the moment its transaction began, and an import batch commits a little later: the
 * next run looks again at the rows of the last minutes, so none is passed over while it commits.
 */
const SETTLE_MS = 2 * 60_000;
const SYNC = 'churn_profiles';

/** The subscribers with rows of `object` written since `since` (all with rows without it), by keyset over the groups. */
async function subscribersWithRows(system: SystemRecordService, object: string, since: string | undefined): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const after = ids.at(-1);
    const filter = { ...(since ? { _updated_at: { $gte: since } } : {}), ...(after ? { subscriber: { $gt: after } } : {}) };
    const page = await system.aggregate(object, { filter, groupBy: [{ field: 'subscriber' }], sort: 'subscriber', limit: 10_000 });
    ids.push(...page.rows.map((row) => idOf(row.subscriber)).filter((id): id is string => id !== null));
    if (!page.truncated) return ids;
  }
}

type Refresh = (system: SystemRecordService, subscribers: readonly string[]) => Promise<void>;

/**
 * Recomputes the subscribers' values a chunk at a time, each chunk in a transaction that locks its
 * subscribers before it reads (in id order, as the hooks lock them): a complaint or usage hook
 * recounting one of them meanwhile waits for the chunk, then counts again, and is never overwritten
 * by a count read before it.
 */
async function refreshLocked(transaction: JobTools['transaction'], subscribers: readonly string[], refreshes: readonly Refresh[]): Promise<void> {
  for (const chunk of batchesOf(subscribers, 500)) {
    await transaction(async (system) => {
      await lockSubscriberRows(system, chunk);
      for (const refresh of refreshes) await refresh(system, chunk);
    });
  }
}

/**
 * The churn profile of the subscribers whose usage rows or complaints were written without the
 * pack's hooks: a bulk import (it runs no hooks, `docs/import-export.md`), a restore from the recycle
 * bin, the system's bulk writes. Rows changed with hooks are seen again too, which changes nothing.
 * How far it has looked is kept in the hidden `churn_profile_sync` record.
 */
export async function refreshChangedProfiles({ system, transaction }: Pick<JobTools, 'system' | 'transaction'>, now = new Date()): Promise<{ complaints: number; usage: number }> {
  const sync: RecordData | undefined = (await system.list('churn_profile_sync', { filter: { name: { $eq: SYNC } }, limit: 1 })).data[0];
  const since = sync?.changes_since ? String(sync.changes_since) : undefined;
  const complaints = await subscribersWithRows(system, 'complaint', since);
  const usage = await subscribersWithRows(system, 'usage_summary', since);
  await refreshLocked(transaction, complaints, [refreshComplaintCounts]);
  await refreshLocked(transaction, usage, [refreshUsageProfiles]);
  const changesSince = new Date(now.getTime() - SETTLE_MS).toISOString();
  if (sync) await system.update('churn_profile_sync', String(sync.id), { _version: sync._version, changes_since: changesSince });
  else await system.create('churn_profile_sync', { name: SYNC, changes_since: changesSince });
  return { complaints: complaints.length, usage: usage.length };
}

/** Every subscriber's complaint count, usage trend and monthly spend, recomputed (only changed values are written). */
export async function refreshAllProfiles({ system, transaction }: Pick<JobTools, 'system' | 'transaction'>): Promise<number> {
  let seen = 0;
  for await (const page of everyPage(system, 'subscriber', { fields: ['id'], limit: 500 })) {
    const ids = page.data.map((s) => String(s.id));
    await refreshLocked(transaction, ids, [refreshComplaintCounts, refreshUsageProfiles]);
    seen += ids.length;
  }
  return seen;
}
