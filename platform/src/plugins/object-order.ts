import type { Field, ObjectDefinition } from '../generated/object.ts';

/**
 * Object definitions ordered so that an object comes after the objects its lookups point at, where
 * possible (a cycle is broken by deferring lookups: see withoutMissingTargets). Used by pack installs
 * and configuration imports.
 */
export function orderByLookups<T>(items: readonly T[], definitionOf: (item: T) => Record<string, unknown>): T[] {
  const byName = new Map(items.map((i) => [String(definitionOf(i).name), i]));
  const ordered: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.has(name)) return; // done, or a cycle: broken by deferring lookups
    state.set(name, 'visiting');
    const item = byName.get(name)!;
    for (const f of ((definitionOf(item).fields ?? []) as Field[])) if (f.type === 'lookup' && f.target && byName.has(f.target) && f.target !== name) visit(f.target);
    state.set(name, 'done');
    ordered.push(item);
  };
  for (const name of byName.keys()) visit(name);
  return ordered;
}

/**
 * A first version of a new object that leaves out lookups to objects that do not exist yet (and
 * everything that may refer to fields: formulas, rules, history); the full definition follows.
 * Null when nothing needs to be left out.
 */
export function withoutMissingTargets(definition: ObjectDefinition, existing: ReadonlyMap<string, unknown>): ObjectDefinition | null {
  const missing = (f: Field) => f.type === 'lookup' && f.target !== undefined && f.target !== definition.name && !existing.has(f.target);
  if (!definition.fields.some(missing)) return null;
  const fields = definition.fields.filter((f) => !missing(f) && f.type !== 'formula');
  const { name, label, pluralLabel, description, icon, titleField } = definition;
  return {
    name, fields,
    ...(label ? { label } : {}), ...(pluralLabel ? { pluralLabel } : {}), ...(description ? { description } : {}), ...(icon ? { icon } : {}),
    ...(titleField && fields.some((f) => f.name === titleField) ? { titleField } : {}),
  };
}
