import type { WriteBack } from '../../generated/analysis.ts';

// Which field types fit each role in an analysis. Free of platform imports, so the definition form
// (ui/kind-form.ts) offers exactly the fields the check (check-source.ts, check-write-back.ts) accepts.

/** Field types whose values are numbers (sums, means, scores, numeric features). */
export const NUMERIC_TYPES: ReadonlySet<string> = new Set(['number', 'integer', 'currency', 'percent']);
export const DATE_TYPES: ReadonlySet<string> = new Set(['date', 'datetime']);
/** Types a GROUP BY cannot use as an item or segment. */
export const UNGROUPABLE_TYPES: ReadonlySet<string> = new Set(['json', 'multienum', 'textarea']);
export const CLASSIFIER_FEATURE_TYPES: ReadonlySet<string> = new Set([...NUMERIC_TYPES, 'boolean', 'enum', 'text', 'lookup', 'email', 'phone', 'url']);
/** A classifier's target: yes/no, or an option or text with the value that counts as yes. */
export const TARGET_TYPES: ReadonlySet<string> = new Set(['boolean', 'enum', 'text']);

/** The field types that hold each result an analysis writes back. */
export const WRITE_BACK_TYPES: Readonly<Record<keyof WriteBack, ReadonlySet<string>>> = {
  segment: new Set(['enum', 'text']),
  scores: new Set(['text']),
  quadrant: new Set(['enum', 'text']),
  flag: new Set(['boolean']),
  probability: new Set(['number', 'percent']),
  modelVersion: new Set(['integer', 'number', 'text']),
  rule: new Set(['text', 'textarea']),
  cluster: new Set(['integer', 'number', 'text']),
};
