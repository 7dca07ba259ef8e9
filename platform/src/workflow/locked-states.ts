import type { Ctx } from '../core/ctx.ts';
import type { RecordLock } from '../core/ports.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { loadWorkflowVersion } from './workflow-versions.ts';

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
