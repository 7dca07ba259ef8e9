import type { Field, StoredObject } from '@/api/types';
import { SYSTEM_FIELD_DEFS } from '../../utils/system-fields';

export interface PathChoice {
  value: string;
  /** The path as people read it: field labels joined by ›. */
  label: string;
}

type FieldLabel = (f: Field | string) => string;

const leadsTo = (f: Field, targets: readonly string[]) => f.type === 'lookup' && !!f.target && targets.includes(f.target);
const fieldsOf = (def: StoredObject): Field[] => [...def.fields, ...SYSTEM_FIELD_DEFS.filter((f) => f.type === 'lookup')];

/**
 * The paths an approver may be found through (`managerOf`, `departmentHeadOf`, `field`): the object's
 * own lookups to one of `targets` (its system owner, creator and department included), then the same
 * one step further through the object's lookups to records of other objects (`account._owner`), for
 * the objects whose definitions are given.
 */
export function approverPaths(def: StoredObject | null, related: Record<string, StoredObject>, targets: readonly string[], fieldLabel: FieldLabel): PathChoice[] {
  if (!def) return [];
  const own = fieldsOf(def).filter((f) => leadsTo(f, targets)).map((f) => ({ value: f.name, label: fieldLabel(f) }));
  const further = fieldsOf(def)
    .filter((f) => f.type === 'lookup' && f.target && related[f.target] && !f.name.startsWith('_'))
    .flatMap((via) => fieldsOf(related[via.target!]).filter((f) => leadsTo(f, targets)).map((f) => ({ value: `${via.name}.${f.name}`, label: `${fieldLabel(via)} › ${fieldLabel(f)}` })));
  return [...own, ...further];
}

/** A path not among the choices (written by hand in the JSON) still reads as labels where it can. */
export function pathLabel(path: string, choices: PathChoice[], fieldLabel: FieldLabel): string {
  return choices.find((c) => c.value === path)?.label ?? path.split('.').map((part) => fieldLabel(part)).join(' › ');
}
