import { systemContext, withDb, type Ctx } from '../core/ctx.ts';
import { resolveApprovers, selfApprovers } from './approvers.ts';
import { applyEvent, toInstance } from './instances.ts';
import { notifyUsers } from './notifications.ts';
import { writeWorkflowHistory, type TimeoutJob, type Transition } from './transition-step.ts';
import { loadWorkflowVersion } from './workflow-versions.ts';
import { approversOf } from '../metadata/workflow-shape.ts';
import { bothLanguages, msg } from '../core/messages/message.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';

/**
 * A state's timeout, run by the job queue as the workflow itself: escalation adds approvers, a
 * reminder notifies the open tasks' assignees, an event moves the record on. It acts only when the
 * record is still in the same visit of that state and only once per visit, so a retried or late job
 * changes nothing.
 */
export async function handleTimeout(job: TimeoutJob, base: Pick<Ctx, 'db' | 'schema' | 'log' | 'jobs' | 'workflow' | 'registry'>): Promise<void> {
  await base.db.transaction(async (trx) => {
    const ctx = withDb(systemContext(base), trx);
    const row = await trx('workflow_instances').where({ id: job.instance }).forUpdate().first();
    if (!row || row.status !== 'running' || row.state !== job.state || Number(row.round) !== job.round) return;
    const handled = await trx('workflow_history').where({ instance_id: job.instance, round: job.round }).whereIn('action', ['escalate', 'remind']).first('id');
    if (handled) return;
    const instance = toInstance(row);
    const object = ctx.schema.objects.get(instance.object);
    if (!object) return;
    const workflow = await loadWorkflowVersion(trx, instance.workflow, instance.version);
    const timeout = workflow.definition.states[instance.state]?.timeout;
    if (!timeout) return;
    const t: Transition = { ctx, object, workflow, instance };

    if (timeout.escalateTo) {
      const open = new Set((await trx('workflow_tasks').where({ instance_id: instance.id, round: instance.round, status: 'open' }).select('assignee')).map((r: { assignee: string | number }) => String(r.assignee)));
      const excluded = await selfApprovers(workflow.definition, object, instance, ctx);
      const added = (await resolveApprovers(approversOf(timeout.escalateTo), object, instance.record_id, ctx)).filter((id) => !open.has(id) && !excluded.has(id));
      if (added.length) await trx('workflow_tasks').insert(added.map((assignee) => ({ instance_id: instance.id, state: instance.state, round: instance.round, assignee, status: 'open' })));
      await writeWorkflowHistory(trx, instance.id, null, { action: 'escalate', from: instance.state, to: instance.state, round: instance.round, comment: added.length ? `added approvers ${added.join(', ')}` : 'no further approver found' });
    }
    if (timeout.remind) {
      const assignees = (await trx('workflow_tasks').where({ instance_id: instance.id, round: instance.round, status: 'open' }).select('assignee')).map((r: { assignee: string | number }) => String(r.assignee));
      const message = bothLanguages(msg('workflow.reminder', { object: objectLabel(object), state: instance.state }));
      await notifyUsers(trx, assignees, message, object.name, instance.record_id);
      await writeWorkflowHistory(trx, instance.id, null, { action: 'remind', from: instance.state, to: instance.state, round: instance.round });
    }
    if (timeout.event) await applyEvent(t, timeout.event, { action: 'transition', comment: `timeout after ${timeout.after}` });
  });
}
