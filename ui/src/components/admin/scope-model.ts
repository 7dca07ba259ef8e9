import type { Scope, SingleScope } from '@/api/types';

export const SCOPE_KINDS = ['own', 'subordinates', 'department', 'department_tree', 'all'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** A scope split into the builder's parts: the named kinds and at most one filter. */
export interface ScopeParts {
  kinds: ScopeKind[];
  filter: Record<string, unknown> | undefined;
}

export function scopeParts(scope: Scope | undefined): ScopeParts {
  const items: SingleScope[] = scope === undefined ? [] : Array.isArray(scope) ? scope : [scope];
  const kinds = items.filter((i): i is ScopeKind => typeof i === 'string');
  const filter = items.find((i): i is { filter: Record<string, unknown> } => typeof i === 'object')?.filter;
  return { kinds, filter };
}

/** The parts back as a scope: one item alone, several as their union; undefined when empty (the role's default applies). */
export function scopeOf(parts: ScopeParts): Scope | undefined {
  const items: SingleScope[] = [...parts.kinds, ...(parts.filter ? [{ filter: parts.filter }] : [])];
  if (items.length === 0) return undefined;
  return items.length === 1 ? items[0] : items;
}
