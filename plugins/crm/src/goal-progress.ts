import type { RecordData, RecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { everyRecord } from './every-record.ts';
import { WON_STAGES } from './stage-probability.ts';

export const GOAL_PROGRESS_JOB = 'goal_progress';

/** The won opportunities a goal counts: closed in its period, by its salesperson, department or the whole company (R14). */
export function goalFilter(goal: RecordData): Record<string, unknown> {
  const filter: Record<string, unknown> = {
    stage: { $in: [...WON_STAGES] },
    closed_on: { $gte: goal.period_start, $lte: goal.period_end },
  };
  if (goal.level === 'personal') filter._owner = { $eq: goal.user };
  if (goal.level === 'department') filter._department = { $eq: goal.department };
  return filter;
}

/** Recomputes every goal's achieved amount; goals whose amount did not change are left alone. */
export async function refreshGoalProgress(system: RecordService): Promise<number> {
  let changed = 0;
  await everyRecord(system, 'goal', undefined, async (goal) => {
    const won = await system.aggregate('opportunity', { filter: goalFilter(goal), measures: [{ fn: 'sum', field: 'amount' }] });
    const achieved = Number(won.rows[0]?.sum_amount ?? 0);
    if (Number(goal.achieved_amount ?? 0) === achieved && goal.achieved_amount !== null) return;
    await system.update('goal', String(goal.id), { _version: goal._version, achieved_amount: achieved });
    changed++;
  });
  return changed;
}
