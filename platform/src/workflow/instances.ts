import type { Knex } from 'knex';
import { clockOf, withDb, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { isName } from '../core/identifiers.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { lockRecord } from '../records/locked-record.ts';
import { setRecordState } from '../records/record-writer.ts';
import { evaluateInstanceConditions } from './conditions.ts';
import type { CompiledWorkflow } from './compile-workflow.ts';
import { enterState, moveTo, writeWorkflowHistory, type HistoryInput, type InstanceRow, type Transition } from './transition-step.ts';
import { loadWorkflowVersion } from './workflow-versions.ts';
import { cancelSlas, updateSlas } from './sla-clock.ts';
import { DECISION_EVENTS } from '../metadata/workflow-shape.ts';
import { msg } from '../core/messages/message.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';

export interface StepInput {
  comment?: string;
}

export function toInstance(row: Record<string, unknown>): InstanceRow {
  return {
    id: String(row.id),
    workflow: String(row.workflow),
    version: Number(row.version),
    object: String(row.object),
    record_id: String(row.record_id),
    state: String(row.state),
    status: row.status as InstanceRow['status'],
    submitted_by: row.submitted_by === null ? null : String(row.submitted_by),
    round: Number(row.round),
    pending_change: (typeof row.pending_change === 'string' ? JSON.parse(row.pending_change) : row.pending_change ?? null) as Record<string, unknown> | null,
    apply_in: (row.apply_in as string[] | null) ?? null,
  };
}

/** The running instance of a record, locked for the rest of the transaction so transitions on it queue up. */
export async function lockRunningInstance(db: Knex, object: ObjectInfo, recordId: string): Promise<InstanceRow> {
  const row = await db('workflow_instances').where({ object: object.name, record_id: recordId, status: 'running' }).forUpdate().first();
  if (!row) throw createError('CONFLICT', msg('workflow.notRunning', { object: objectLabel(object) }));
  return toInstance(row);
}

/** Applies an event to a locked instance: conditions in SQL, xstate's pure step, then the move. */
export async function applyEvent(
  t: Transition,
  event: string,
  entry: { action: 'submit' | 'transition' | 'approve' | 'reject'; comment?: string | null; taskId?: string | null },
  earlier: readonly HistoryInput[] = [],
  decided?: Record<string, boolean>,
): Promise<InstanceRow> {
  const { workflow, instance } = t;
  if (!workflow.handles(instance.state, event)) {
    throw createError('CONFLICT', msg('workflow.eventNotTaken', { state: instance.state, workflow: workflow.definition.name, event }), [{ path: '/event', message: msg('workflow.notAnEventOf', { state: instance.state }) }]);
  }
  const conditions = decided ?? (await evaluateInstanceConditions(workflow.conditionsFor(instance.state, event), t.object, instance, t.ctx)).verdicts;
  const step = workflow.step(instance.state, { type: event, conditions });
  if (!step.changed) {
    throw createError('CONFLICT', msg('workflow.noCondition', { event, state: instance.state }), [{ path: '/event', message: msg('workflow.noConditionHolds') }]);
  }
  return moveTo(t, step.state, step.actions, { ...entry, event }, earlier);
}

function chooseWorkflow(object: ObjectInfo, name: unknown, ctx: Ctx) {
  if (name === null) name = undefined;
  if (name !== undefined) {
    if (!isName(name)) throw createError('VALIDATION_FAILED', msg('workflow.mustBeWorkflowName'), [{ path: '/workflow', message: msg('workflow.mustBeName') }]);
    const stored = ctx.schema.workflows.get(name);
    if (!stored || stored.definition.object !== object.name) throw createError('VALIDATION_FAILED', msg('workflow.unknownFor', { name, object: objectLabel(object) }), [{ path: '/workflow', message: msg('workflow.unknown') }]);
    if (stored.definition.active === false) throw createError('CONFLICT', msg('workflow.inactive', { name }), [{ path: '/workflow', message: msg('workflow.inactiveDetail') }]);
    return stored;
  }
  const active = [...ctx.schema.workflows.values()].filter((w) => w.definition.object === object.name && w.definition.active !== false);
  if (active.length === 1) return active[0];
  if (!active.length) throw createError('CONFLICT', msg('workflow.noneActive', { object: objectLabel(object) }));
  throw createError('VALIDATION_FAILED', msg('workflow.several', { object: objectLabel(object), workflows: active.map((w) => w.definition.name).join(', ') }), [{ path: '/workflow', message: msg('workflow.requiredHere') }]);
}

export function readComment(body: unknown): string | null {
  const comment = (body as { comment?: unknown } | null)?.comment;
  if (comment === undefined || comment === null) return null;
  if (typeof comment !== 'string' || comment.length > 4000) throw createError('VALIDATION_FAILED', msg('workflow.commentLength'), [{ path: '/comment', message: msg('workflow.commentDetail') }]);
  return comment;
}

export interface StartOptions {
  comment: string | null;
  /** An approval-gated edit waiting for the workflow's outcome. */
  pendingChange?: Record<string, unknown>;
  applyIn?: string[];
}

/**
 * Starts a workflow on a locked record in the caller's transaction: the instance starts in the initial
 * state and, when that state takes `submit`, moves on at once (draft → review in one call).
 */
export async function startInstance(ctx: Ctx, object: ObjectInfo, recordId: string, name: string | undefined, options: StartOptions): Promise<InstanceRow> {
  const db = ctx.db;
  const stored = chooseWorkflow(object, name, ctx);
  const running = await db('workflow_instances').where({ object: object.name, record_id: recordId, status: 'running' }).first('workflow');
  if (running) throw createError('CONFLICT', msg('workflow.alreadyIn', { workflow: running.workflow }));
  const workflow: CompiledWorkflow = await loadWorkflowVersion(db, stored.definition.name, stored.version);
  const initial = workflow.definition.initial;
  const [row] = await db('workflow_instances')
    .insert({
      workflow: workflow.definition.name, version: workflow.version, object: object.name, record_id: recordId, state: initial, status: 'running', submitted_by: ctx.actor.id,
      pending_change: options.pendingChange ? JSON.stringify(options.pendingChange) : null, apply_in: options.applyIn ?? null,
    })
    .returning('*');
  const instance = toInstance(row);
  await writeWorkflowHistory(db, instance.id, ctx.actor.id, { action: 'submit', to: initial, comment: options.comment, round: instance.round });
  const t: Transition = { ctx, object, workflow, instance };
  if (workflow.handles(initial, 'submit')) return applyEvent(t, 'submit', { action: 'submit', comment: options.comment });
  await setRecordState(object, recordId, initial, ctx);
  await enterState(t);
  await updateSlas(t, true);
  return instance;
}

/** POST …/submit: needs the submit operation on the record. */
export async function submitRecord(objectName: string, id: string, body: unknown, ctx: Ctx): Promise<InstanceRow> {
  const comment = readComment(body);
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const locked = await lockRecord(objectName, id, 'submit', tctx);
    return startInstance(tctx, locked.object, locked.id, (body as { workflow?: unknown } | null)?.workflow as string | undefined, { comment });
  });
}

