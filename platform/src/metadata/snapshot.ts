import { createError } from '../core/errors.ts';
import type { ObjectDefinition } from '../generated/object.ts';
import type { RoleDocument } from '../generated/role.ts';
import { constraintName, recordTable } from './naming.ts';
import { BUILT_IN_OBJECTS, SYSTEM_FIELDS } from './system-fields.ts';
import type { FieldInfo, GuardedConstraint, IncomingLookup, ObjectInfo, SchemaSnapshot, StoredWorkflow } from '../core/snapshot-types.ts';
import { msg } from '../core/messages/message.ts';

export interface StoredDefinition {
  definition: ObjectDefinition;
  version: number;
}

export function enumValues(options: ObjectDefinition['fields'][number]['options']): string[] {
  return (options ?? []).map((o) => (typeof o === 'string' ? o : o.value));
}

function compileObject(stored: StoredDefinition): ObjectInfo {
  const def = stored.definition;
  const customFields: FieldInfo[] = def.fields.map((f) => ({
    name: f.name,
    type: f.type,
    label: f.label ?? { en: f.name },
    system: false,
    column: f.type === 'formula' ? null : f.name,
    ...(f.type === 'lookup' ? { target: f.target } : {}),
    ...(f.type === 'formula' ? { returns: f.returns, expression: f.expression } : {}),
    ...(f.type === 'enum' || f.type === 'multienum' ? { options: enumValues(f.options) } : {}),
    definition: f,
  }));
  const fields = new Map<string, FieldInfo>();
  for (const f of [...SYSTEM_FIELDS, ...customFields]) fields.set(f.name, f);
  const firstText = customFields.find((f) => f.type === 'text');
  return Object.freeze({
    name: def.name,
    label: def.label ?? { en: def.name },
    system: false,
    table: recordTable(def.name),
    version: stored.version,
    definition: def,
    fields,
    customFields,
    titleField: def.titleField ?? firstText?.name ?? 'id',
    history: new Set(def.history ?? []),
  });
}

/** Unique indexes and lookup foreign keys, by the names the schema compiler gives them. */
function constraintsOf(def: ObjectDefinition) {
  const out: [string, GuardedConstraint][] = [];
  for (const f of def.fields) {
    if (f.unique && f.type !== 'formula') out.push([constraintName('uq', def.name, [f.name]), { object: def.name, fields: [f.name], kind: 'unique' }]);
    if (f.type === 'lookup') out.push([constraintName('fk', def.name, [f.name]), { object: def.name, fields: [f.name], kind: 'lookup' }]);
  }
  for (const group of def.unique ?? []) {
    out.push([constraintName('uq', def.name, group), { object: def.name, fields: group, kind: 'unique' }]);
  }
  for (const rule of def.uniqueWhere ?? []) {
    out.push([constraintName('uw', def.name, [rule.name]), { object: def.name, fields: rule.fields, kind: 'unique', ...(rule.message ? { message: rule.message } : {}) }]);
  }
  return out;
}

export function buildSnapshot(definitions: readonly StoredDefinition[], version: number, roles: readonly RoleDocument[] = [], workflows: readonly StoredWorkflow[] = []): SchemaSnapshot {
  const objects = new Map<string, ObjectInfo>();
  for (const o of BUILT_IN_OBJECTS) objects.set(o.name, o);
  const incoming = new Map<string, IncomingLookup[]>();
  const constraints = new Map<string, GuardedConstraint>();
  for (const stored of definitions) {
    const info = compileObject(stored);
    objects.set(info.name, info);
    for (const f of info.customFields) {
      if (f.type !== 'lookup' || !f.target) continue;
      const list = incoming.get(f.target) ?? [];
      list.push({ object: info.name, field: f.name });
      incoming.set(f.target, list);
    }
    for (const [name, c] of constraintsOf(stored.definition)) constraints.set(name, c);
  }
  return Object.freeze({
    version,
    objects,
    roles: new Map(roles.map((r) => [r.name, r])),
    workflows: new Map(workflows.map((w) => [w.definition.name, w])),
    object(name: string, options?: { recordsOnly?: boolean }) {
      const info = objects.get(name);
      if (!info || (options?.recordsOnly && info.system)) {
        throw createError('NOT_FOUND', msg('object.notFound', { name: String(name).slice(0, 80) }));
      }
      return info;
    },
    incomingLookups(object: string) {
      return incoming.get(object) ?? [];
    },
    constraint(name: string) {
      return constraints.get(name);
    },
  });
}
