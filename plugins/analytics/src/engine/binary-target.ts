import type { FeatureRow } from './feature-encoding.ts';

/**
 * The target of a classifier as 0/1 per row: 1 where the field equals the positive value. A row
 * without a target cannot be learnt from; the caller leaves such rows out (an error says which).
 */
export function binaryTarget(rows: readonly FeatureRow[], field: string, positive: unknown = true): Uint8Array {
  const target = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i][field];
    if (value === null || value === undefined) throw new Error(`row ${i} has no value for the target '${field}'`);
    target[i] = value === positive ? 1 : 0;
  }
  return target;
}
