import type { Knex } from 'knex';
import { clockOf, systemContext, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { Action, LocalizedText } from '../generated/workflow.ts';
import { SEND_MAIL_JOB, type MailJob } from '../jobs/mailer.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { runPrepared } from '../core/prepared-query.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { createRecord } from '../records/create-record.ts';
import { checkFieldValue } from '../records/field-values.ts';
import { lockRecord, type LockedRecord } from '../records/locked-record.ts';
import { recordStateUpdate } from '../records/record-writer.ts';
import { applyUpdate } from '../records/update-record.ts';
import { resolveApprovers, selfApprovers } from './approvers.ts';
import { notifyUsers } from './notifications.ts';
import { recordPathValue } from './record-path-value.ts';
import type { CompiledWorkflow, PlannedAction } from './compile-workflow.ts';
import { WORKFLOW_WEBHOOK_JOB, type WebhookJob } from './webhooks.ts';
import { approversOf, isFinal } from '../metadata/workflow-shape.ts';
import { msg, renderMessage } from '../core/messages/message.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import { workflowMoves } from '../core/observers.ts';
import { slaTime, updateSlas } from './sla-clock.ts';
import { durationMs } from './business-time.ts';

export interface InstanceRow {
  id: string;
  workflow: string;
  version: number;
  object: string;
  record_id: string;
  state: string;
  status: 'running' | 'done' | 'recalled';
  submitted_by: string | null;
  round: number;
  pending_change: Record<string, unknown> | null;
  apply_in: string[] | null;
}

/** Everything one transition works with; `ctx.db` is the transition's transaction. */
export interface Transition {
  ctx: Ctx;
  object: ObjectInfo;
  workflow: CompiledWorkflow;
  instance: InstanceRow;
}

export interface HistoryInput {
  action: 'submit' | 'transition' | 'approve' | 'reject' | 'recall' | 'delegate' | 'escalate' | 'remind' | 'sla_pause' | 'sla_resume' | 'sla_met' | 'sla_breach';
  /** The instance's round (visit counter) the entry belongs to. */
  round?: number;
  event?: string | null;
  from?: string | null;
  to?: string | null;
  comment?: string | null;
  taskId?: string | null;
}

const HISTORY_COLUMNS = ['instance_id', 'action', 'round', 'event', 'from_state', 'to_state', 'actor', 'task_id', 'comment'] as const;

function historyValues(instanceId: string, actor: string | null, entry: HistoryInput): unknown[] {
  return [instanceId, entry.action, entry.round ?? null, entry.event ?? null, entry.from ?? null, entry.to ?? null, actor, entry.taskId ?? null, entry.comment ?? null];
}

/** `INSERT INTO workflow_history … VALUES (…), (…)` for the given entries, as SQL and bindings. */
function historyInsert(instanceId: string, actor: string | null, entries: readonly HistoryInput[]): { sql: string; bindings: unknown[] } {
  const row = `(${HISTORY_COLUMNS.map((c) => (c === 'instance_id' || c === 'actor' || c === 'task_id' ? '?::bigint' : c === 'round' ? '?::int' : '?')).join(', ')})`;
  return {
    sql: `INSERT INTO workflow_history (${HISTORY_COLUMNS.join(', ')}) VALUES ${entries.map(() => row).join(', ')}`,
    bindings: entries.flatMap((e) => historyValues(instanceId, actor, e)),
  };
}

export async function writeWorkflowHistory(db: Knex, instanceId: string, actor: string | null, entry: HistoryInput): Promise<void> {
  const insert = historyInsert(instanceId, actor, [entry]);
  await db.raw(insert.sql, insert.bindings as Knex.RawBinding[]);
}

/** The workflow's record, locked for the workflow's own writes (in the recycle bin too). */
function lockWorkflowRecord(t: Transition): Promise<LockedRecord> {
  return lockRecord(t.object.name, t.instance.record_id, 'update', systemContext(t.ctx), 'all');
}

/** Writes field values the workflow owns (an SLA's due moment) through the record service, as the workflow. */
export async function writeRecordValues(t: Transition, values: Record<string, unknown>): Promise<void> {
  await applyUpdate(await lockWorkflowRecord(t), { values, action: 'update' }, systemContext(t.ctx));
}

/** `{"$field": path}` values copy from the record the workflow moves. */
async function copiedValues(t: Transition, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const path = typeof value === 'object' && value !== null && '$field' in value ? (value as { $field: string }).$field : null;
    if (path === null) {
      out[name] = value;
      continue;
    }
    out[name] = (await recordPathValue(t.object, t.instance.record_id, path, t.ctx)).value;
  }
  return out;
}

