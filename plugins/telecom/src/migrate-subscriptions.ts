import { everyPage, pluginError, readBody, readId, type Caller, type RecordData } from '../../../platform/src/plugins/plugin-api.ts';
import { readIds } from './read-ids.ts';
import { currentVersion } from './tariff-versions.ts';
import { T } from './texts.ts';

export interface MigrationResult {
  to: { id: string; title: unknown };
  migrated: string[];
  /** Subscribers already on the version. */
  unchanged: string[];
}

/**
 * Moves chosen subscriptions of a tariff plan to another of its versions (by default the current one):
 * `{"subscribers": [ids]}` or `{"from": versionId}` (every subscription on that version the caller
 * may read), `"to"` optional. Each move is the caller's own update of the subscriber, so their
 * permissions apply and the subscriber's history records it; all moves commit together.
 */
export async function migrateSubscriptions(planId: string, body: unknown, caller: Caller): Promise<MigrationResult> {
  const input = readBody(body, ['subscribers', 'from', 'to']);
  const chosen = readIds(input, 'subscribers');
  const from = readId(input, 'from');
  const toId = readId(input, 'to');
  if (!chosen && !from) throw pluginError('BAD_REQUEST', T.sayWhom, [{ path: '/subscribers', message: T.sayWhom }]);
  await caller.records.get('tariff_plan', planId);
  const to = toId ? await caller.records.get('tariff_version', toId) : await currentVersion(planId, caller.records);
  if (!to) throw pluginError('CONFLICT', T.noCurrentVersion);
  const toPlan = typeof to.plan === 'object' && to.plan !== null ? String((to.plan as { id: unknown }).id) : String(to.plan);
  if (toPlan !== planId) throw pluginError('VALIDATION_FAILED', T.versionOfOtherPlan, [{ path: '/to', message: T.versionOfOtherPlan }]);

  const filter: Record<string, unknown> = { tariff_plan: { $eq: planId }, ...(chosen ? { id: { $in: chosen } } : {}), ...(from ? { tariff_version: { $eq: from } } : {}) };
  const subscribers: RecordData[] = [];
  for await (const page of everyPage(caller.records, 'subscriber', { filter, fields: ['tariff_version', '_version'] })) subscribers.push(...page.data);
  // A chosen subscriber the caller cannot read (or of another plan) is 404, as its own update would be.
  if (chosen && subscribers.length < chosen.length) await Promise.all(chosen.map((id) => caller.records.get('subscriber', id)));
  const result: MigrationResult = { to: { id: String(to.id), title: to.title }, migrated: [], unchanged: [] };
  await caller.transaction(async (inside) => {
    for (const s of subscribers) {
      const current = typeof s.tariff_version === 'object' && s.tariff_version !== null ? String((s.tariff_version as { id: unknown }).id) : String(s.tariff_version);
      if (current === String(to.id)) { result.unchanged.push(String(s.id)); continue; }
      await inside.records.update('subscriber', String(s.id), { tariff_version: String(to.id), _version: s._version });
      result.migrated.push(String(s.id));
    }
  });
  return result;
}
