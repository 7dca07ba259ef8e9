import type { Actor } from '../core/ctx.ts';
import type { FieldInfo, ObjectInfo, SchemaSnapshot } from '../core/snapshot-types.ts';
import type { FieldAccess } from './field-access.ts';

/** What anyone who reaches a user or department through a lookup may read of it. */
const PUBLIC_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  user: new Set(['id', 'name', 'username', 'department']),
  department: new Set(['id', 'name']),
};

const GRANT_KEY = { user: 'users', department: 'departments' } as const;

/**
 * Read access to a field of a built-in object (users, departments) reached through a lookup: the
 * public profile, plus what any of the actor's roles grants under `users` / `departments`. A role's
 * own entry (or `*`) decides for that role; roles combine as a union.
 */
export function profileFieldAccess(snapshot: SchemaSnapshot, actor: Actor, object: ObjectInfo, field: FieldInfo): FieldAccess {
  if (actor.kind === 'system' || actor.superuser) return 'read';
  if (field.name === 'id') return 'read';
  const key = GRANT_KEY[object.name as keyof typeof GRANT_KEY];
  const isPublic = PUBLIC_FIELDS[object.name]?.has(field.name) === true;
  for (const role of actor.roles) {
    const fields = key ? snapshot.roles.get(role)?.[key]?.fields : undefined;
    const entry = fields?.[field.name] ?? fields?.['*'];
    if ((entry ?? (isPublic ? 'read' : 'none')) === 'read') return 'read';
  }
  return 'none';
}
