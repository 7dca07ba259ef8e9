import { systemContext, withDb, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { isId } from '../core/identifiers.ts';
import { isActiveUser, isPortalUser } from '../organisation/users.ts';
import type { Approval } from '../generated/workflow.ts';
import { approverFields } from '../permissions/approver-access.ts';
import { tryResolvePolicy } from '../permissions/resolve-policy.ts';
import { selectFields, toApiRecord, visibleFields } from '../records/record-shape.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { selfApprovers } from './approvers.ts';
import { evaluateInstanceConditions } from './conditions.ts';
import { applyEvent, readComment, toInstance } from './instances.ts';
import { runPrepared } from '../core/prepared-query.ts';
import { quoteTable } from '../query/sql-fragment.ts';
import { moveTo, writeWorkflowHistory, type HistoryInput, type InstanceRow, type Transition } from './transition-step.ts';
import { loadWorkflowVersion } from './workflow-versions.ts';
import { roundApprovers, type RoundApprovers } from './round-approvers.ts';
import { noticeOfRejection, noticeToPendingApprovers } from './decision-notices.ts';
import { msg } from '../core/messages/message.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';

export interface TaskView {
  id: string;
  status: string;
  workflow: string;
  object: string;
  recordId: string;
  /** The record's title when the approver may read that field. */
  title: string | null;
  /** The record's approver-facing fields the caller may read now (empty once the record is out of their reach). */
  fields: Record<string, unknown>;
  state: string;
  comment: string | null;
  delegatedFrom: string | null;
  dueAt: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** For a countersign or vote: who approved, rejected and is still pending in the task's round. */
  round: RoundApprovers | null;
}

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const missing = () => createError('NOT_FOUND', msg('task.notFound'));

/** Titles of the records behind tasks, only where the approver may read the title field. */
async function titles(rows: Record<string, unknown>[], ctx: Ctx): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const byObject = new Map<string, string[]>();
  for (const r of rows) byObject.set(String(r.object), [...(byObject.get(String(r.object)) ?? []), String(r.record_id)]);
  for (const [name, ids] of byObject) {
    const object = ctx.schema.objects.get(name);
    if (!object) continue;
    const field = object.fields.get(object.titleField);
    const readable = field && tryResolvePolicy(ctx, object, 'read', { openTasks: true })?.fieldAccess(field) !== 'none';
    if (!readable || !field?.column) continue;
    const { query } = scopedQuery(systemContext(ctx), name, 'read', { rows: 'all' });
    for (const r of await query.whereIn('t0.id', ids).select('t0.id', `t0.${field.column} as title`)) out.set(`${name}:${r.id}`, r.title === null ? null : String(r.title));
  }
  return out;
}

/**
 * The approver-facing fields of the records behind tasks, read as the caller reads them: an open task
 * lets its assignee read its record, so these are what they decide on.
 */
async function cardFields(rows: Record<string, unknown>[], ctx: Ctx): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  const byObject = new Map<string, string[]>();
  for (const r of rows) byObject.set(String(r.object), [...(byObject.get(String(r.object)) ?? []), String(r.record_id)]);
  for (const [name, ids] of byObject) {
    const object = ctx.schema.objects.get(name);
    const policy = object && tryResolvePolicy(ctx, object, 'read', { openTasks: true });
    if (!object || !policy) continue;
    const facing = approverFields(ctx.schema, object) ?? new Set([object.titleField]);
    const fields = visibleFields(object, policy).filter((f) => f.name === 'id' || (facing.has(f.name) && f.name !== '_version'));
    const { query, scope } = scopedQuery(ctx, name, 'read', { openTasks: true });
    query.whereIn('t0.id', ids).select(selectFields(ctx.db, scope, fields));
    scope.applyJoins(query);
    for (const row of await query) {
      const { id, ...values } = toApiRecord(fields, row);
      out.set(`${name}:${String(id)}`, values);
    }
  }
  return out;
}

