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
  // No closure in this loop: under tsx every closure created is also given a name, per iteration.
  let bestGain = 1e-12;
  let bestBin = -1;
  let bestMissingLeft = false;
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
    const options = missingRows > 0 ? 2 : 1;
    for (let option = 0; option < options; option++) {
      const missingLeft = missingRows > 0 ? option === 0 : leftRows >= presentRows - leftRows;
      const candidateRows = missingLeft ? leftRows + missingRows : leftRows;
      const candidatePositives = missingLeft ? leftPositives + missingPositives : leftPositives;
      const otherRows = totalRows - candidateRows;
      if (candidateRows < minLeaf || otherRows < minLeaf) continue;
      const gain = parent - weightedGini(candidateRows, candidatePositives) - weightedGini(otherRows, totalPositives - candidatePositives);
      if (gain > bestGain) {
        bestGain = gain;
        bestBin = (bin + next - 1) >> 1;
        bestMissingLeft = missingLeft;
      }
    }
    bin = next;
  }
  return bestBin < 0 ? undefined : { kind: 'numeric', bin: bestBin, missingLeft: bestMissingLeft, gain: bestGain };
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
