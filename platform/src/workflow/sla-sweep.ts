import { clockOf, systemContext, withDb, type Ctx } from '../core/ctx.ts';
import { bothLanguages, msg } from '../core/messages/message.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import { approversOf } from '../metadata/workflow-shape.ts';
import { resolveApprovers } from './approvers.ts';
import { escalateTo, remindAssignees } from './expiry-actions.ts';
import { applyEvent, toInstance } from './instances.ts';
import { notifyUsers } from './notifications.ts';
import { toSlaRow } from './sla-clock.ts';
import { writeWorkflowHistory, type Transition } from './transition-step.ts';
import { loadWorkflowVersion } from './workflow-versions.ts';

export const SLA_SWEEP_JOB = 'workflow.sla_sweep';
/** Every minute: a breach is noticed at most a minute (plus the job polling) after it is due. */
export const SLA_SWEEP_CRON = '* * * * *';
const BATCH = 100;

type SweepBase = Pick<Ctx, 'db' | 'schema' | 'log' | 'jobs' | 'workflow' | 'registry' | 'now'>;

/**
 * Marks the running SLAs that are past due (on the context's clock) as breached, once each, and runs
 * their escalation, reminder and event as the workflow, each in its own transaction. Rows another
 * process is sweeping are skipped (SKIP LOCKED). Returns how many it breached.
 */
export async function sweepSlas(base: SweepBase): Promise<number> {
  const now = clockOf(base);
  let breached = 0;
  for (;;) {
    const due = await base.db('workflow_slas as s').join('workflow_instances as i', 'i.id', 's.instance_id')
      .where({ 's.status': 'running', 'i.status': 'running' }).where('s.due_at', '<=', now)
      .orderBy('s.due_at').limit(BATCH).select('s.id', 's.instance_id');
    let done = 0;
    for (const { id, instance_id: instanceId } of due as { id: string; instance_id: string }[]) if (await breach(base, String(instanceId), String(id), now)) done++;
    breached += done;
    if (due.length < BATCH || done === 0) return breached;
  }
}

async function breach(base: SweepBase, instanceId: string, slaId: string, now: Date): Promise<boolean> {
  return base.db.transaction(async (trx) => {
    const ctx = withDb(systemContext(base), trx);
    const instanceRow = await trx('workflow_instances').where({ id: instanceId, status: 'running' }).forUpdate().skipLocked().first();
    if (!instanceRow) return false;
    const slaRow = await trx('workflow_slas').where({ id: slaId, status: 'running' }).where('due_at', '<=', now).forUpdate().first();
    if (!slaRow) return false;
    const row = toSlaRow(slaRow);
    const instance = toInstance(instanceRow);
    const object = ctx.schema.objects.get(instance.object);
    if (!object) return false;
    const workflow = await loadWorkflowVersion(trx, instance.workflow, instance.version);
    const sla = workflow.definition.slas?.find((s) => s.name === row.sla);
    // Past its due moment, it has used all the time it was allowed.
    await trx('workflow_slas').where({ id: slaId }).update({ status: 'breached', used_ms: row.allowed_ms, running_since: null, ended_at: now });
    const t: Transition = { ctx, object, workflow, instance };
    const done: string[] = [];
    const message = bothLanguages(msg('workflow.slaReminder', { sla: row.sla, object: objectLabel(object) }));
    if (sla?.escalateTo) {
      if (workflow.definition.states[instance.state]?.approval) {
        const added = await escalateTo(t, sla.escalateTo);
        done.push(added.length ? `added approvers ${added.join(', ')}` : 'no further approver found');
      } else {
        // Outside an approval state there is no task to add: the escalation's people are told instead.
        const told = await resolveApprovers(approversOf(sla.escalateTo), object, instance.record_id, ctx);
        await notifyUsers(trx, told, message, object.name, instance.record_id);
        done.push(`notified ${told.join(', ') || 'nobody'}`);
      }
    }
    if (sla?.remind) done.push(`reminded ${(await remindAssignees(t, message)).join(', ') || 'nobody'}`);
    await writeWorkflowHistory(trx, instance.id, null, { action: 'sla_breach', from: instance.state, to: instance.state, round: instance.round, comment: done.length ? `${row.sla}: ${done.join('; ')}` : row.sla });
    if (sla?.event && workflow.handles(instance.state, sla.event)) await applyEvent(t, sla.event, { action: 'transition', comment: `SLA ${row.sla} ran out` });
    return true;
  });
}
