import { describe, expect, it } from 'vitest';
import { quantileScores } from '../../../plugins/analytics/src/kinds/rfm-scores.ts';

describe('quantileScores', () => {
  it('scores ten customers into five bins of two, lowest values 1', () => {
    // Sorted: 10 20 | 30 40 | 50 60 | 70 80 | 90 100; a customer scores 1 + ⌊5 × (values below) / 10⌋.
    expect(quantileScores([100, 10, 50, 20, 90, 30, 80, 40, 70, 60], 5)).toEqual([5, 1, 3, 1, 5, 2, 4, 2, 4, 3]);
  });

  it('gives equal values equal scores: that of the first of them', () => {
    // Values below each: 1 → 0, 2 → 2, 3 → 4, 9 → 5 of 6 customers; 1 + ⌊3 × below / 6⌋.
    expect(quantileScores([2, 1, 2, 3, 9, 1], 3)).toEqual([2, 1, 2, 3, 3, 1]);
    expect(quantileScores([7, 7, 7], 5)).toEqual([1, 1, 1]);
  });

  it('scores recency with the most recent buyers highest when given days as negative numbers', () => {
    const daysSinceLastPurchase = [3, 400, 40, 120];
    expect(quantileScores(daysSinceLastPurchase.map((d) => -d), 4)).toEqual([4, 1, 3, 2]);
  });
});
