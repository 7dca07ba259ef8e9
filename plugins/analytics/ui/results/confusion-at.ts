// A classifier's confusion matrix and metrics at another threshold than the one it was measured at,
// from its ROC curve: the curve's point at threshold τ counts the test rows with probability ≥ τ as
// predicted yes, so the point with the smallest τ at or above the chosen threshold holds exactly the
// rows predicted yes there (the server keeps up to 200 points; a longer curve is thinned evenly).
import type { ConfusionCounts, RocPoint } from './run-result.ts';

export interface ConfusionAt extends ConfusionCounts {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** The rows predicted yes at `threshold`, as rates of the positives and negatives. */
function pointAt(roc: readonly RocPoint[], threshold: number): { falsePositiveRate: number; truePositiveRate: number } {
  let best: RocPoint | null = null;
  for (const point of roc) {
    const at = point.threshold ?? Infinity;
    if (at >= threshold && (best === null || at < (best.threshold ?? Infinity))) best = point;
  }
  return best ?? { falsePositiveRate: 0, truePositiveRate: 0 };
}

/** `measured` is the matrix at the run's own threshold: its totals are the test rows' positives and negatives. */
export function confusionAt(roc: readonly RocPoint[], measured: ConfusionCounts, threshold: number): ConfusionAt {
  const positives = measured.truePositives + measured.falseNegatives;
  const negatives = measured.falsePositives + measured.trueNegatives;
  const point = pointAt(roc, threshold);
  const truePositives = Math.round(point.truePositiveRate * positives);
  const falsePositives = Math.round(point.falsePositiveRate * negatives);
  const matrix = { truePositives, falsePositives, trueNegatives: negatives - falsePositives, falseNegatives: positives - truePositives };
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, positives);
  return {
    ...matrix,
    accuracy: ratio(truePositives + matrix.trueNegatives, positives + negatives),
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
  };
}
