import type { FieldAccessMap, ObjectGrant } from '../generated/role.ts';
import type { FieldInfo } from '../core/snapshot-types.ts';

export type FieldAccess = 'none' | 'read' | 'write';

const RANK: Readonly<Record<FieldAccess, number>> = { none: 0, read: 1, write: 2 };

export const moreOf = (a: FieldAccess, b: FieldAccess): FieldAccess => (RANK[a] >= RANK[b] ? a : b);
export const lessOf = (a: FieldAccess, b: FieldAccess): FieldAccess => (RANK[a] <= RANK[b] ? a : b);

/** The record's identity and version are what every answer is keyed by: always readable. */
const ALWAYS_READABLE: ReadonlySet<string> = new Set(['id', '_version']);

const entryOf = (map: FieldAccessMap | undefined, field: FieldInfo): FieldAccess | undefined => map?.[field.name] ?? map?.['*'];

/** One role's access to a field: its own entry, else `*`, else write; a state's map can only lower it. */
export function roleFieldAccess(grant: ObjectGrant, field: FieldInfo, state: string | null): FieldAccess {
  let access = entryOf(grant.fields, field) ?? 'write';
  if (state !== null) {
    const cap = entryOf(grant.states?.[state]?.fields, field);
    if (cap) access = lessOf(access, cap);
  }
  return ALWAYS_READABLE.has(field.name) ? moreOf(access, 'read') : access;
}

/** Across roles the most generous access wins. */
export function unionFieldAccess(grants: readonly ObjectGrant[], field: FieldInfo, state: string | null): FieldAccess {
  let best: FieldAccess = 'none';
  for (const grant of grants) {
    best = moreOf(best, roleFieldAccess(grant, field, state));
    if (best === 'write') break;
  }
  return best;
}

/** The states some role caps fields in: the only states in which field access can differ from the base. */
export function statesWithFieldCaps(grants: readonly ObjectGrant[]): string[] {
  const states = new Set<string>();
  for (const grant of grants) {
    for (const [name, state] of Object.entries(grant.states ?? {})) if (state.fields) states.add(name);
  }
  return [...states].sort();
}