/** The caller's queue (open tasks, or the ones they decided or passed on), newest first, with counts. */
export async function listTasks(query: { status?: string; limit?: number }, ctx: Ctx): Promise<{ data: TaskView[]; counts: { open: number; done: number } }> {
  const status = query.status ?? 'open';
  if (status !== 'open' && status !== 'done') throw createError('BAD_REQUEST', msg('task.status'), [{ path: '/status', message: msg('task.statusDetail') }]);
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 500);
  const mine = () => ctx.db('workflow_tasks as k').where((q) => q.where('k.assignee', ctx.actor.id).orWhere('k.delegated_from', ctx.actor.id));
  const rows = await mine()
    .join('workflow_instances as i', 'i.id', 'k.instance_id')
    .modify((q) => (status === 'open' ? q.where({ 'k.status': 'open', 'k.assignee': ctx.actor.id }) : q.whereNot('k.status', 'open')))
    .orderBy('k.id', 'desc')
    .limit(limit)
    .select('k.*', 'i.workflow', 'i.version', 'i.object', 'i.record_id');
  const [counts] = await ctx.db('workflow_tasks')
    .select(
      ctx.db.raw("count(*) FILTER (WHERE status = 'open' AND assignee = ?)::int AS open", [ctx.actor.id]),
      ctx.db.raw("count(*) FILTER (WHERE status <> 'open')::int AS done"),
    )
    .where((q) => q.where('assignee', ctx.actor.id).orWhere('delegated_from', ctx.actor.id));
  const titleOf = await titles(rows, ctx);
  const fieldsOf = await cardFields(rows, ctx);
  const roundOf = await roundApprovers(ctx.db, rows);
  return {
    data: rows.map((r: Record<string, unknown>) => ({
      id: String(r.id),
      status: String(r.status),
      workflow: String(r.workflow),
      object: String(r.object),
      recordId: String(r.record_id),
      title: titleOf.get(`${r.object}:${r.record_id}`) ?? null,
      fields: fieldsOf.get(`${r.object}:${r.record_id}`) ?? {},
      state: String(r.state),
      comment: (r.comment as string | null) ?? null,
      delegatedFrom: r.delegated_from === null ? null : String(r.delegated_from),
      dueAt: iso(r.due_at),
      createdAt: iso(r.created_at)!,
      decidedAt: iso(r.decided_at),
      round: roundOf.get(`${r.instance_id}:${r.round}`) ?? null,
    })),
    counts: { open: counts.open, done: counts.done },
  };
}

/** Why the caller cannot decide a task: 404 when it is not theirs, 409 when it is no longer open for them. */
async function notDecidable(taskId: string, ctx: Ctx): Promise<Error> {
  const task = await ctx.db('workflow_tasks').where({ id: taskId }).first('assignee', 'delegated_from', 'status');
  const yours = task && (String(task.assignee) === ctx.actor.id || (task.delegated_from !== null && String(task.delegated_from) === ctx.actor.id));
  if (!yours) return missing();
  const why = task.status === 'delegated' || String(task.assignee) !== ctx.actor.id ? msg('task.passedOn') : task.status === 'cancelled' ? msg('task.closedByOther') : msg('task.already', { status: task.status });
  return createError('CONFLICT', why, undefined, { status: task.status });
}

/**
 * The instance of a task, locked: every decision on an instance queues behind this lock, so of two
 * approvers deciding at once the second sees the first's outcome.
 */
async function lockInstanceOfTask(taskId: string, ctx: Ctx): Promise<InstanceRow> {
  if (!isId(taskId)) throw missing();
  const rows = await runPrepared(ctx.db, 'workflow', 'SELECT i.* FROM workflow_instances i WHERE i.id = (SELECT instance_id FROM workflow_tasks WHERE id = ?::bigint) FOR UPDATE', [taskId]);
  if (!rows.length) throw missing();
  return toInstance(rows[0]);
}

/** The caller's open task with its instance locked (409 when it is no longer open for them). */
async function lockOwnOpenTask(taskId: string, ctx: Ctx) {
  const instance = await lockInstanceOfTask(taskId, ctx);
  const task = await ctx.db('workflow_tasks').where({ id: taskId, assignee: ctx.actor.id, status: 'open' }).first();
  if (!task) throw await notDecidable(taskId, ctx);
  return { task, instance };
}

type Outcome = 'approve' | 'reject' | null;

