import { pointerToken } from './json-pointer.ts';

/** One difference between two JSON documents, at an RFC 6901 pointer. */
export interface JsonChange {
  pointer: string;
  change: 'added' | 'removed' | 'changed';
  /** Absent for an addition. */
  before?: unknown;
  /** Absent for a removal. */
  after?: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown) => v === null || typeof v !== 'object';

// Elements of a definition's arrays are named (fields, states, rules, options with values): matched by
// that name, an inserted field is one addition instead of a change at every later index.
const IDENTITY_KEYS = ['name', 'key', 'value', 'id'] as const;

function identityKey(before: readonly unknown[], after: readonly unknown[]): string | undefined {
  const all = [...before, ...after];
  if (!all.length || !all.every(isObject)) return undefined;
  return IDENTITY_KEYS.find((key) => {
    const unique = (list: readonly unknown[]) => {
      const ids = list.map((e) => (e as Record<string, unknown>)[key]);
      return ids.every((id) => typeof id === 'string' || typeof id === 'number') && new Set(ids).size === ids.length;
    };
    return unique(before) && unique(after);
  });
}

/** Deep equality of JSON values; key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]));
}

/**
 * What changed from `before` to `after`, as pointers into the documents: an addition or a change
 * points into `after`, a removal into `before`. Arrays of primitives (enum options, role lists) change
 * as a whole; arrays of named objects are matched by name, and a pure reordering is one change of
 * the array; other arrays are compared index by index.
 */
export function jsonChanges(before: unknown, after: unknown, at = ''): JsonChange[] {
  if (sameJson(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const out: JsonChange[] = [];
    for (const key of Object.keys(before)) {
      const pointer = `${at}/${pointerToken(key)}`;
      if (!(key in after)) out.push({ pointer, change: 'removed', before: before[key] });
      else out.push(...jsonChanges(before[key], after[key], pointer));
    }
    for (const key of Object.keys(after)) if (!(key in before)) out.push({ pointer: `${at}/${pointerToken(key)}`, change: 'added', after: after[key] });
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after) && !(before.every(isPrimitive) && after.every(isPrimitive))) {
    return arrayChanges(before as Json[], after as Json[], at);
  }
  return [{ pointer: at, change: 'changed', before, after }];
}

function arrayChanges(before: Json[], after: Json[], at: string): JsonChange[] {
  const key = identityKey(before, after);
  const out: JsonChange[] = [];
  if (!key) {
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) out.push(...jsonChanges(before[i], after[i], `${at}/${i}`));
    for (let i = common; i < before.length; i++) out.push({ pointer: `${at}/${i}`, change: 'removed', before: before[i] });
    for (let i = common; i < after.length; i++) out.push({ pointer: `${at}/${i}`, change: 'added', after: after[i] });
    return out;
  }
  const idOf = (e: Json) => (e as Record<string, Json>)[key];
  const afterIndex = new Map(after.map((e, i) => [idOf(e), i]));
  const beforeIndex = new Map(before.map((e, i) => [idOf(e), i]));
  before.forEach((element, i) => {
    if (!afterIndex.has(idOf(element))) out.push({ pointer: `${at}/${i}`, change: 'removed', before: element });
  });
  after.forEach((element, i) => {
    const was = beforeIndex.get(idOf(element));
    if (was === undefined) out.push({ pointer: `${at}/${i}`, change: 'added', after: element });
    else out.push(...jsonChanges(before[was], element, `${at}/${i}`));
  });
  const kept = (list: Json[], other: Map<Json, number>) => list.map(idOf).filter((id) => other.has(id));
  const orderBefore = kept(before, afterIndex);
  const orderAfter = kept(after, beforeIndex);
  if (orderBefore.some((id, i) => id !== orderAfter[i])) out.push({ pointer: at, change: 'changed', before: orderBefore, after: orderAfter });
  return out;
}

/** JSON text with every object's keys sorted, so that equal documents give equal text (for hashing). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
