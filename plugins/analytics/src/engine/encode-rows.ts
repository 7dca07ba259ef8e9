import { binOf } from './numeric-cuts.ts';
import {
  MISSING_CODE, booleanValue, categoryValue, numericValue,
  type CategoricalEncoding, type FeatureEncoding, type FeatureRow,
} from './feature-encoding.ts';

/** One feature of a data set, column-major: a code per row, and for numbers the values too. */
export interface EncodedColumn {
  encoding: FeatureEncoding;
  codes: Uint8Array;
  /** Numeric features only: the value per row, NaN when missing. */
  values?: Float64Array;
}

export interface EncodedDataset {
  rowCount: number;
  columns: EncodedColumn[];
}

function categoryCodes(encoding: CategoricalEncoding): (value: unknown) => number {
  const codes = new Map<string | boolean | null, number>();
  let otherCode = MISSING_CODE;
  encoding.categories.forEach((category, code) => {
    if (category !== null && typeof category === 'object') otherCode = code;
    else codes.set(category, code);
  });
  if (encoding.kind === 'boolean') return (value) => codes.get(booleanValue(value)) ?? MISSING_CODE;
  return (value) => {
    const key = categoryValue(value);
    // A value not seen in training (or too rare to keep) goes with `other`; with no `other`, it
    // takes the code that no categorical split sends left: the rest.
    return codes.get(key) ?? (key === null ? MISSING_CODE : otherCode);
  };
}

/** Rows as column-major codes under the given encodings (those fitted on the training rows). */
export function encodeRows(rows: readonly FeatureRow[], encodings: readonly FeatureEncoding[]): EncodedDataset {
  const rowCount = rows.length;
  const columns = encodings.map((encoding): EncodedColumn => {
    const codes = new Uint8Array(rowCount);
    if (encoding.kind === 'numeric') {
      const values = new Float64Array(rowCount);
      for (let i = 0; i < rowCount; i++) {
        const value = numericValue(rows[i][encoding.name]);
        values[i] = value;
        codes[i] = Number.isNaN(value) ? MISSING_CODE : binOf(value, encoding.cuts);
      }
      return { encoding, codes, values };
    }
    const codeOf = categoryCodes(encoding);
    for (let i = 0; i < rowCount; i++) codes[i] = codeOf(rows[i][encoding.name]);
    return { encoding, codes };
  });
  return { rowCount, columns };
}
