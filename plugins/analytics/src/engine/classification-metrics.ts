/**
 * How well predicted probabilities match known outcomes (1 = positive), at a threshold: a row is
 * predicted positive when its probability ≥ threshold. A ratio with nothing to divide by is 0.
 */
export interface ConfusionMatrix {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

export interface ClassificationMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}

export function confusionMatrix(actual: ArrayLike<number>, probabilities: ArrayLike<number>, threshold: number): ConfusionMatrix {
  const matrix: ConfusionMatrix = { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };
  for (let i = 0; i < actual.length; i++) {
    const predicted = probabilities[i] >= threshold;
    if (actual[i] === 1) {
      if (predicted) matrix.truePositives++;
      else matrix.falseNegatives++;
    } else if (predicted) matrix.falsePositives++;
    else matrix.trueNegatives++;
  }
  return matrix;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

export function classificationMetrics(matrix: ConfusionMatrix): ClassificationMetrics {
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = matrix;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return { accuracy: ratio(tp + tn, tp + fp + tn + fn), precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
}
