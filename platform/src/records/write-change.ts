import type { Knex } from 'knex';
import { withDb, type Ctx } from '../core/ctx.ts';
import { withRolledBackWrites } from '../core/rolled-back.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { gatedChange } from './gated-edits.ts';
import type { LockedRecord } from './locked-record.ts';
import { lockHolding, workflowPort } from './record-locks.ts';
import type { RecordData } from './record-shape.ts';
import { applyUpdate, type ApplyChange } from './update-record.ts';
import { refuseWorkflowOwnedValues } from './workflow-owned-values.ts';

/** A change (or part of one) that waits for a workflow instead of being written. */
export interface PendingChange {
  fields: Record<string, unknown>;
  workflow: string;
  instance: string;
  state: string;
}

interface HeldPart {
  pending: Record<string, unknown>;
  direct: Record<string, unknown>;
  workflow: string;
  applyIn: string[] | undefined;
}

/** What of a change waits, and for which workflow: all of it on a locked record, else a gate's fields. */
async function heldPart(object: ObjectInfo, row: RecordData, values: Record<string, unknown>, ctx: Ctx): Promise<HeldPart | null> {
  if (Object.keys(values).length) {
    const lock = await lockHolding(object, row, ctx);
    if (lock && !lock.fields) return { pending: values, direct: {}, workflow: lock.workflow, applyIn: lock.lockedStates };
    if (lock?.fields) {
      const held = Object.keys(values).filter((name) => lock.fields!.includes(name));
      if (held.length) {
        const pending = Object.fromEntries(held.map((name) => [name, values[name]]));
        const direct = Object.fromEntries(Object.entries(values).filter(([name]) => !lock.fields!.includes(name)));
        return { pending, direct, workflow: lock.workflow, applyIn: lock.lockedStates };
      }
    }
  }
  const split = gatedChange(object, ctx.actor, values);
  return split && { pending: split.pending, direct: split.direct, workflow: split.gate.workflow, applyIn: split.gate.applyIn };
}

/**
 * The only way a caller's change reaches a locked record row (update, revert, merge, and pack code
 * through the record service, which calls update). A record resting in a locked workflow state
 * (an approved claim) holds the whole change for a new round of that workflow; otherwise the
 * object's approval gates hold their fields for their workflow and the rest applies at once. The
 * system (a workflow's own writes, an approved change being applied) and superusers are never held.
 * Nobody else may set a value that only a workflow sets after its approval (workflow-owned-values.ts).
 * Returns the held part, or null when everything was written.
 */
export async function writeChange(trx: Knex, locked: LockedRecord, change: ApplyChange, ctx: Ctx): Promise<PendingChange | null> {
  const tctx = withDb(ctx, trx);
  const { object } = locked;
  refuseWorkflowOwnedValues(object, locked.row, change.values, tctx);
  const gated = await heldPart(object, locked.row, change.values, tctx);
  if (!gated) {
    await applyUpdate(locked, change, tctx);
    return null;
  }
  // A change that could never be applied (a validation rule, the caller's scope) is refused now, not at approval.
  await withRolledBackWrites(trx, (sp) => applyUpdate(locked, { ...change, values: { ...gated.direct, ...gated.pending } }, withDb(ctx, sp)));
  // R16: held values wait for the workflow; everyone keeps seeing the old ones meanwhile.
  if (Object.keys(gated.direct).length || change.extraHistory?.length) await applyUpdate(locked, { ...change, values: gated.direct }, tctx);
  const instance = await workflowPort(tctx).holdForApproval(tctx, object, locked.id, gated.workflow, { pendingChange: gated.pending, applyIn: gated.applyIn });
  return { fields: gated.pending, workflow: instance.workflow, instance: instance.id, state: instance.state };
}
