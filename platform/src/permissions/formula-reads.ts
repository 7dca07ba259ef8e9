import type { FieldInfo } from '../core/snapshot-types.ts';

const cache = new WeakMap<FieldInfo, readonly (readonly string[])[]>();
const MAX_NODES = 1_000;

/**
 * The field paths a formula reads (`$field` operands), each split into its lookup segments. Read
 * from the definition, without compiling SQL, so visibility can be derived once per policy.
 */
export function formulaReads(field: FieldInfo): readonly (readonly string[])[] {
  if (field.column !== null || field.expression === undefined) return [];
  let reads = cache.get(field);
  if (reads) return reads;
  const paths = new Set<string>();
  let nodes = 0;
  const walk = (node: unknown): void => {
    if (++nodes > MAX_NODES || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(walk);
    for (const [key, value] of Object.entries(node)) {
      if (key === '$field' && typeof value === 'string') paths.add(value);
      else walk(value);
    }
  };
  walk(field.expression);
  reads = [...paths].map((p) => p.split('.'));
  cache.set(field, reads);
  return reads;
}