/**
 * Record changes run inside the transition's transaction (so they commit or fail with it), through the
 * record service with history and validation rules, as the workflow rather than as the user.
 */
async function runAction(t: Transition, planned: PlannedAction, from: string | null): Promise<void> {
  const action: Action = planned.action;
  const system = systemContext(t.ctx);
  if ('run' in action) {
    if (!t.ctx.registry) throw new Error('Registered workflow actions need the pack registry.');
    const registered = t.ctx.registry.workflowAction(action.run);
    if (!registered) throw createError('CONFLICT', msg('workflow.actionGone', { action: action.run }));
    await registered.run(action.params ?? {}, { db: t.ctx.db, ctx: system, object: t.object, recordId: t.instance.record_id, workflow: t.workflow.definition.name, from: from ?? t.instance.state, state: t.instance.state });
  } else if ('set' in action) {
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(action.set)) {
      const checked = checkFieldValue(t.object.fields.get(name)!, value);
      if (checked.ok) values[name] = checked.value;
    }
    await applyUpdate(await lockWorkflowRecord(t), { values, action: 'update' }, system);
  } else if ('createRecord' in action) {
    const values = await copiedValues(t, action.createRecord.values);
    // The new record belongs to the source record's owner; it goes in with its INSERT.
    const source = await scopedQuery(system, t.object.name, 'read', { rows: 'all' }).query.where('t0.id', t.instance.record_id).first('t0._owner', 't0._department');
    await createRecord(action.createRecord.object, values, system, { _owner: source._owner, _department: source._department, _created_by: t.ctx.actor.id });
  } else if ('notify' in action) {
    const users = await resolveApprovers(approversOf(action.notify.to), t.object, t.instance.record_id, t.ctx);
    await notifyUsers(t.ctx.db, users, action.notify.message, t.object.name, t.instance.record_id);
    if (users.length && action.notify.email) await mailNotification(t, users, action.notify.message);
  } else {
    if (!t.ctx.jobs) throw new Error('Webhook actions need the job queue.');
    const payload = {
      workflow: t.workflow.definition.name, version: t.workflow.version, instance: t.instance.id, object: t.object.name,
      recordId: t.instance.record_id, from: from ?? t.instance.state, state: t.instance.state, at: new Date().toISOString(),
    };
    await t.ctx.jobs.send(WORKFLOW_WEBHOOK_JOB, { url: action.webhook.url, headers: action.webhook.headers, payload } satisfies WebhookJob, { db: t.ctx.db, retryLimit: 5 });
  }
}

/**
 * A notification also by mail, in each user's language, as a job written in this transaction (sent
 * only if the step commits). Without SMTP configured there is no mail handler and only the in-app
 * notification remains.
 */
async function mailNotification(t: Transition, users: string[], message: LocalizedText): Promise<void> {
  if (!t.ctx.jobs?.handles(SEND_MAIL_JOB)) return;
  const recipients = await t.ctx.db('users').whereIn('id', users).whereNotNull('email').select('email', 'language');
  for (const r of recipients as { email: string; language: 'en' | 'zh-CN' | null }[]) {
    const lang = r.language ?? 'en';
    const text = message[lang] ?? message.en ?? message['zh-CN'] ?? '';
    const footer = renderMessage(msg('workflow.mailFooter', { object: objectLabel(t.object), id: t.instance.record_id }), lang);
    await t.ctx.jobs.send(SEND_MAIL_JOB, { to: r.email, subject: text.slice(0, 120), text: `${text}\n\n${footer}` } satisfies MailJob, { db: t.ctx.db, retryLimit: 5 });
  }
}

/** Opens one task per approver of an approval state (never the submitter or owner, unless allowed); a state nobody can approve is refused. */
export async function openTasks(t: Transition, state: string, round: number): Promise<void> {
  const approval = t.workflow.definition.states[state]?.approval;
  if (!approval) return;
  const excluded = await selfApprovers(t.workflow.definition, t.object, t.instance, t.ctx);
  const assignees = (await resolveApprovers(approversOf(approval.approvers), t.object, t.instance.record_id, t.ctx)).filter((id) => !excluded.has(id));
  if (!assignees.length) {
    const message = excluded.size ? msg('workflow.noActiveApproverOtherThanOwner', { state }) : msg('workflow.noActiveApprover', { state });
    throw createError('VALIDATION_FAILED', message, [{ path: `/states/${state}/approval/approvers`, message: excluded.size ? msg('workflow.noActiveUserOtherThanOwner') : msg('workflow.noActiveUser') }]);
  }
  const due = approval.dueIn ? t.ctx.db.raw('now() + ?::interval', [approval.dueIn]) : null;
  await t.ctx.db('workflow_tasks').insert(assignees.map((assignee) => ({ instance_id: t.instance.id, state, round, assignee, status: 'open', due_at: due })));
}

