import type { Ctx } from '../core/ctx.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { requireReadableRow } from '../permissions/readable-row.ts';
import { workflowGraph } from '../metadata/workflow-shape.ts';
import { loadWorkflowVersion } from './workflow-versions.ts';

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const idOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * A record's workflow as its readers see it: the latest instance (state, version, status), its full
 * history, the open tasks with their assignees, and the machine as nodes and edges; plus the active
 * workflows it could be submitted to.
 */
export async function workflowView(objectName: string, id: string, ctx: Ctx) {
  const { object, policy } = scopedQuery(ctx, objectName, 'read', { openTasks: true });
  const record = await requireReadableRow(objectName, id, ctx, ['id', '_state']);
  const available = [...ctx.schema.workflows.values()].filter((w) => w.definition.object === object.name && w.definition.active !== false).map((w) => w.definition.name);
  const instance = await ctx.db('workflow_instances').where({ object: object.name, record_id: record.id }).orderBy('id', 'desc').first();
  if (!instance) return { instance: null, history: [], tasks: [], graph: null, available };
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
      startedAt: iso(instance.started_at),
      finishedAt: iso(instance.finished_at),
      // Hidden fields never leave the server, proposed values included: hidden as the record's current state hides them.
      pendingChange: instance.pending_change ? Object.fromEntries(Object.entries(instance.pending_change as Record<string, unknown>).filter(([name]) => {
        const field = object.fields.get(name);
        return field !== undefined && policy.fieldAccessIn(field, (record._state as string | null) ?? null) !== 'none';
      })) : null,
      applyIn: instance.pending_change ? (instance.apply_in ?? ['approved']) : null,
    },
    history: history.map((h: Record<string, unknown>) => ({
      id: String(h.id),
      action: h.action,
      event: h.event ?? null,
      from: h.from_state ?? null,
      to: h.to_state ?? null,
      actor: h.actor === null ? null : { id: String(h.actor), name: String(h.actor_name) },
      comment: h.comment ?? null,
      task: idOrNull(h.task_id),
      at: iso(h.at),
    })),
    tasks: tasks.map((k: Record<string, unknown>) => ({ id: String(k.id), state: k.state, assignee: { id: String(k.assignee), name: String(k.assignee_name) }, dueAt: iso(k.due_at), createdAt: iso(k.created_at) })),
    graph: { ...workflowGraph(workflow.definition), current: instance.state },
    available,
  };
}