/** A non-approval event (e.g. close): needs the operation named like the event on the record. */
export async function transitionRecord(objectName: string, id: string, body: unknown, ctx: Ctx): Promise<InstanceRow> {
  const event = (body as { event?: unknown } | null)?.event;
  if (!isName(event)) throw createError('VALIDATION_FAILED', msg('workflow.eventRequired'), [{ path: '/event', message: msg('value.required') }]);
  if (DECISION_EVENTS.has(event)) throw createError('CONFLICT', msg('workflow.decidedByTasks', { event }), [{ path: '/event', message: msg('workflow.decidedByApprovers') }]);
  const comment = readComment(body);
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const locked = await lockRecord(objectName, id, event, tctx);
    const object = locked.object;
    const instance = await lockRunningInstance(trx, object, locked.id);
    const workflow = await loadWorkflowVersion(trx, instance.workflow, instance.version);
    return applyEvent({ ctx: tctx, object, workflow, instance }, event, { action: 'transition', comment });
  });
}

/** The submitter takes the record back until anyone has decided; the record leaves the workflow. */
export async function recallRecord(objectName: string, id: string, body: unknown, ctx: Ctx): Promise<InstanceRow> {
  const comment = readComment(body);
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const locked = await lockRecord(objectName, id, 'read', tctx);
    const object = locked.object;
    const instance = await lockRunningInstance(trx, object, locked.id);
    if (instance.submitted_by !== ctx.actor.id) throw createError('FORBIDDEN', msg('workflow.onlySubmitterRecalls'));
    const decided = await trx('workflow_tasks').where({ instance_id: instance.id }).whereIn('status', ['approved', 'rejected']).first('id');
    if (decided) throw createError('CONFLICT', msg('workflow.alreadyDecided'));
    await trx('workflow_tasks').where({ instance_id: instance.id, status: 'open' }).update({ status: 'cancelled', decided_at: trx.fn.now() });
    await trx('workflow_instances').where({ id: instance.id }).update({ status: 'recalled', updated_at: trx.fn.now(), finished_at: trx.fn.now() });
    await setRecordState(object, locked.id, null, tctx);
    await cancelSlas(trx, instance.id, clockOf(ctx));
    await writeWorkflowHistory(trx, instance.id, ctx.actor.id, { action: 'recall', from: instance.state, to: null, comment, round: instance.round });
    return { ...instance, status: 'recalled' as const };
  });
}