/** Whether the round is decided: any (first decision), all (countersign), or a percentage of approvers. */
function outcomeOf(mode: Approval['mode'], decision: 'approve' | 'reject', statuses: string[]): Outcome {
  const total = statuses.length;
  const approved = statuses.filter((s) => s === 'approved').length;
  const rejected = statuses.filter((s) => s === 'rejected').length;
  if (mode === undefined || mode === 'any') return decision;
  if (mode === 'all') return rejected > 0 ? 'reject' : approved === total ? 'approve' : null;
  if (approved * 100 >= mode.percent * total) return 'approve';
  if ((total - rejected) * 100 < mode.percent * total) return 'reject';
  return null;
}

async function transitionOf(instance: InstanceRow, ctx: Ctx): Promise<Transition> {
  return { ctx, object: ctx.schema.object(instance.object), workflow: await loadWorkflowVersion(ctx.db, instance.workflow, instance.version), instance };
}

/** A state the instance passed through before, for "reject back to" that step. */
async function visitedBefore(instance: InstanceRow, state: string, ctx: Ctx): Promise<boolean> {
  const row = await ctx.db('workflow_history').where({ instance_id: instance.id }).where((q) => q.where('to_state', state).orWhere('from_state', state)).first('id');
  return row !== undefined && state !== instance.state;
}

function selfDecision(t: Transition, how: 'submitted' | 'own'): Error {
  return createError('FORBIDDEN', msg(how === 'submitted' ? 'task.selfSubmitted' : 'task.selfOwned', { object: objectLabel(t.object), workflow: t.workflow.definition.name }));
}

/** Approve or reject one task; when the round is decided, the instance moves (one transaction). */
export async function decideTask(taskId: string, decision: 'approve' | 'reject', body: unknown, ctx: Ctx): Promise<{ task: string; decided: boolean; instance: InstanceRow }> {
  const comment = readComment(body);
  const to = (body as { to?: unknown } | null)?.to;
  if (to !== undefined && (decision !== 'reject' || typeof to !== 'string')) throw createError('VALIDATION_FAILED', msg('task.rejectTo'), [{ path: '/to', message: msg('task.rejectToDetail') }]);
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const instance = await lockInstanceOfTask(taskId, tctx);
    const t = await transitionOf(instance, tctx);
    const mode = t.workflow.definition.states[instance.state]?.approval?.mode;
    const decisive = (mode === undefined || mode === 'any') && to === undefined;
    // Closing the task and (when this decision decides) testing the event's conditions: one round trip.
    // No self-approval: the submitter is known here, the owner is tested in the same statement.
    const selfAllowed = t.workflow.definition.allowSelfApproval === true;
    if (!selfAllowed && instance.submitted_by === ctx.actor.id) {
      const mine = await trx('workflow_tasks').where({ id: taskId, assignee: ctx.actor.id, status: 'open' }).first('id');
      throw mine ? selfDecision(t, 'submitted') : await notDecidable(taskId, tctx);
    }
    const notOwner = selfAllowed ? '' : ` AND NOT EXISTS (SELECT 1 FROM ${quoteTable(t.object.table)} WHERE id = ?::bigint AND _owner = ?::bigint)`;
    const close = {
      sql: `UPDATE workflow_tasks SET status = ?, comment = ?, decided_at = now() WHERE id = ?::bigint AND assignee = ?::bigint AND status = 'open'${notOwner} RETURNING id`,
      bindings: [decision === 'approve' ? 'approved' : 'rejected', comment, taskId, ctx.actor.id, ...(selfAllowed ? [] : [instance.record_id, ctx.actor.id])],
    };
    const tested = await evaluateInstanceConditions(decisive ? t.workflow.conditionsFor(instance.state, decision) : [], t.object, instance, tctx, close);
    if (!tested.changed) {
      const owned = ctx.actor.id !== null && (await selfApprovers(t.workflow.definition, t.object, instance, tctx)).has(ctx.actor.id);
      throw owned ? selfDecision(t, 'own') : await notDecidable(taskId, tctx);
    }
    if (to !== undefined && !(await visitedBefore(instance, to as string, tctx))) {
      throw createError('VALIDATION_FAILED', msg('task.notEarlierState', { state: String(to) }), [{ path: '/to', message: msg('task.earlierState') }]);
    }
    const decisionEntry: HistoryInput = { action: decision, taskId, comment, from: instance.state, to: instance.state, round: instance.round };
    let outcome: Outcome = decision;
    let earlier: HistoryInput[] = [decisionEntry];
    if (mode !== undefined && mode !== 'any') {
      // Countersign and votes: record the decision, then see whether the round is decided.
      await writeWorkflowHistory(trx, instance.id, ctx.actor.id, decisionEntry);
      earlier = [];
      const round = await trx('workflow_tasks').where({ instance_id: instance.id, round: instance.round }).whereIn('status', ['open', 'approved', 'rejected']).select('status');
      outcome = outcomeOf(mode, decision, round.map((r: { status: string }) => r.status));
    }
    const notice = { db: trx, definition: t.workflow.definition, instance, actor: String(ctx.actor.id), comment };
    if (outcome === null) {
      await noticeToPendingApprovers(notice, decision);
      return { task: taskId, decided: false, instance };
    }
    let moved: InstanceRow;
    if (outcome === 'reject' && to !== undefined) {
      const states = t.workflow.definition.states;
      const actions = [
        ...(states[instance.state].exit ?? []).map((action, i) => ({ at: `/states/${instance.state}/exit/${i}`, action })),
        ...(states[to as string].entry ?? []).map((action, i) => ({ at: `/states/${String(to)}/entry/${i}`, action })),
      ];
      moved = await moveTo(t, to as string, actions, { action: 'transition', event: 'reject' }, earlier);
    } else {
      moved = await applyEvent(t, outcome, { action: 'transition' }, earlier, decisive ? tested.verdicts : undefined);
    }
    if (outcome === 'reject') await noticeOfRejection(notice, moved.status === 'running' ? moved.state : null);
    return { task: taskId, decided: true, instance: moved };
  });
}

