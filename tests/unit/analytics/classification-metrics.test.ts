import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, calibrationTable, classificationMetrics, confusionMatrix, precisionAtTop, rocAuc, rocCurve } from '../../../plugins/analytics/src/engine/index.ts';

/** Numbers equal to 12 places, field by field. */
function expectClose(actualValue: object, expected: Record<string, number | null>) {
  expect(Object.keys(actualValue).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, value] of Object.entries(expected)) {
    const got = (actualValue as Record<string, number | null>)[key];
    if (value === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(value, 12);
  }
}

// Six rows with ties: two at 0.9 (a positive and a negative), two at 0.5 (likewise).
const actual = [1, 0, 1, 0, 1, 0];
const probabilities = [0.9, 0.9, 0.7, 0.5, 0.5, 0.1];

describe('confusion matrix and its ratios', () => {
  it('counts a row as predicted positive from the threshold on', () => {
    const matrix = confusionMatrix(actual, probabilities, 0.5);
    expect(matrix).toEqual({ truePositives: 3, falsePositives: 2, trueNegatives: 1, falseNegatives: 0 });
    expectClose(classificationMetrics(matrix), { accuracy: 4 / 6, precision: 3 / 5, recall: 1, f1: 0.75 });
  });

  it('gives 0 for a ratio with nothing to divide by', () => {
    const matrix = confusionMatrix(actual, probabilities, 0.95);
    expect(matrix).toEqual({ truePositives: 0, falsePositives: 0, trueNegatives: 3, falseNegatives: 3 });
    expect(classificationMetrics(matrix)).toEqual({ accuracy: 0.5, precision: 0, recall: 0, f1: 0 });
  });
});

describe('ROC', () => {
  it('moves tied rows together: one point per distinct probability', () => {
    expect(rocCurve(actual, probabilities)).toEqual([
      { threshold: Infinity, falsePositiveRate: 0, truePositiveRate: 0 },
      { threshold: 0.9, falsePositiveRate: 1 / 3, truePositiveRate: 1 / 3 },
      { threshold: 0.7, falsePositiveRate: 1 / 3, truePositiveRate: 2 / 3 },
      { threshold: 0.5, falsePositiveRate: 2 / 3, truePositiveRate: 1 },
      { threshold: 0.1, falsePositiveRate: 1, truePositiveRate: 1 },
    ]);
  });

  it('counts a tied positive–negative pair as half in the AUC', () => {
    // Pairs (positive, negative) ranked right: 0.9 vs {0.9: ½, 0.5, 0.1} = 2.5; 0.7 vs {0.5, 0.1} = 2;
    // 0.5 vs {0.5: ½, 0.1} = 1.5; 6 of 9.
    expect(rocAuc(actual, probabilities)).toBeCloseTo(6 / 9, 12);
    expect(rocAuc([1, 1, 0, 0], [0.8, 0.7, 0.3, 0.2])).toBe(1);
    expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('has no AUC for a single class', () => {
    expect(rocAuc([1, 1], [0.2, 0.9])).toBeNull();
  });
});

describe('track record', () => {
  it('measures precision in the top decile', () => {
    // 20 rows: the top 2 by probability are one positive, one negative.
    const scores = Array.from({ length: 20 }, (_, i) => 1 - i / 20);
    const outcomes = Array.from({ length: 20 }, (_, i) => (i === 0 || i === 5 ? 1 : 0));
    expect(precisionAtTop(outcomes, scores)).toBe(0.5);
    expect(precisionAtTop(outcomes, scores, 0.05)).toBe(1);
    expect(precisionAtTop([], [])).toBe(0);
  });

  it('tables predicted against observed by probability band', () => {
    const table = calibrationTable([0, 0, 1, 1, 1], [0.1, 0.3, 0.2, 0.8, 1], 2);
    expect(table).toHaveLength(2);
    expectClose(table[0], { from: 0, to: 0.5, rows: 3, meanPredicted: 0.2, observedRate: 1 / 3 });
    expectClose(table[1], { from: 0.5, to: 1, rows: 2, meanPredicted: 0.9, observedRate: 1 });
    expect(calibrationTable([1], [0.95], 4)[1]).toEqual({ from: 0.25, to: 0.5, rows: 0, meanPredicted: null, observedRate: null });
  });
});

describe('adjustedRandIndex', () => {
  it('is 1 for the same grouping under other label numbers', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, 9, 9])).toBe(1);
  });

  it('matches a hand-computed case', () => {
    // Pairs within both: 2 of 15; within a: 6, within b: 3; expected 6·3/15 = 1.2, maximum 4.5.
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo((2 - 1.2) / (4.5 - 1.2), 12);
  });

  it('is below 0 for a grouping that disagrees more than chance', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeLessThan(0);
  });
});
