import type { Field, StoredObject } from '@/api/types';

/** The system fields every record has (SPEC §5.2), described like fields so that lists and filters can use them. */
export const SYSTEM_FIELD_DEFS: Field[] = [
  { name: '_owner', type: 'lookup', target: 'user' },
  { name: '_department', type: 'lookup', target: 'department' },
  { name: '_state', type: 'text' },
  { name: '_created_at', type: 'datetime' },
  { name: '_created_by', type: 'lookup', target: 'user' },
  { name: '_updated_at', type: 'datetime' },
];

/** A field of the object, or a system field, by name. */
export function fieldByName(def: StoredObject, name: string): Field | undefined {
  return def.fields.find((f) => f.name === name) ?? SYSTEM_FIELD_DEFS.find((f) => f.name === name);
}
