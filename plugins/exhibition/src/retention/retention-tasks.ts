import type { HookContext } from '../../../../platform/src/plugins/plugin-api.ts';

/** From this churn probability an exhibitor not yet rebooked is at risk (the model predicts "lost" from it). */
export const AT_RISK = 0.5;
const DUE_DAYS = 14;

const percent = (p: number) => `${Math.round(p * 100)} %`;

/**
 * After the churn model writes its probability onto an exhibitor's stand: an exhibitor at risk who
 * has not rebooked the next edition of the season gets one retention task for the account's owner
 * (a crm sales task). The task is linked on the stand, so a later run creates no second one.
 */
export async function retentionTask({ record, system }: HookContext): Promise<void> {
  if (!record || record.retention_task || record.outcome !== 'not_yet') return;
  const probability = Number(record.churn_probability ?? 0);
  if (record.churn_probability == null || probability < AT_RISK) return;
  const account = await system.get('account', String(record.exhibitor));
  const name = String(account.name ?? record.title);
  const rule = typeof record.churn_rule === 'string' ? record.churn_rule : '';
  const task = await system.create('sales_task', {
    subject: `Win back ${name} / 挽留展商：${name}`.slice(0, 200),
    assignee: account._owner ?? null,
    account: String(record.exhibitor),
    due_date: new Date(Date.now() + DUE_DAYS * 86_400_000).toISOString().slice(0, 10),
    priority: 'high',
    status: 'open',
    description: [
      `${record.title}: churn risk ${percent(probability)}, not booked at the next edition yet.`,
      `${record.title}：流失概率 ${percent(probability)}，尚未预订下一届展位。`,
      rule,
    ].filter(Boolean).join('\n'),
  });
  await system.update('exhibitor_edition', String(record.id), { _version: record._version, retention_task: task.id });
}
