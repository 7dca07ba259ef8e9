import { MISSING_CODE } from './feature-encoding.ts';

/**
 * The best gini split of one feature at one node, from the node's histogram of that feature: rows
 * and positives per code (256 codes from `offset`). Gain is the impurity decrease weighted by rows,
 * n·G(node) − nL·G(left) − nR·G(right) with G = 2p(1 − p), so gains of nodes of different sizes
 * add up to a feature's importance.
 */
export interface NumericSplitChoice {
  kind: 'numeric';
  /** Codes ≤ bin go left. */
  bin: number;
  missingLeft: boolean;
  gain: number;
}

export interface CategoricalSplitChoice {
  kind: 'categorical';
  /** The codes that go left, ascending; every other code (and an unseen category) goes right. */
  codes: number[];
  gain: number;
}

export type SplitChoice = NumericSplitChoice | CategoricalSplitChoice;

export interface Histogram {
  rows: ArrayLike<number>;
  positives: ArrayLike<number>;
  offset: number;
}

/** Gini impurity times the number of rows. */
export const weightedGini = (rows: number, positives: number) => (rows === 0 ? 0 : (2 * positives * (rows - positives)) / rows);

/**
 * Ordered bins 0..binCount-1 and the missing code. Between two non-empty bins every cut gives the same
 * partition of the node's rows; the middle one is taken. Missing values go to whichever side gains
 * more; when the node has none, they follow the larger side (for records scored later).
 */
export function bestNumericSplit(histogram: Histogram, binCount: number, minLeaf: number): NumericSplitChoice | undefined {
  const { rows, positives, offset } = histogram;
  const missingRows = rows[offset + MISSING_CODE];
  const missingPositives = positives[offset + MISSING_CODE];
  let presentRows = 0;
  let presentPositives = 0;
  for (let b = 0; b < binCount; b++) {
    presentRows += rows[offset + b];
    presentPositives += positives[offset + b];
  }
  const totalRows = presentRows + missingRows;
  const totalPositives = presentPositives + missingPositives;
  const parent = weightedGini(totalRows, totalPositives);
  let best: NumericSplitChoice | undefined;
  let leftRows = 0;
  let leftPositives = 0;
  let bin = 0;
  while (bin < binCount && rows[offset + bin] === 0) bin++;
  while (bin < binCount) {
    leftRows += rows[offset + bin];
    leftPositives += positives[offset + bin];
    let next = bin + 1;
    while (next < binCount && rows[offset + next] === 0) next++;
    if (next >= binCount) break;
    const cutBin = (bin + next - 1) >> 1;
    const rightRows = presentRows - leftRows;
    const consider = (lRows: number, lPositives: number, missingLeft: boolean) => {
      const rRows = totalRows - lRows;
      if (lRows < minLeaf || rRows < minLeaf) return;
      const gain = parent - weightedGini(lRows, lPositives) - weightedGini(rRows, totalPositives - lPositives);
      if (gain > 1e-12 && (!best || gain > best.gain)) best = { kind: 'numeric', bin: cutBin, missingLeft, gain };
    };
    if (missingRows > 0) {
      consider(leftRows + missingRows, leftPositives + missingPositives, true);
      consider(leftRows, leftPositives, false);
    } else {
      consider(leftRows, leftPositives, leftRows >= rightRows);
    }
    bin = next;
  }
  return best;
}

/**
 * Categories ordered by their rate of positives; the best split is a prefix of that order against
 * the rest (the optimal gini partition for a binary target, Breiman et al. 1984).
 */
export function bestCategoricalSplit(histogram: Histogram, categoryCount: number, minLeaf: number): CategoricalSplitChoice | undefined {
  const { rows, positives, offset } = histogram;
  const present: number[] = [];
  let totalRows = rows[offset + MISSING_CODE];
  let totalPositives = positives[offset + MISSING_CODE];
  for (let c = 0; c < categoryCount; c++) {
    totalRows += rows[offset + c];
    totalPositives += positives[offset + c];
    if (rows[offset + c] > 0) present.push(c);
  }
  if (present.length < 2) return undefined;
  const rate = (c: number) => positives[offset + c] / rows[offset + c];
  present.sort((a, b) => rate(a) - rate(b) || a - b);
  const parent = weightedGini(totalRows, totalPositives);
  let best: CategoricalSplitChoice | undefined;
  let bestLength = 0;
  let leftRows = 0;
  let leftPositives = 0;
  for (let k = 0; k < present.length - 1; k++) {
    leftRows += rows[offset + present[k]];
    leftPositives += positives[offset + present[k]];
    const rightRows = totalRows - leftRows;
    if (leftRows < minLeaf || rightRows < minLeaf) continue;
    const gain = parent - weightedGini(leftRows, leftPositives) - weightedGini(rightRows, totalPositives - leftPositives);
    if (gain > 1e-12 && (!best || gain > best.gain)) {
      best = { kind: 'categorical', codes: [], gain };
      bestLength = k + 1;
    }
  }
  if (best) best.codes = present.slice(0, bestLength).sort((a, b) => a - b);
  return best;
}
