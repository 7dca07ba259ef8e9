import { systemContext, withDb, type Ctx } from '../core/ctx.ts';
import { escalateTo, remindAssignees } from './expiry-actions.ts';
import { applyEvent, toInstance } from './instances.ts';
import { writeWorkflowHistory, type TimeoutJob, type Transition } from './transition-step.ts';
import { loadWorkflowVersion } from './workflow-versions.ts';
import { bothLanguages, msg } from '../core/messages/message.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';

/**
 * A state's timeout, run by the job queue as the workflow itself: escalation adds approvers, a
 * reminder notifies the open tasks' assignees, an event moves the record on. It acts only when the
 * record is still in the same visit of that state and only once per visit, so a retried or late job
 * changes nothing.
 */
export async function handleTimeout(job: TimeoutJob, base: Pick<Ctx, 'db' | 'schema' | 'log' | 'jobs' | 'workflow' | 'registry' | 'now'>): Promise<void> {
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
      const added = await escalateTo(t, timeout.escalateTo);
      await writeWorkflowHistory(trx, instance.id, null, { action: 'escalate', from: instance.state, to: instance.state, round: instance.round, comment: added.length ? `added approvers ${added.join(', ')}` : 'no further approver found' });
    }
    if (timeout.remind) {
      await remindAssignees(t, bothLanguages(msg('workflow.reminder', { object: objectLabel(object), state: instance.state })));
      await writeWorkflowHistory(trx, instance.id, null, { action: 'remind', from: instance.state, to: instance.state, round: instance.round });
    }
    if (timeout.event) await applyEvent(t, timeout.event, { action: 'transition', comment: `timeout after ${timeout.after}` });
  });
}
