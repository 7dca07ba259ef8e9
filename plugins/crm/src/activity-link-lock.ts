import { pluginError, type HookContext } from '../../../platform/src/plugins/plugin-api.ts';

/**
 * An activity log is locked once submitted (R10: its state leaves the rep only read access); its
 * links are part of it, so creating, changing or deleting a link of an activity the caller may no
 * longer change is refused as well.
 */
export async function refuseLinksOfLockedActivity({ values, record, caller, system }: HookContext): Promise<void> {
  const activities = new Set([values?.activity, record?.activity].filter((id) => id !== undefined && id !== null).map(String));
  for (const id of activities) {
    const activity = await system.get('activity', id).catch(() => null);
    if (!activity || activity._state === null || activity._state === undefined) continue;
    if (await caller.records.permits('activity', 'update', id)) continue;
    const state = String(activity._state);
    throw pluginError(
      'FORBIDDEN',
      { en: `Activity ${id} is ${state} and locked, so its links can no longer be added, changed or removed.`, 'zh-CN': `活动 ${id} 处于“${state}”状态，已锁定，不能再添加、修改或删除其关联。` },
      [{ path: '/activity', message: { en: 'the activity is locked', 'zh-CN': '该活动已锁定' } }],
    );
  }
}
