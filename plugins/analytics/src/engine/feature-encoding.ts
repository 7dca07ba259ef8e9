import type { LocalText } from './local-text.ts';
import { quantileCuts } from './numeric-cuts.ts';

/**
 * How each feature of a data set becomes small integer codes (Uint8) that the tree and the forest
 * train on: numeric features by quantile bins, booleans and text by category. An encoding is plain
 * data (kept with a model) and encodes the records scored later exactly as the training rows.
 */
export type FeatureKind = 'numeric' | 'boolean' | 'categorical';

export interface FeatureSpec {
  name: string;
  kind: FeatureKind;
  label?: LocalText;
}

export type FeatureRow = Readonly<Record<string, unknown>>;

/** Codes 0..254 are bins or categories; 255 is a missing number, or a category not seen in training. */
export const MISSING_CODE = 255;
export const MAX_BINS = 255;
/** Categories beyond this many (by frequency) share the code of `other`. */
export const MAX_CATEGORIES = 254;

export interface NumericEncoding {
  kind: 'numeric';
  name: string;
  label?: LocalText;
  /** Ascending; bin b holds cuts[b - 1] ≤ v < cuts[b]. */
  cuts: number[];
  /** Whether training rows had missing values (rules mention missing only then). */
  hadMissing: boolean;
}

/** A category is a text value, a boolean, `null` for missing, or `{ other: true }` for the rare rest. */
export type Category = string | boolean | null | { other: true };

export interface CategoricalEncoding {
  kind: 'boolean' | 'categorical';
  name: string;
  label?: LocalText;
  /** Index = code. */
  categories: Category[];
}

export type FeatureEncoding = NumericEncoding | CategoricalEncoding;

export interface EncodingOptions {
  /** At most this many numeric bins (≤ 255). */
  maxBins?: number;
}

const isMissing = (value: unknown) => value === null || value === undefined || value === '';

/** A number, or NaN when missing or not a number (numeric columns may arrive as strings from SQL). */
export function numericValue(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  if (value instanceof Date) return value.getTime();
  return NaN;
}

/** true, false, or null when missing or not a boolean. */
export function booleanValue(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 'true' || value === 't') return true;
  if (value === 0 || value === 'false' || value === 'f') return false;
  return null;
}

/** The category key of a text value: its string, or null when missing. */
export function categoryValue(value: unknown): string | null {
  return isMissing(value) ? null : String(value);
}

function numericEncoding(spec: FeatureSpec, rows: readonly FeatureRow[], maxBins: number): NumericEncoding {
  const finite = new Float64Array(rows.length);
  let count = 0;
  for (const row of rows) {
    const value = numericValue(row[spec.name]);
    if (!Number.isNaN(value)) finite[count++] = value;
  }
  const sorted = finite.subarray(0, count).sort();
  return { kind: 'numeric', name: spec.name, label: spec.label, cuts: quantileCuts(sorted, maxBins), hadMissing: count < rows.length };
}

function booleanEncoding(spec: FeatureSpec, rows: readonly FeatureRow[]): CategoricalEncoding {
  const categories: Category[] = [false, true];
  if (rows.some((row) => booleanValue(row[spec.name]) === null)) categories.push(null);
  return { kind: 'boolean', name: spec.name, label: spec.label, categories };
}

function categoricalEncoding(spec: FeatureSpec, rows: readonly FeatureRow[]): CategoricalEncoding {
  const counts = new Map<string | null, number>();
  for (const row of rows) {
    const value = categoryValue(row[spec.name]);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const byFrequency = [...counts].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  const categories: Category[] = byFrequency.length <= MAX_CATEGORIES
    ? byFrequency.map(([value]) => value)
    : [...byFrequency.slice(0, MAX_CATEGORIES - 1).map(([value]) => value), { other: true }];
  return { kind: 'categorical', name: spec.name, label: spec.label, categories };
}

/** The encodings of the features, learnt from the training rows. */
export function fitEncodings(rows: readonly FeatureRow[], specs: readonly FeatureSpec[], options: EncodingOptions = {}): FeatureEncoding[] {
  const maxBins = Math.min(MAX_BINS, Math.max(2, options.maxBins ?? MAX_BINS));
  return specs.map((spec) => {
    switch (spec.kind) {
      case 'numeric': return numericEncoding(spec, rows, maxBins);
      case 'boolean': return booleanEncoding(spec, rows);
      case 'categorical': return categoricalEncoding(spec, rows);
      default: {
        const unknown: never = spec.kind;
        throw new Error(`unknown feature kind '${String(unknown)}'`);
      }
    }
  });
}
