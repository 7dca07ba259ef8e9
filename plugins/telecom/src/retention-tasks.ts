import type { HookContext } from '../../../platform/src/plugins/plugin-api.ts';

/** From this churn probability an active subscriber is at risk (the model predicts "churned" from it). */
export const AT_RISK = 0.5;
const DUE_DAYS = 7;

const percent = (p: number) => `${Math.round(p * 100)} %`;

/**
 * After the churn model writes its probability onto a subscriber: an active subscriber at risk gets
 * one retention task (a crm sales task) for their account manager, the subscriber's owner, with the
 * rule that explains the risk. The task is linked on the subscriber, so a later run creates no second one.
 */
export async function retentionTask({ record, system }: HookContext): Promise<void> {
  if (!record || record.retention_task || record.status !== 'active') return;
  if (record.churn_probability == null || Number(record.churn_probability) < AT_RISK) return;
  const probability = Number(record.churn_probability);
  const who = `${record.name} (${record.number})`;
  const rule = typeof record.churn_rule === 'string' ? record.churn_rule : '';
  const task = await system.create('sales_task', {
    subject: `Retain ${who} / 挽留用户：${who}`.slice(0, 200),
    assignee: record._owner ?? null,
    due_date: new Date(Date.now() + DUE_DAYS * 86_400_000).toISOString().slice(0, 10),
    priority: 'high',
    status: 'open',
    description: [
      `${who}, ${record.region}: churn risk ${percent(probability)}.`,
      `${who}，${record.region}：离网概率 ${percent(probability)}。`,
      rule,
    ].filter(Boolean).join('\n'),
  });
  await system.update('subscriber', String(record.id), { _version: record._version, retention_task: task.id });
}
