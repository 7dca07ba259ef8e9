import type { Knex } from 'knex';
import { systemContext, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { DECISION_EVENTS } from '../metadata/workflow-shape.ts';
import { msg } from '../core/messages/message.ts';
import { lockRecord } from '../records/locked-record.ts';
import { recordRestampSql } from '../records/record-writer.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { applyEvent, startInstance } from './instances.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import type { InstanceRow } from './transition-step.ts';
import { loadWorkflowVersion } from './workflow-versions.ts';

/** A record's past under a workflow: submitted at `startedAt`, then moved by each event at its moment. */
export interface WorkflowReplay {
  workflow: string;
  startedAt: Date;
  events: readonly { event: string; at: Date; comment?: string | null }[];
}

/**
 * Puts a record under a workflow as if it had been submitted and moved in the past (pack demo data):
 * the engine's own submit and transitions, as the system, each on a clock set to its moment, so SLA
 * clocks start, pause, resume, end and fall due as they would have, and approval states open their
 * tasks. Runs in the caller's transaction. The rows a step writes with the database's time (history,
 * tasks, the instance, notifications, the record's change history and `_updated_at`) are then given the
 * step's moment. Decisions (`approve`, `reject`) are left to the approvers: their tasks stay open.
 */
export async function replayWorkflow(objectName: string, recordId: string, replay: WorkflowReplay, marks: ReplayMarks, ctx: Ctx): Promise<InstanceRow> {
  const at = (moment: Date): Ctx => ({ ...systemContext(ctx), now: () => moment });
  const start = at(replay.startedAt);
  const locked = await lockRecord(objectName, recordId, 'submit', start, 'all');
  let instance = await startInstance(start, locked.object, locked.id, replay.workflow, { comment: null });
  await restampStep(ctx.db, locked.object, instance, replay.startedAt, marks);
  for (const { event, at: moment, comment } of replay.events) {
    if (DECISION_EVENTS.has(event)) throw createError('CONFLICT', msg('workflow.decidedByTasks', { event }), [{ path: '/event', message: msg('workflow.decidedByApprovers') }]);
    // The instance this transaction started and moved is the running one, already locked.
    if (instance.status !== 'running') throw createError('CONFLICT', msg('workflow.notRunning', { object: objectLabel(locked.object) }));
    const workflow = await loadWorkflowVersion(ctx.db, instance.workflow, instance.version);
    instance = await applyEvent({ ctx: at(moment), object: locked.object, workflow, instance }, event, { action: 'transition', comment: comment ?? null });
    await restampStep(ctx.db, locked.object, instance, moment, marks);
  }
  return instance;
}

/**
 * One statement: what the step just wrote at the transaction's `now()` gets the step's moment instead
 * (a task's due time keeps its distance from its creation).
 */
/**
 * The first ids of `record_history` and `notifications` that replays may have written (taken once before
 * a run of replays), so a restamp reads only the newest rows (the record's own creation is older).
 */
export interface ReplayMarks {
  change: string;
  notification: string;
}

export async function replayMarks(db: Knex): Promise<ReplayMarks> {
  const { change, notification } = (await db.raw(
    'SELECT (SELECT coalesce(max(id), 0) + 1 FROM record_history) AS change, (SELECT coalesce(max(id), 0) + 1 FROM notifications) AS notification',
  )).rows[0];
  return { change: String(change), notification: String(notification) };
}

async function restampStep(db: Knex, object: ObjectInfo, instance: InstanceRow, moment: Date, marks: ReplayMarks): Promise<void> {
  const at = moment.toISOString();
  const record = recordRestampSql(object, instance.record_id, at);
  const stamp = (column: string) => `${column} = CASE WHEN ${column} = now() THEN ?::timestamptz ELSE ${column} END`;
  await db.raw(
    `WITH i AS (UPDATE workflow_instances SET ${stamp('started_at')}, ${stamp('updated_at')}, ${stamp('finished_at')} WHERE id = ?::bigint),
          h AS (UPDATE workflow_history SET at = ?::timestamptz WHERE instance_id = ?::bigint AND at = now()),
          t AS (UPDATE workflow_tasks SET due_at = CASE WHEN created_at = now() THEN due_at - (now() - ?::timestamptz) ELSE due_at END,
                       ${stamp('created_at')}, ${stamp('decided_at')}
                WHERE instance_id = ?::bigint AND (created_at = now() OR decided_at = now())),
          n AS (UPDATE notifications SET created_at = ?::timestamptz WHERE id >= ?::bigint AND object = ? AND record_id = ?::bigint AND created_at = now()),
          c AS (UPDATE record_history SET at = ?::timestamptz WHERE object = ? AND record_id = ?::bigint AND id >= ?::bigint AND at = now())
     ${record.sql}`,
    [
      at, at, at, instance.id,
      at, instance.id,
      at, at, at, instance.id,
      at, marks.notification, instance.object, instance.record_id,
      at, instance.object, instance.record_id, marks.change,
      ...record.bindings,
    ] as Knex.RawBinding[],
  );
}
