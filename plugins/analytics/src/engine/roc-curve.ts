/**
 * The ROC curve: one point per distinct probability, from the highest down, after every row with
 * that probability has been predicted positive. Rows with equal probabilities move the curve
 * together (a diagonal step), so the area under it counts a tied positive–negative pair as half.
 */
export interface RocPoint {
  /** Rows with probability ≥ threshold are predicted positive. */
  threshold: number;
  falsePositiveRate: number;
  truePositiveRate: number;
}

/** Row indices by probability, highest first (ties by index, so the order is stable). */
export function byProbabilityDescending(probabilities: ArrayLike<number>): Uint32Array {
  const order = Uint32Array.from({ length: probabilities.length }, (_, i) => i);
  return order.sort((a, b) => probabilities[b] - probabilities[a] || a - b);
}

export function rocCurve(actual: ArrayLike<number>, probabilities: ArrayLike<number>): RocPoint[] {
  let positives = 0;
  for (let i = 0; i < actual.length; i++) positives += actual[i] === 1 ? 1 : 0;
  const negatives = actual.length - positives;
  const order = byProbabilityDescending(probabilities);
  const points: RocPoint[] = [{ threshold: Infinity, falsePositiveRate: 0, truePositiveRate: 0 }];
  let truePositives = 0;
  let falsePositives = 0;
  for (let i = 0; i < order.length; i++) {
    if (actual[order[i]] === 1) truePositives++;
    else falsePositives++;
    const threshold = probabilities[order[i]];
    if (i + 1 < order.length && probabilities[order[i + 1]] === threshold) continue;
    points.push({
      threshold,
      falsePositiveRate: negatives ? falsePositives / negatives : 0,
      truePositiveRate: positives ? truePositives / positives : 0,
    });
  }
  return points;
}

/** The area under the ROC curve (trapezoids); null when the rows hold only one class. */
export function rocAuc(actual: ArrayLike<number>, probabilities: ArrayLike<number>): number | null {
  let positives = 0;
  for (let i = 0; i < actual.length; i++) positives += actual[i] === 1 ? 1 : 0;
  if (positives === 0 || positives === actual.length) return null;
  const points = rocCurve(actual, probabilities);
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const width = points[i].falsePositiveRate - points[i - 1].falsePositiveRate;
    area += (width * (points[i].truePositiveRate + points[i - 1].truePositiveRate)) / 2;
  }
  return area;
}
