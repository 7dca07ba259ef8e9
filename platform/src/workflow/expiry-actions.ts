import type { Approver, LocalizedText } from '../generated/workflow.ts';
import { approversOf } from '../metadata/workflow-shape.ts';
import { resolveApprovers, selfApprovers } from './approvers.ts';
import { notifyUsers } from './notifications.ts';
import type { Transition } from './transition-step.ts';

/**
 * What a state's timeout and a breached SLA do when their time runs out, written once for both: each
 * returns whom it reached so that the caller can say so in the workflow history.
 */

async function openAssignees(t: Transition): Promise<string[]> {
  const rows = await t.ctx.db('workflow_tasks').where({ instance_id: t.instance.id, round: t.instance.round, status: 'open' }).select('assignee');
  return rows.map((r: { assignee: string | number }) => String(r.assignee));
}

/** Adds open tasks in the current round for the escalation's approvers who have none (never the submitter or owner unless allowed). */
export async function escalateTo(t: Transition, approver: Approver): Promise<string[]> {
  const open = new Set(await openAssignees(t));
  const excluded = await selfApprovers(t.workflow.definition, t.object, t.instance, t.ctx);
  const added = (await resolveApprovers(approversOf(approver), t.object, t.instance.record_id, t.ctx)).filter((id) => !open.has(id) && !excluded.has(id));
  const { id, state, round } = t.instance;
  if (added.length) await t.ctx.db('workflow_tasks').insert(added.map((assignee) => ({ instance_id: id, state, round, assignee, status: 'open' })));
  return added;
}

/** Notifies the assignees of the round's open tasks. */
export async function remindAssignees(t: Transition, message: LocalizedText): Promise<string[]> {
  const assignees = await openAssignees(t);
  await notifyUsers(t.ctx.db, assignees, message, t.object.name, t.instance.record_id);
  return assignees;
}