/**
 * Moves the instance and its record to `target` in the current transaction: open tasks of the old
 * state are cancelled, the record's `_state` follows, the step is recorded, the planned actions run
 * in order, and an approval state gets its tasks.
 */
export async function moveTo(t: Transition, target: string, actions: readonly PlannedAction[], entry: HistoryInput, earlier: readonly HistoryInput[] = []): Promise<InstanceRow> {
  const db = t.ctx.db;
  const final = isFinal(t.workflow.definition.states[target]);
  const round = t.instance.round + 1;
  // One statement: cancel the old state's tasks, move the instance and the record, record the step
  // (after any entries the caller had to write, such as the decision that caused it).
  const history = historyInsert(t.instance.id, t.ctx.actor.id, [...earlier, { ...entry, from: t.instance.state, to: target, round }]);
  const record = recordStateUpdate(t.object, t.instance.record_id, target, t.ctx);
  await runPrepared(
    db,
    `schema@${t.ctx.schema.version}`,
    `WITH cancelled AS (UPDATE workflow_tasks SET status = 'cancelled', decided_at = now() WHERE instance_id = ?::bigint AND status = 'open'),
          moved AS (UPDATE workflow_instances SET state = ?, status = ?, round = ?::int, updated_at = now(),
                           finished_at = CASE WHEN ?::boolean THEN now() END WHERE id = ?::bigint),
          record AS (${record.sql})
     ${history.sql}`,
    [t.instance.id, target, final ? 'done' : 'running', round, final, t.instance.id, ...record.bindings, ...history.bindings],
  );
  workflowMoves.emit({ workflow: t.workflow.definition.name, event: entry.event ?? null, from: t.instance.state, to: target });
  // A proposed change sent back to the start (rejected) is discarded, like one whose workflow ends elsewhere.
  const discard = t.instance.pending_change !== null && target === t.workflow.definition.initial;
  if (discard) await db('workflow_instances').where({ id: t.instance.id }).update({ pending_change: null, apply_in: null });
  const moved: InstanceRow = { ...t.instance, state: target, status: final ? 'done' : 'running', round, ...(discard ? { pending_change: null, apply_in: null } : {}) };
  const next = { ...t, instance: moved };
  for (const planned of actions) await runAction(next, planned, t.instance.state);
  if (final && t.instance.pending_change && (t.instance.apply_in ?? ['approved']).includes(target)) await applyPendingChange(next);
  if (!final) await enterState(next);
  await updateSlas(next, entry.action === 'submit');
  return moved;
}

/**
 * An approval-gated edit that the workflow approved: written through the record service, with history
 * in the name of the user who proposed it, as if they had saved it now.
 */
async function applyPendingChange(t: Transition): Promise<void> {
  const change = { values: t.instance.pending_change!, action: 'update' as const, onBehalfOf: t.instance.submitted_by };
  await applyUpdate(await lockWorkflowRecord(t), change, systemContext(t.ctx));
}

/**
 * What a state asks for on entry besides its actions: approval tasks, and its timeout as a job written
 * in this transaction (it fires only if the move commits, and is ignored if the record has moved on).
 */
export async function enterState(t: Transition): Promise<void> {
  const { state, round } = t.instance;
  await openTasks(t, state, round);
  const timeout = t.workflow.definition.states[state]?.timeout;
  if (!timeout) return;
  if (!t.ctx.jobs) throw new Error('Workflow timeouts need the job queue.');
  // On a calendar, `after` is working time from now on the app's clock; otherwise the database's interval arithmetic.
  const startAfter = timeout.calendar
    ? (await slaTime(t.ctx.db, timeout.calendar)).add(clockOf(t.ctx), durationMs(timeout.after) ?? 0)
    : new Date((await t.ctx.db.raw('SELECT now() + ?::interval AS at', [timeout.after])).rows[0].at);
  await t.ctx.jobs.send(WORKFLOW_TIMEOUT_JOB, { instance: t.instance.id, state, round } satisfies TimeoutJob, { db: t.ctx.db, startAfter });
}

export const WORKFLOW_TIMEOUT_JOB = 'workflow.timeout';

export interface TimeoutJob {
  instance: string;
  state: string;
  round: number;
}