/** Passes an open task to another active user; recorded, and the delegate finds it in their queue. */
export async function delegateTask(taskId: string, body: unknown, ctx: Ctx): Promise<{ task: string }> {
  const to = (body as { to?: unknown } | null)?.to;
  const target = typeof to === 'number' ? String(to) : to;
  if (!isId(target)) throw createError('VALIDATION_FAILED', msg('task.delegateTo'), [{ path: '/to', message: msg('task.userId') }]);
  const comment = readComment(body);
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const { task, instance } = await lockOwnOpenTask(taskId, tctx);
    if (target === ctx.actor.id) throw createError('VALIDATION_FAILED', msg('task.notYourself'), [{ path: '/to', message: msg('task.isYou') }]);
    if (!(await isActiveUser(trx, target))) throw createError('VALIDATION_FAILED', msg('task.noActiveUser', { id: target }), [{ path: '/to', message: msg('task.notActiveUser') }]);
    if (await isPortalUser(trx, target)) throw createError('VALIDATION_FAILED', msg('task.delegateToPortalUser', { id: target }), [{ path: '/to', message: msg('task.portalUser') }]);
    const t = await transitionOf(instance, tctx);
    if ((await selfApprovers(t.workflow.definition, t.object, instance, tctx)).has(target)) {
      throw createError('VALIDATION_FAILED', msg('task.delegateToSelfApprover', { user: target, workflow: instance.workflow }), [{ path: '/to', message: msg('task.submittedOrOwns') }]);
    }
    const open = await trx('workflow_tasks').where({ instance_id: instance.id, round: instance.round, assignee: target, status: 'open' }).first('id');
    if (open) throw createError('CONFLICT', msg('task.alreadyHasTask'));
    await trx('workflow_tasks').where({ id: task.id }).update({ status: 'delegated', comment, decided_at: trx.fn.now() });
    const [created] = await trx('workflow_tasks')
      .insert({ instance_id: instance.id, state: task.state, round: task.round, assignee: target, status: 'open', due_at: task.due_at, delegated_from: ctx.actor.id })
      .returning('id');
    await writeWorkflowHistory(trx, instance.id, ctx.actor.id, { action: 'delegate', taskId: String(task.id), comment: comment ?? `to user ${target}`, from: instance.state, to: instance.state, round: instance.round });
    return { task: String(created.id) };
  });
}
