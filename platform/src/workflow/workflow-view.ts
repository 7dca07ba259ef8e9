import type { Ctx } from '../core/ctx.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { requireReadableRow } from '../permissions/readable-row.ts';
import { workflowGraph } from '../metadata/workflow-shape.ts';
import type { InstanceRow } from './transition-step.ts';
import { loadWorkflowVersion } from './workflow-versions.ts';
import { slaViews, type SlaView } from './sla-clock.ts';

type Timestamp = Date | string;
const isoTime = (v: Timestamp) => new Date(v).toISOString();
const iso = (v: Timestamp | null | undefined) => (v === null || v === undefined ? null : isoTime(v));
const idOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

interface HistoryRow {
  id: string | number;
  action: string;
  event: string | null;
  from_state: string | null;
  to_state: string | null;
  actor: string | number | null;
  actor_name: string | null;
  comment: string | null;
  task_id: string | number | null;
  at: Timestamp;
}

interface OpenTaskRow {
  id: string | number;
  state: string;
  assignee: string | number;
  assignee_name: string;
  due_at: Timestamp | null;
  created_at: Timestamp;
}

/** One step of an instance's history, oldest first. */
export interface WorkflowHistoryItem {
  id: string;
  action: string;
  event: string | null;
  from: string | null;
  to: string | null;
  actor: { id: string; name: string } | null;
  comment: string | null;
  task: string | null;
  at: string;
}

export interface RecordWorkflowView {
  instance: {
    id: string;
    workflow: string;
    version: number;
    state: string;
    status: InstanceRow['status'];
    submittedBy: string | null;
    startedAt: string;
    finishedAt: string | null;
    /** The proposed values of an approval-gated edit that the caller may read. */
    pendingChange: Record<string, unknown> | null;
    applyIn: string[] | null;
  } | null;
  history: WorkflowHistoryItem[];
  /** The open tasks. */
  tasks: { id: string; state: string; assignee: { id: string; name: string }; dueAt: string | null; createdAt: string }[];
  graph: (ReturnType<typeof workflowGraph> & { current: string }) | null;
  /** Active workflows of the record's object. */
  available: string[];
  /** The latest instance's SLA clocks that have started. */
  slas: SlaView[];
}

/**
 * A record's workflow as its readers see it: the latest instance (state, version, status), its full
 * history, the open tasks with their assignees, and the machine as nodes and edges; plus the active
 * workflows it could be submitted to.
 */
export async function workflowView(objectName: string, id: string, ctx: Ctx): Promise<RecordWorkflowView> {
  const { object, policy } = scopedQuery(ctx, objectName, 'read', { openTasks: true });
  const record = await requireReadableRow(objectName, id, ctx, ['id', '_state']);
  const available = [...ctx.schema.workflows.values()].filter((w) => w.definition.object === object.name && w.definition.active !== false).map((w) => w.definition.name);
  const instance = await ctx.db('workflow_instances').where({ object: object.name, record_id: record.id }).orderBy('id', 'desc').first();
  if (!instance) return { instance: null, history: [], tasks: [], graph: null, available, slas: [] };
  const workflow = await loadWorkflowVersion(ctx.db, instance.workflow, instance.version);
  const history = await ctx.db('workflow_history as h').leftJoin('users as u', 'u.id', 'h.actor').where('h.instance_id', instance.id).orderBy('h.id').select('h.*', 'u.name as actor_name');
  const tasks = await ctx.db('workflow_tasks as k').join('users as u', 'u.id', 'k.assignee').where({ 'k.instance_id': instance.id, 'k.status': 'open' }).orderBy('k.id').select('k.*', 'u.name as assignee_name');
  return {
    instance: {
      id: String(instance.id),
      workflow: instance.workflow,
      version: instance.version,
      state: instance.state,
      status: instance.status,
      submittedBy: idOrNull(instance.submitted_by),
      startedAt: isoTime(instance.started_at),
      finishedAt: iso(instance.finished_at),
      // Hidden fields never leave the server, proposed values included: hidden as the record's current state hides them.
      pendingChange: instance.pending_change ? Object.fromEntries(Object.entries(instance.pending_change as Record<string, unknown>).filter(([name]) => {
        const field = object.fields.get(name);
        return field !== undefined && policy.fieldAccessIn(field, (record._state as string | null) ?? null) !== 'none';
      })) : null,
      applyIn: instance.pending_change ? (instance.apply_in ?? ['approved']) : null,
    },
    history: history.map((h: HistoryRow) => ({
      id: String(h.id),
      action: h.action,
      event: h.event ?? null,
      from: h.from_state ?? null,
      to: h.to_state ?? null,
      actor: h.actor === null ? null : { id: String(h.actor), name: String(h.actor_name) },
      comment: h.comment ?? null,
      task: idOrNull(h.task_id),
      at: isoTime(h.at),
    })),
    tasks: tasks.map((k: OpenTaskRow) => ({ id: String(k.id), state: k.state, assignee: { id: String(k.assignee), name: String(k.assignee_name) }, dueAt: iso(k.due_at), createdAt: isoTime(k.created_at) })),
    graph: { ...workflowGraph(workflow.definition), current: instance.state },
    available,
    slas: await slaViews(String(instance.id), workflow.definition.slas ?? [], ctx),
  };
}
