import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import { msg } from '../core/messages/message.ts';
import type { RecordLock, WorkflowPort } from '../core/ports.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';

/** Whether the acting user is held by locked states (the system and superusers are not). */
export const heldByLocks = (ctx: Ctx) => ctx.actor.kind === 'user' && !ctx.actor.superuser;

/** The context's workflow port; a user's write without one would skip locks, so that is a bug, not a default. */
export function workflowPort(ctx: Ctx): WorkflowPort {
  if (!ctx.workflow) throw new Error('A user context without the workflow port cannot write records.');
  return ctx.workflow;
}

/** The workflow lock on a record the acting user is held by, or null. */
export async function lockHolding(object: ObjectInfo, row: Record<string, unknown>, ctx: Ctx): Promise<RecordLock | null> {
  return heldByLocks(ctx) ? workflowPort(ctx).recordLock(object, row, ctx) : null;
}

/** Delete and transfer of a locked record are refused for everyone but superusers and the system. */
export async function refuseWhileLocked(object: ObjectInfo, row: Record<string, unknown>, operation: 'delete' | 'transfer', ctx: Ctx): Promise<void> {
  const lock = await lockHolding(object, row, ctx);
  if (!lock) return;
  throw createError('FORBIDDEN', msg(operation === 'delete' ? 'workflow.lockedNoDelete' : 'workflow.lockedNoTransfer', { object: objectLabel(object), workflow: lock.workflow, state: lock.state }));
}
