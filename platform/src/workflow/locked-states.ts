import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import { msg } from '../core/messages/message.ts';
import type { ObjectInfo } from '../metadata/snapshot-types.ts';
import { loadWorkflowVersion } from './workflow-versions.ts';

export interface RecordLock {
  /** The workflow whose locked state the record rests in; a change starts it again. */
  workflow: string;
  state: string;
  /** The states of that workflow in which a re-approved change applies. */
  lockedStates: string[];
  /** Only these fields wait for re-approval (the state's `lockedFields`); absent: every field. */
  fields?: string[];
}

/** Whether the acting user is held by locked states (the system and superusers are not). */
export const heldByLocks = (ctx: Ctx) => ctx.actor.kind === 'user' && !ctx.actor.superuser;

/**
 * The lock on a record resting in a `"locked": true` state of its workflow (an approved expense
 * claim, say): its latest instance ended in that state and the record's `_state` still says so.
 * Workflows of the object that declare no locked state of that name cost no query.
 */
export async function recordLock(object: ObjectInfo, row: Record<string, unknown>, ctx: Ctx): Promise<RecordLock | null> {
  const state = (row._state as string | null | undefined) ?? null;
  if (state === null) return null;
  const declared = [...ctx.schema.workflows.values()].some((w) => w.definition.object === object.name && w.definition.states[state]?.locked === true);
  if (!declared) return null;
  const latest = await ctx.db('workflow_instances').where({ object: object.name, record_id: String(row.id) }).orderBy('id', 'desc').first('workflow', 'version', 'state', 'status');
  if (!latest || latest.status !== 'done' || latest.state !== state) return null;
  const { definition } = await loadWorkflowVersion(ctx.db, latest.workflow, Number(latest.version));
  if (definition.states[state]?.locked !== true) return null;
  const lockedStates = Object.entries(definition.states).filter(([, s]) => s.locked === true).map(([name]) => name);
  const fields = definition.states[state]?.lockedFields;
  return { workflow: String(latest.workflow), state, lockedStates, ...(fields ? { fields } : {}) };
}

/** Delete and transfer of a locked record are refused for everyone but superusers and the system. */
export async function refuseWhileLocked(object: ObjectInfo, row: Record<string, unknown>, operation: 'delete' | 'transfer', ctx: Ctx): Promise<void> {
  if (!heldByLocks(ctx)) return;
  const lock = await recordLock(object, row, ctx);
  if (!lock) return;
  throw createError('FORBIDDEN', msg(operation === 'delete' ? 'workflow.lockedNoDelete' : 'workflow.lockedNoTransfer', { object: objectLabel(object), workflow: lock.workflow, state: lock.state }));
}
