import { pluginError, type HookContext, type RecordData, type RecordReader } from '../../../platform/src/plugins/plugin-api.ts';
import { idOf } from './lookup-id.ts';
import { T } from './texts.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** The version new subscriptions of a plan take: its published version of the highest number already in effect. */
export async function currentVersion(plan: string, reader: RecordReader, on = today()): Promise<RecordData | null> {
  const page = await reader.list('tariff_version', {
    filter: { plan: { $eq: plan }, status: { $eq: 'published' }, $or: [{ effective_from: { $null: true } }, { effective_from: { $lte: on } }] },
    sort: '-version', limit: 1,
  });
  return page.data[0] ?? null;
}

/**
 * A subscriber's tariff: a new subscription (or a change of plan) without a version takes the plan's
 * current version; a version given must be a published one of the plan. An existing subscription keeps
 * its version when the plan gets a new one (grandfathering): only a write naming the version moves it.
 */
export async function settleTariff(hook: HookContext): Promise<void> {
  const values = hook.values!;
  const planChanged = 'tariff_plan' in values && idOf(values.tariff_plan) !== idOf(hook.record?.tariff_plan);
  const versionGiven = 'tariff_version' in values && values.tariff_version !== null;
  if (!planChanged && !versionGiven && hook.event !== 'beforeCreate') return;
  const plan = idOf('tariff_plan' in values ? values.tariff_plan : hook.record?.tariff_plan);
  if (!plan) return;
  if (!versionGiven) {
    const current = await currentVersion(plan, hook.system);
    if (!current) throw pluginError('VALIDATION_FAILED', T.noCurrentVersion, [{ path: '/tariff_plan', message: T.noCurrentVersion }]);
    values.tariff_version = String(current.id);
    return;
  }
  const version = await hook.system.list('tariff_version', { filter: { id: { $eq: idOf(values.tariff_version) } }, fields: ['plan', 'status'], limit: 1 });
  const found = version.data[0];
  if (!found) return; // an unknown id is refused by the lookup check that follows
  if (idOf(found.plan) !== plan) throw pluginError('VALIDATION_FAILED', T.versionOfOtherPlan, [{ path: '/tariff_version', message: T.versionOfOtherPlan }]);
  if (found.status !== 'published') throw pluginError('VALIDATION_FAILED', T.versionNotPublished, [{ path: '/tariff_version', message: T.versionNotPublished }]);
}
