import type { FilterOp } from './field-types';

/** One condition of the filter builder: `{path: {op: value}}`, optionally negated with `$not`. */
export interface Condition {
  path: string;
  op: FilterOp;
  value: unknown;
  negate: boolean;
}

export interface FilterModel {
  mode: '$and' | '$or';
  conditions: Condition[];
}

export const emptyFilterModel = (): FilterModel => ({ mode: '$and', conditions: [] });

function conditionValue(c: Condition): unknown {
  if (c.op === '$null') return c.value !== false;
  if (c.op === '$in' || c.op === '$nin') return Array.isArray(c.value) ? c.value : c.value === null || c.value === undefined || c.value === '' ? [] : [c.value];
  if (c.op === '$between') return Array.isArray(c.value) ? c.value : [null, null];
  return c.value;
}

/** A condition is complete when it has the value its operator needs. */
export function isComplete(c: Condition): boolean {
  if (!c.path) return false;
  const v = conditionValue(c);
  if (c.op === '$null') return true;
  if (c.op === '$between') return Array.isArray(v) && v.length === 2 && v.every((x) => x !== null && x !== undefined && x !== '');
  if (c.op === '$in' || c.op === '$nin') return Array.isArray(v) && v.length > 0;
  return v !== null && v !== undefined && v !== '';
}

/** The builder's conditions in the filter language (SPEC §5.3); undefined when there are none. */
export function toFilter(model: FilterModel): Record<string, unknown> | undefined {
  const parts = model.conditions.filter(isComplete).map((c) => {
    const one = { [c.path]: { [c.op]: conditionValue(c) } };
    return c.negate ? { $not: one } : one;
  });
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return { [model.mode]: parts };
}

/** Reads a filter back into the builder when it has the builder's shape; null when it does not (edit it as JSON). */
export function fromFilter(filter: unknown): FilterModel | null {
  if (filter === undefined || filter === null) return emptyFilterModel();
  if (typeof filter !== 'object' || Array.isArray(filter)) return null;
  const obj = filter as Record<string, unknown>;
  const keys = Object.keys(obj);
  let mode: FilterModel['mode'] = '$and';
  let parts: unknown[];
  if (keys.length === 1 && (keys[0] === '$and' || keys[0] === '$or') && Array.isArray(obj[keys[0]])) {
    mode = keys[0] as FilterModel['mode'];
    parts = obj[keys[0]] as unknown[];
  } else {
    parts = [obj];
  }
  const conditions: Condition[] = [];
  for (const part of parts) {
    if (!part || typeof part !== 'object' || Array.isArray(part)) return null;
    let negate = false;
    let inner = part as Record<string, unknown>;
    if (Object.keys(inner).length === 1 && '$not' in inner) {
      negate = true;
      inner = inner.$not as Record<string, unknown>;
      if (!inner || typeof inner !== 'object') return null;
    }
    for (const [path, test] of Object.entries(inner)) {
      if (path.startsWith('$') || !test || typeof test !== 'object' || Array.isArray(test)) return null;
      const ops = Object.entries(test as Record<string, unknown>);
      if (negate && (ops.length !== 1 || Object.keys(inner).length !== 1)) return null;
      for (const [op, value] of ops) conditions.push({ path, op: op as FilterOp, value, negate });
    }
  }
  return { mode, conditions };
}
