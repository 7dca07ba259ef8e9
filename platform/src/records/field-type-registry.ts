import type { Field } from '../generated/object.ts';

/** A field type a pack registers: a base type it refines and a check of each value written. */
export interface PackFieldType {
  /** The base types a field of this type may have, e.g. ['text', 'phone']. */
  readonly bases: readonly Field['type'][];
  /** A problem with a (base-valid, non-null) value, or null when it is fine. */
  check(value: unknown): string | null;
}

const fieldTypes = new Map<string, PackFieldType>();

/**
 * Registers `<pack>.<name>`; packs do this in their register pass, before any definition is read.
 * The pack's name space is its own, so registering again (a second server in one process) replaces.
 */
export function registerFieldType(name: string, type: PackFieldType): void {
  fieldTypes.set(name, type);
}

export function packFieldType(name: string): PackFieldType | undefined {
  return fieldTypes.get(name);
}
