import type { Actor } from '../core/ctx.ts';
import type { GatedEdit } from '../generated/object.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';

export interface GatedChange {
  gate: GatedEdit;
  /** The values held back for approval. */
  pending: Record<string, unknown>;
  /** The values that apply at once. */
  direct: Record<string, unknown>;
}

/**
 * Splits an update by an approval gate (R16): values of the gate's fields written by a holder of one
 * of its roles wait for the gate's workflow; superusers and the system are never gated. The first
 * gate that matches decides.
 */
export function gatedChange(object: ObjectInfo, actor: Actor, values: Record<string, unknown>): GatedChange | null {
  if (actor.kind !== 'user' || actor.superuser) return null;
  for (const gate of object.definition.gatedEdits ?? []) {
    if (!gate.roles.some((role) => actor.roles.includes(role))) continue;
    const held = Object.keys(values).filter((name) => gate.fields.includes(name));
    if (!held.length) continue;
    const pending = Object.fromEntries(held.map((name) => [name, values[name]]));
    const direct = Object.fromEntries(Object.entries(values).filter(([name]) => !gate.fields.includes(name)));
    return { gate, pending, direct };
  }
  return null;
}
